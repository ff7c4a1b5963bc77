//! The event log: appended in the same transaction as the change it describes, read
//! back in id order by the dispatcher and by `Last-Event-ID` replays.

use app::model::{BayInfo, DeskRequest, JobView};
use sqlx::{SqliteConnection, SqlitePool};

use super::{ts, StoreError};

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
}

pub async fn append_job_event(
    conn: &mut SqliteConnection,
    job: &JobView,
    prev_bay_id: Option<i64>,
) -> Result<i64, StoreError> {
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
            other => return Err(StoreError::Corrupt(format!("event kind {other:?}"))),
        };
        Ok(LogEvent { id: self.id, body })
    }
}

/// Events after `after`, oldest first, at most `limit`.
pub async fn events_after(
    pool: &SqlitePool,
    after: i64,
    limit: i64,
) -> Result<Vec<LogEvent>, StoreError> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT id, kind, prev_bay_id, payload FROM events WHERE id > ? ORDER BY id LIMIT ?",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(EventRow::into_event).collect()
}

pub async fn max_event_id(conn: &mut SqliteConnection) -> Result<i64, StoreError> {
    let id: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM events")
        .fetch_one(&mut *conn)
        .await?;
    Ok(id.unwrap_or(0))
}

/// The oldest retained and the newest event id (both 0 when the log is empty).
pub async fn event_bounds(pool: &SqlitePool) -> Result<(i64, i64), StoreError> {
    let (min, max): (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT MIN(id), MAX(id) FROM events")
            .fetch_one(pool)
            .await?;
    Ok((min.unwrap_or(0), max.unwrap_or(0)))
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
