//! A job's timeline as read back: the whole of it, or the steps a loaded job carries
//! (its first and latest, its stage changes and wash).

use app::model::{ActorRole, TimelineAction, TimelineEntry, TIMELINE_FIRST, TIMELINE_LATEST};
use sqlx::SqliteConnection;

use super::jobs::parse_stage;
use super::{parse_ts, StoreError};

#[derive(sqlx::FromRow)]
pub(super) struct TimelineRow {
    pub(super) job_id: i64,
    at: String,
    actor_role: String,
    actor_name: String,
    pub(super) action: String,
    from_stage: Option<String>,
    to_stage: String,
    note: String,
}

impl TimelineRow {
    pub(super) fn entry(&self) -> Result<TimelineEntry, StoreError> {
        Ok(TimelineEntry {
            at: parse_ts(&self.at)?,
            actor_role: ActorRole::parse(&self.actor_role)?,
            actor_name: self.actor_name.clone(),
            action: TimelineAction::parse(&self.action)?,
            from_stage: self.from_stage.as_deref().map(parse_stage).transpose()?,
            to_stage: parse_stage(&self.to_stage)?,
            note: self.note.clone(),
        })
    }
}

/// A job's whole timeline, oldest first (a loaded job carries only its first and
/// latest steps).
pub async fn load_timeline(
    conn: &mut SqliteConnection,
    job_id: i64,
) -> Result<Vec<TimelineEntry>, StoreError> {
    let rows: Vec<TimelineRow> = sqlx::query_as(
        "SELECT job_id, at, actor_role, actor_name, action, from_stage, to_stage, note
         FROM job_timeline WHERE job_id = ? ORDER BY id",
    )
    .bind(job_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(TimelineRow::entry).collect()
}

/// A timeline row a loaded job needs: `travelling` if it is among the job's first or
/// latest steps (else a stage change or the wash), with the job's step count.
#[derive(sqlx::FromRow)]
pub(super) struct StepRow {
    #[sqlx(flatten)]
    pub(super) step: TimelineRow,
    pub(super) travelling: bool,
    pub(super) total: i64,
}

/// The steps the jobs `ids` (a JSON array) need, by job and id: their first and latest
/// (see [`TIMELINE_FIRST`]) and their stage changes and wash, each read through an index,
/// so loading a job costs the same at its 10th step and its 10,000th.
pub(super) async fn load_steps(
    conn: &mut SqliteConnection,
    ids: &str,
) -> Result<Vec<StepRow>, StoreError> {
    let rows: Vec<StepRow> = sqlx::query_as(
        "WITH cuts AS (
             SELECT value AS job,
                    COALESCE((SELECT id FROM job_timeline WHERE job_id = value
                              ORDER BY id LIMIT 1 OFFSET ?2), 1 << 62) AS first_end,
                    COALESCE((SELECT id FROM job_timeline WHERE job_id = value
                              ORDER BY id DESC LIMIT 1 OFFSET ?3 - 1), 0) AS latest_start,
                    (SELECT timeline_total FROM jobs WHERE id = value) AS total
             FROM json_each(?1))
         SELECT t.id, t.job_id, t.at, t.actor_role, t.actor_name, t.action, t.from_stage,
                t.to_stage, t.note, 1 AS travelling, c.total
           FROM cuts c JOIN job_timeline t ON t.job_id = c.job AND t.id < c.first_end
         UNION ALL
         SELECT t.id, t.job_id, t.at, t.actor_role, t.actor_name, t.action, t.from_stage,
                t.to_stage, t.note, 1, c.total
           FROM cuts c JOIN job_timeline t
             ON t.job_id = c.job AND t.id >= MAX(c.latest_start, c.first_end)
         UNION ALL
         SELECT t.id, t.job_id, t.at, t.actor_role, t.actor_name, t.action, t.from_stage,
                t.to_stage, t.note, 0, c.total
           FROM cuts c JOIN job_timeline t INDEXED BY job_timeline_stage_changes ON t.job_id = c.job
          WHERE (t.from_stage IS NULL OR t.from_stage != t.to_stage OR t.action = 'finish_wash')
            AND t.id >= c.first_end AND t.id < c.latest_start
         ORDER BY 2, 1",
    )
    .bind(ids)
    .bind(i64::try_from(TIMELINE_FIRST).unwrap_or(i64::MAX))
    .bind(i64::try_from(TIMELINE_LATEST).unwrap_or(i64::MAX))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows)
}
