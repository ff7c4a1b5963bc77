//! What every active job's ETA depends on, read in one query (the ETA itself:
//! `app::domain::eta`).

use app::domain::EtaJob;
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::jobs::{parse_pause_reason, parse_stage};
use super::{parse_ts, ts, StoreError};

#[derive(sqlx::FromRow)]
struct EtaRow {
    id: i64,
    stage: String,
    bay_id: Option<i64>,
    queue_pos: Option<i64>,
    pause_reason: Option<String>,
    wash: bool,
    stage_since: String,
    eta: String,
    minutes: i64,
    worked_seconds: f64,
    /// The latest expected delivery among the parts it waits for (open waits).
    waits_until: Option<String>,
    /// When the last wait of this pause ended (its part came in).
    waits_released: Option<String>,
}

/// What every active job's ETA depends on, one row per job however long its history:
/// the standard minutes of its work and the seconds worked in service (from entering
/// service to leaving it, or to `now`), added up by SQLite.
pub async fn eta_inputs(
    conn: &mut SqliteConnection,
    now: DateTime<Utc>,
) -> Result<Vec<EtaJob>, StoreError> {
    let rows: Vec<EtaRow> = sqlx::query_as(
        "WITH changes AS (
             SELECT t.job_id, t.to_stage, t.at,
                    LEAD(t.at) OVER (PARTITION BY t.job_id ORDER BY t.id) AS next_at
             FROM jobs j JOIN job_timeline t INDEXED BY job_timeline_stage_changes ON t.job_id = j.id
             WHERE j.stage NOT IN ('delivered', 'cancelled')
               AND (t.from_stage IS NULL OR t.from_stage != t.to_stage OR t.action = 'finish_wash')
               AND t.actor_role != 'customer'
               AND (t.from_stage IS NULL OR t.from_stage != t.to_stage))
         SELECT j.id, j.stage, j.bay_id, j.queue_pos, j.pause_reason, j.wash, j.stage_since, j.eta,
                (SELECT COALESCE(SUM(i.labor_minutes), 0) FROM job_items i
                  WHERE i.job_id = j.id AND i.status IN ('todo', 'approved', 'done')) AS minutes,
                (SELECT COALESCE(SUM(MAX(0.0, julianday(COALESCE(c.next_at, ?1)) - julianday(c.at))), 0.0) * 86400.0
                  FROM changes c WHERE c.job_id = j.id AND c.to_stage = 'in_service') AS worked_seconds,
                (SELECT MAX(w.expected_on) FROM part_waits w
                  WHERE w.job_id = j.id AND w.released_at IS NULL) AS waits_until,
                (SELECT MAX(w.released_at) FROM part_waits w
                  WHERE w.job_id = j.id AND w.released_at >= j.stage_since) AS waits_released
         FROM jobs j WHERE j.stage NOT IN ('delivered', 'cancelled') ORDER BY j.id",
    )
    .bind(ts(now))
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(EtaJob {
                id: r.id,
                stage: parse_stage(&r.stage)?,
                bay_id: r.bay_id,
                queue_pos: r.queue_pos,
                pause_reason: parse_pause_reason(r.pause_reason.as_deref())?,
                wash: r.wash,
                remaining_minutes: u32::try_from(r.minutes).map_err(|_| {
                    StoreError::Corrupt(format!("job {}: minutes {}", r.id, r.minutes))
                })?,
                // Whole minutes, as the labour clock counts them.
                worked_minutes: (r.worked_seconds.round() as u32) / 60,
                stage_since: parse_ts(&r.stage_since)?,
                eta: parse_ts(&r.eta)?,
                parts_due: match (&r.waits_until, &r.waits_released) {
                    (Some(day), _) => Some(app::domain::eta::delivery_arrival(
                        super::job_parts::parse_date(day)?,
                    )),
                    (None, Some(at)) => Some(parse_ts(at)?),
                    (None, None) => None,
                },
            })
        })
        .collect()
}
