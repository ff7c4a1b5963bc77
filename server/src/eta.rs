//! Keeping every active job's live ETA current: recomputed inside the transaction of
//! each change (and once a minute as time passes); a job whose ETA moved gets its own
//! event, so screens hear of it.

use app::domain::{changed_etas, worked_minutes, EtaJob};
use app::model::{standard_minutes, JobView};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use crate::store::{self, JobFilter, StoreError};

/// The ETA inputs of a job, from its staff view.
pub fn eta_job(job: &JobView, now: DateTime<Utc>) -> EtaJob {
    // All the work's standard time (ticked items too): time worked is counted off below.
    let remaining = standard_minutes(&job.items);
    let steps: Vec<_> = job.timeline.iter().map(|t| (t.to_stage, t.at)).collect();
    EtaJob {
        id: job.id,
        stage: job.stage,
        bay_id: job.bay_id,
        queue_pos: job.queue_pos,
        pause_reason: job.pause_reason,
        wash: job.wash,
        remaining_minutes: remaining,
        worked_minutes: worked_minutes(&steps, now),
        stage_since: job.stage_since,
        eta: job.eta,
    }
}

/// Which ETA changes get an event of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Announce {
    /// Every changed job except this one, whose own action is about to log it.
    AllBut(Option<i64>),
    /// None: the demo seed writes the store's first state, before any screen.
    Nothing,
}

/// Recomputes every active job's ETA and writes those that changed, each with an event
/// as `announce` says. Returns how many changed.
pub async fn refresh_etas(
    conn: &mut SqliteConnection,
    now: DateTime<Utc>,
    announce: Announce,
) -> Result<usize, StoreError> {
    let jobs = store::load_jobs(conn, JobFilter::Active).await?;
    let inputs: Vec<EtaJob> = jobs.iter().map(|j| eta_job(j, now)).collect();
    let changed = changed_etas(&inputs, now);
    for (id, eta) in &changed {
        store::set_eta(conn, *id, *eta).await?;
        if announce != Announce::Nothing && announce != Announce::AllBut(Some(*id)) {
            if let Some(job) = store::load_job(conn, *id).await? {
                store::append_job_event(conn, &job, None).await?;
            }
        }
    }
    Ok(changed.len())
}
