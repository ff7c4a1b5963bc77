//! The store: every SQL statement of pitwall lives in this module tree. SQLite in WAL
//! mode, migrations applied at open, explicit columns, one transaction per change.

mod bays;
mod catalogue;
mod checkin;
mod desk;
mod desk_requests;
mod events;
mod job_writes;
mod jobs;
mod request_keys;
pub mod seed;
mod sessions;
mod workshop;

use std::{path::Path, str::FromStr, time::Duration};

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::{
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    SqlitePool,
};

pub use bays::{bay_exists, bays, next_queue_pos};
pub use catalogue::{catalogue, labour_rate, schedule, CatalogueItem, PackageRow};
pub use checkin::*;
pub use desk::{
    decide_item, decision_target, insert_invoice, set_customer_told, set_payment_method,
    DecisionTarget, NewDecision,
};
pub use desk_requests::{insert_desk_request, open_desk_requests, resolve_desk_request};
pub use events::{
    append_bay_event, append_desk_request_event, append_job_event, event_bounds, events_after,
    max_event_id, new_epoch, prune_events, session_expires_at, EventBatch, LogBounds, LogEvent,
    LogEventBody,
};
pub use job_writes::{claim_version, record_timeline, set_eta, update_job, JobUpdate};
pub use jobs::{job_id_by_token, load_job, load_jobs, JobFilter};
pub use request_keys::{record_request_key, request_by_key};
pub use sessions::{
    create_session, delete_session, session_by_token, staff_by_username, technicians_of_bay,
    SessionRow, StaffRow, TechnicianRow,
};
pub use workshop::{
    bay_queue, bump_version, insert_additional_item, parts, set_item_check, set_queue_pos,
    staff_with_pins, NewAdditionalItem, PartRow, StaffPinRow,
};

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
}

/// Opens (creating if needed) the SQLite file and applies the migrations; fails loudly.
pub async fn open(path: &Path) -> Result<SqlitePool, StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Folder(dir.display().to_string(), e))?;
    }
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
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
