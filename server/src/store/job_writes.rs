//! The writes an action makes to a job: the optimistic lock, the row update, the ETA
//! and the timeline entry.

use app::domain::{PauseReason, Stage};
use app::model::{ActorRole, TimelineAction};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::{ts, StoreError};

/// Takes the job's optimistic lock: bumps the version if it is still `expected`.
/// The first statement of an action's transaction is this write, so SQLite hands the
/// transaction the write lock at once and concurrent actions queue instead of failing.
pub async fn claim_version(
    conn: &mut SqliteConnection,
    id: i64,
    expected: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query("UPDATE jobs SET version = version + 1 WHERE id = ? AND version = ?")
        .bind(id)
        .bind(expected)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// What an accepted action writes to the job row.
#[derive(Debug, Clone)]
pub struct JobUpdate {
    pub stage: Stage,
    pub stage_changed: bool,
    pub bay_id: Option<i64>,
    pub queue_pos: Option<i64>,
    pub pause_reason: Option<PauseReason>,
    pub team_check_passed: bool,
    /// At delivery: the next service (km, date) and who handed the car back.
    pub delivered: Option<(u32, NaiveDate, String)>,
}

pub async fn update_job(
    conn: &mut SqliteConnection,
    id: i64,
    u: &JobUpdate,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let now = ts(now);
    sqlx::query(
        "UPDATE jobs SET stage = ?, bay_id = ?, queue_pos = ?, pause_reason = ?, team_check_passed = ?,
            stage_since = CASE WHEN ? THEN ? ELSE stage_since END,
            delivered_at = CASE WHEN ? THEN ? ELSE delivered_at END,
            next_service_km = COALESCE(?, next_service_km),
            next_service_date = COALESCE(?, next_service_date),
            delivered_by = COALESCE(?, delivered_by)
         WHERE id = ?",
    )
    .bind(u.stage.as_str())
    .bind(u.bay_id)
    .bind(u.queue_pos)
    .bind(u.pause_reason.map(|r| r.as_str()))
    .bind(u.team_check_passed)
    .bind(u.stage_changed)
    .bind(&now)
    .bind(u.delivered.is_some())
    .bind(&now)
    .bind(u.delivered.as_ref().map(|(km, ..)| i64::from(*km)))
    .bind(u.delivered.as_ref().map(|(_, date, _)| date.to_string()))
    .bind(u.delivered.as_ref().map(|(.., by)| by.as_str()))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn set_eta(
    conn: &mut SqliteConnection,
    id: i64,
    eta: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE jobs SET eta = ? WHERE id = ?")
        .bind(ts(eta))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub async fn record_timeline(
    conn: &mut SqliteConnection,
    job_id: i64,
    at: DateTime<Utc>,
    actor_role: ActorRole,
    actor_name: &str,
    action: TimelineAction,
    from: Option<Stage>,
    to: Stage,
    note: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO job_timeline (job_id, at, actor_role, actor_name, action, from_stage, to_stage, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(job_id)
    .bind(ts(at))
    .bind(actor_role.as_str())
    .bind(actor_name)
    .bind(action.as_str())
    .bind(from.map(|s| s.as_str()))
    .bind(to.as_str())
    .bind(note)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
