//! The store: every SQL statement of pitwall lives in this module tree. SQLite in WAL
//! mode, migrations applied at open, explicit columns, one transaction per change.

mod accounts;
mod admin_bays;
mod admin_catalogue;
mod appointments;
mod audit;
mod backup;
mod bays;
mod catalogue;
mod checkin;
mod complaints;
mod customers;
mod desk;
mod desk_requests;
mod eta;
mod events;
mod follow_ups;
mod job_messages;
mod job_parts;
mod job_writes;
mod jobs;
mod kpis;
mod outbox;
mod request_keys;
mod return_jobs;
pub mod seed;
mod sessions;
mod stock;
mod timeline;
mod workshop;
mod writer;

use std::{path::Path, str::FromStr, time::Duration};

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::{
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    SqlitePool,
};

pub use accounts::*;
pub use admin_bays::*;
pub use admin_catalogue::*;
pub use appointments::*;
pub use audit::{record_audit, AuditEntry};
pub use backup::{backup, BackupError};
pub use bays::{bay_exists, bays, next_queue_pos};
pub use catalogue::{catalogue, labour_rate, schedule, schedule_keys, CatalogueItem, PackageRow};
pub use checkin::*;
pub use complaints::*;
pub use customers::*;
pub use desk::{
    bump_version_head, decide_item, decision_target, insert_invoice, set_customer_told,
    set_payment_method, DecisionTarget, JobHead, NewDecision,
};
pub use desk_requests::{insert_desk_request, open_desk_requests, resolve_desk_request};
pub use eta::eta_inputs;
pub use events::{
    append_appointment_event, append_bay_event, append_complaint_event, append_desk_request_event,
    append_follow_up_event, append_job_event, event_bounds, events_after, events_in, max_event_id,
    new_epoch, prune_events, scope_backlog, session_expires_at, EventBatch, LogBounds, LogEvent,
    LogEventBody, LogScope,
};
pub use follow_ups::*;
pub use job_messages::{enqueue_for_job, store_name, when_text};
pub use job_writes::{claim_version, record_timeline, set_eta, update_job, JobUpdate};
pub use jobs::{job_id_by_token, load_job, load_jobs, JobFilter};
pub use kpis::*;
pub use outbox::*;
pub use request_keys::{record_request_key, request_by_key};
pub use return_jobs::{insert_return_job, NewReturnJob};
pub use sessions::{
    create_session, delete_session, session_by_token, staff_by_username, technicians_of_bay,
    LiveSession, SessionRow, StaffRow, TechnicianRow,
};
pub use timeline::load_timeline;
pub use workshop::{
    bay_queue, bump_version, insert_additional_item, parts, set_item_check, set_queue_pos,
    staff_with_pins, NewAdditionalItem, StaffPinRow,
};

pub use stock::{
    announce_parts, append_part_event, insert_part, item_parts, mark_awaiting_parts, receive,
    record_issue, record_wait, release, release_waits_for_part, release_waits_of_job, reserve,
    stock, stock_part, take_from_shelf, update_part, use_reservation, NewIssue,
};
pub use writer::Writer;

pub type Tx<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Sql(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("creating the data folder {0}: {1}")]
    Folder(String, std::io::Error),
    /// The writer task is gone (the server is stopping).
    #[error("the store's writer has stopped")]
    WriterStopped,
    #[error("a change panicked")]
    Panicked,
    /// One failure of a group commit, as each change of the group is told of it.
    #[error("{1}")]
    Group(Option<Outage>, String),
}

/// A stored word (a status, a role, an action) that is not on its list: the database
/// holds something pitwall never wrote, never read as some default.
impl From<app::model::UnknownWord> for StoreError {
    fn from(e: app::model::UnknownWord) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

/// Why the store cannot serve a request right now, though nothing is wrong with the
/// request or with pitwall: answered `503` with `Retry-After`, unlike a bug (`500`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outage {
    /// Another writer held the lock past the busy timeout, or no connection was free.
    Busy,
    /// The file or its filesystem is read-only (`SQLITE_READONLY`).
    ReadOnly,
    /// The disk is full (`SQLITE_FULL`).
    Full,
    /// The operating system failed a read or write (`SQLITE_IOERR`, `SQLITE_CANTOPEN`).
    Io,
}

impl Outage {
    /// The word `/api/v1/health` reports as `database`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outage::Busy => "busy",
            Outage::ReadOnly => "read_only",
            Outage::Full => "full",
            Outage::Io => "unavailable",
        }
    }

    /// Classifies a driver error; `None` for everything that is pitwall's own fault
    /// (a constraint, a bad query, corrupt data), which stays a logged 500.
    pub fn of(e: &sqlx::Error) -> Option<Outage> {
        match e {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed => Some(Outage::Busy),
            sqlx::Error::Io(_) => Some(Outage::Io),
            sqlx::Error::Database(db) => {
                // SQLite reports extended codes; the primary code is the low byte.
                let code = db.code()?.parse::<i64>().ok()? & 0xff;
                match code {
                    5 | 6 | 15 => Some(Outage::Busy), // BUSY, LOCKED, PROTOCOL
                    8 => Some(Outage::ReadOnly),      // READONLY
                    13 => Some(Outage::Full),         // FULL
                    10 | 14 => Some(Outage::Io),      // IOERR, CANTOPEN
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

impl StoreError {
    pub fn outage(&self) -> Option<Outage> {
        match self {
            StoreError::Group(outage, _) => *outage,
            StoreError::WriterStopped => Some(Outage::Busy),
            StoreError::Sql(e) | StoreError::Migrate(sqlx::migrate::MigrateError::Execute(e)) => {
                Outage::of(e)
            }
            _ => None,
        }
    }
}

impl StoreError {
    /// The same failure again, for the next change of a group that shared it.
    pub fn shared(&self) -> StoreError {
        StoreError::Group(self.outage(), self.to_string())
    }
}

/// Opens (creating if needed) the SQLite file and applies the migrations; fails loudly.
/// Readers share the pool; every change goes through the one [`Writer`].
pub async fn open(path: &Path) -> Result<(SqlitePool, Writer), StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Folder(dir.display().to_string(), e))?;
    }
    // FULL: a commit is on disk (the WAL fsynced) before anyone is told it happened.
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options.clone())
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    let writer = Writer::start(options).await?;
    Ok((pool, writer))
}

/// How many staff accounts exist: none means nobody can sign in at the desk yet.
pub async fn staff_count(pool: &SqlitePool) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM staff")
        .fetch_one(pool)
        .await?)
}

/// The health probe: proves the store still takes a write by committing a heartbeat
/// through the writer (a read alone succeeds on a read-only or full disk, which is
/// exactly what must show; and a stuck writer must show too).
pub async fn probe(writer: &Writer, now: DateTime<Utc>) -> Result<(), StoreError> {
    writer
        .write(move |conn| {
            Box::pin(async move {
                sqlx::query(
                    "INSERT INTO settings (key, value) VALUES ('health_probe_at', ?) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(ts(now))
                .execute(&mut *conn)
                .await?;
                Ok::<(), StoreError>(())
            })
        })
        .await
}

/// A timestamp as stored: RFC 3339, UTC, milliseconds (sorts as text).
pub fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn parse_ts(s: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| StoreError::Corrupt(format!("timestamp {s:?}")))
}

pub async fn setting(
    conn: &mut sqlx::SqliteConnection,
    key: &str,
) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?,
    )
}
