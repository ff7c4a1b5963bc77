//! The event log: appended in the same transaction as the change it describes, read
//! back in id order by the dispatcher and by `Last-Event-ID` replays. Ids carry the
//! store's epoch in their high bits (`epoch << 32 | seq`, see migration 0005).

use app::model::{
    Appointment, BayInfo, ComplaintView, DeskRequest, FollowUpTask, JobView, StockPart,
};
use chrono::{DateTime, Utc};
use sqlx::{FromRow, Row, SqliteConnection, SqlitePool};

use super::{parse_ts, ts, StoreError};

/// One logged change: the new state of a job (with the bay it left, if any) or of a bay.
#[derive(Debug, Clone)]
pub struct LogEvent {
    pub id: i64,
    pub body: LogEventBody,
}

#[derive(Debug, Clone)]
pub enum LogEventBody {
    Job {
        job: Box<JobView>,
        prev_bay_id: Option<i64>,
    },
    Bay(BayInfo),
    DeskRequest(DeskRequest),
    /// A part's stock after a change (staff only: the `parts` channel).
    Part(StockPart),
    /// A follow-up call after a change (the `aftersales` channel only).
    FollowUp(Box<FollowUpTask>),
    /// A complaint after a change (the `aftersales` channel only).
    Complaint(Box<ComplaintView>),
    /// An appointment after a change (the `desk` channel only).
    Appointment(Box<Appointment>),
}

/// The job's new state; the messages it causes are queued at `now` (the store's clock).
/// An event row's `at` is the wall-clock time it was written, for whoever reads the file.
pub async fn append_job_event(
    conn: &mut SqliteConnection,
    job: &JobView,
    prev_bay_id: Option<i64>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i64, StoreError> {
    super::enqueue_for_job(conn, job, now).await?;
    let payload = serde_json::to_string(job).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let id = sqlx::query_scalar(
        "INSERT INTO events (at, kind, job_id, bay_id, prev_bay_id, payload) VALUES (?, 'job', ?, ?, ?, ?) RETURNING id",
    )
    .bind(ts(chrono::Utc::now()))
    .bind(job.id)
    .bind(job.bay_id)
    .bind(prev_bay_id)
    .bind(payload)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn append_bay_event(
    conn: &mut SqliteConnection,
    bay: &BayInfo,
) -> Result<i64, StoreError> {
    let payload = serde_json::to_string(bay).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let id = sqlx::query_scalar(
        "INSERT INTO events (at, kind, bay_id, payload) VALUES (?, 'bay', ?, ?) RETURNING id",
    )
    .bind(ts(chrono::Utc::now()))
    .bind(bay.id)
    .bind(payload)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn append_desk_request_event(
    conn: &mut SqliteConnection,
    request: &DeskRequest,
) -> Result<i64, StoreError> {
    let payload = serde_json::to_string(request).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let id = sqlx::query_scalar(
        "INSERT INTO events (at, kind, payload) VALUES (?, 'desk_request', ?) RETURNING id",
    )
    .bind(ts(chrono::Utc::now()))
    .bind(payload)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// A follow-up call's new state, for the `aftersales` channel.
pub async fn append_follow_up_event(
    conn: &mut SqliteConnection,
    task: &FollowUpTask,
) -> Result<i64, StoreError> {
    append_payload_event(conn, "follow_up", task).await
}

/// A complaint's new state, for the `aftersales` channel.
pub async fn append_complaint_event(
    conn: &mut SqliteConnection,
    complaint: &ComplaintView,
) -> Result<i64, StoreError> {
    append_payload_event(conn, "complaint", complaint).await
}

/// An appointment's new state (booked, confirmed, moved, cancelled), for the `desk`.
pub async fn append_appointment_event(
    conn: &mut SqliteConnection,
    appointment: &Appointment,
) -> Result<i64, StoreError> {
    append_payload_event(conn, "appointment", appointment).await
}

async fn append_payload_event(
    conn: &mut SqliteConnection,
    kind: &str,
    body: &impl serde::Serialize,
) -> Result<i64, StoreError> {
    let payload = serde_json::to_string(body).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let id =
        sqlx::query_scalar("INSERT INTO events (at, kind, payload) VALUES (?, ?, ?) RETURNING id")
            .bind(ts(chrono::Utc::now()))
            .bind(kind)
            .bind(payload)
            .fetch_one(&mut *conn)
            .await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    kind: String,
    prev_bay_id: Option<i64>,
    payload: String,
}

impl EventRow {
    fn into_event(self) -> Result<LogEvent, StoreError> {
        let corrupt = |e: serde_json::Error| StoreError::Corrupt(format!("event {}: {e}", self.id));
        let body = match self.kind.as_str() {
            "job" => LogEventBody::Job {
                job: Box::new(serde_json::from_str(&self.payload).map_err(corrupt)?),
                prev_bay_id: self.prev_bay_id,
            },
            "bay" => LogEventBody::Bay(serde_json::from_str(&self.payload).map_err(corrupt)?),
            "desk_request" => {
                LogEventBody::DeskRequest(serde_json::from_str(&self.payload).map_err(corrupt)?)
            }
            "part" => LogEventBody::Part(serde_json::from_str(&self.payload).map_err(corrupt)?),
            "follow_up" => {
                LogEventBody::FollowUp(serde_json::from_str(&self.payload).map_err(corrupt)?)
            }
            "complaint" => {
                LogEventBody::Complaint(serde_json::from_str(&self.payload).map_err(corrupt)?)
            }
            "appointment" => {
                LogEventBody::Appointment(serde_json::from_str(&self.payload).map_err(corrupt)?)
            }
            other => {
                return Err(StoreError::Corrupt(format!(
                    "event {}: kind {other:?}",
                    self.id
                )))
            }
        };
        Ok(LogEvent { id: self.id, body })
    }
}

/// A page of the log: the events that could be read, and the id of the last row looked
/// at (past any row that could not be decoded), so a reader moves on from there.
#[derive(Debug, Default)]
pub struct EventBatch {
    pub events: Vec<LogEvent>,
    pub end: Option<i64>,
}

/// The rows of the log a channel can carry, as far as SQL can tell: every row, one bay's
/// (jobs at it or leaving it, and the bay itself), or one job's (by tracking token).
#[derive(Debug, Clone, Copy)]
pub enum LogScope<'a> {
    All,
    Bay(i64),
    Job(&'a str),
}

impl LogScope<'_> {
    /// The condition on `events` (binds: none, the bay twice, or the token).
    fn condition(&self) -> &'static str {
        match self {
            LogScope::All => "1",
            LogScope::Bay(_) => "(bay_id = ? OR prev_bay_id = ?)",
            LogScope::Job(_) => "job_id = (SELECT id FROM jobs WHERE tracking_token = ?)",
        }
    }

    fn bind<'q>(
        &self,
        query: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>> {
        match *self {
            LogScope::All => query,
            LogScope::Bay(bay) => query.bind(bay).bind(bay),
            LogScope::Job(token) => query.bind(token.to_string()),
        }
    }
}

/// Events after `after`, oldest first, from at most `limit` rows. A row that cannot be
/// decoded is logged and skipped: one bad row must not stop every screen's updates.
pub async fn events_after(
    pool: &SqlitePool,
    after: i64,
    limit: i64,
) -> Result<EventBatch, StoreError> {
    events_in(pool, LogScope::All, after, limit).await
}

/// As [`events_after`], only the rows of `scope`.
pub async fn events_in(
    pool: &SqlitePool,
    scope: LogScope<'_>,
    after: i64,
    limit: i64,
) -> Result<EventBatch, StoreError> {
    let sql = format!(
        "SELECT id, kind, prev_bay_id, payload FROM events WHERE id > ? AND {} ORDER BY id LIMIT ?",
        scope.condition()
    );
    let query = scope.bind(sqlx::query(&sql).bind(after));
    let rows: Vec<EventRow> = query
        .bind(limit)
        .fetch_all(pool)
        .await?
        .iter()
        .map(EventRow::from_row)
        .collect::<Result<_, sqlx::Error>>()?;
    let end = rows.last().map(|r| r.id);
    let events = rows
        .into_iter()
        .filter_map(|row| match row.into_event() {
            Ok(event) => Some(event),
            Err(e) => {
                tracing::error!("skipping an undecodable event: {e}");
                None
            }
        })
        .collect();
    Ok(EventBatch { events, end })
}

/// How many rows of `scope` follow `after`, counted up to `cap + 1` (enough to tell
/// whether a replay stays within `cap`).
pub async fn scope_backlog(
    pool: &SqlitePool,
    scope: LogScope<'_>,
    after: i64,
    cap: i64,
) -> Result<i64, StoreError> {
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM events WHERE id > ? AND {} LIMIT ?)",
        scope.condition()
    );
    let row = scope
        .bind(sqlx::query(&sql).bind(after))
        .bind(cap + 1)
        .fetch_one(pool)
        .await?;
    Ok(row.try_get(0)?)
}

/// The newest event id; with an empty log, the epoch's base (`epoch << 32`), so a
/// snapshot's id always names the epoch it belongs to.
pub async fn max_event_id(conn: &mut SqliteConnection) -> Result<i64, StoreError> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT COALESCE((SELECT MAX(id) FROM events),
                         (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'epoch') << 32)",
    )
    .fetch_one(&mut *conn)
    .await?;
    id.ok_or_else(|| StoreError::Corrupt("settings.epoch is missing".into()))
}

/// What a resuming screen is checked against.
#[derive(Debug, Clone, Copy)]
pub struct LogBounds {
    /// The oldest retained and the newest event id (both 0 when the log is empty).
    pub min: i64,
    pub max: i64,
    pub epoch: i64,
}

pub async fn event_bounds(pool: &SqlitePool) -> Result<LogBounds, StoreError> {
    let (min, max, epoch): (Option<i64>, Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT MIN(id), MAX(id), (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'epoch')
         FROM events",
    )
    .fetch_one(pool)
    .await?;
    Ok(LogBounds {
        min: min.unwrap_or(0),
        max: max.unwrap_or(0),
        // Written by the migration and moved only by a restore: missing is corrupt.
        epoch: epoch.ok_or_else(|| StoreError::Corrupt("settings.epoch is missing".into()))?,
    })
}

/// Keeps the newest `keep` events; older ones can no longer be replayed (a reconnecting
/// screen that old gets a fresh snapshot instead).
pub async fn prune_events(pool: &SqlitePool, keep: i64) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM events WHERE id <= (SELECT MAX(id) FROM events) - ?")
        .bind(keep)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// The largest epoch: 20 bits, so `epoch << 32 | seq` stays below 2^53 (exact in JS).
const MAX_EPOCH: u32 = (1 << 20) - 1;

/// Gives a database a new epoch (a backup's copy, a restored file): a new random
/// `settings.epoch`, the log emptied (its ids belong to the old epoch) and the next
/// event id the new epoch's first. Screens resuming with an old id then get a snapshot.
pub async fn new_epoch(conn: &mut SqliteConnection) -> Result<(), StoreError> {
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    let old: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = 'epoch'")
        .fetch_optional(&mut *tx)
        .await?;
    let old = old.and_then(|v| v.parse::<i64>().ok());
    let epoch = loop {
        let candidate = i64::from(rand::random::<u32>() % MAX_EPOCH + 1);
        if Some(candidate) != old {
            break candidate;
        }
    };
    sqlx::query("INSERT OR REPLACE INTO settings (key, value) VALUES ('epoch', ?)")
        .bind(epoch.to_string())
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM events").execute(&mut *tx).await?;
    sqlx::query("DELETE FROM sqlite_sequence WHERE name = 'events'")
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO sqlite_sequence (name, seq) VALUES ('events', ?)")
        .bind(epoch << 32)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// When a signed-in session ends (`None`: it has ended), for the streams it opened,
/// which must stop at its expiry.
pub async fn session_expires_at(
    conn: &mut SqliteConnection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    let at: Option<String> = sqlx::query_scalar(
        "SELECT expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?",
    )
    .bind(token_hash)
    .bind(ts(now))
    .fetch_optional(&mut *conn)
    .await?;
    at.as_deref().map(parse_ts).transpose()
}
