//! The live ETA of every active job: its remaining standard time behind the work queued
//! ahead of it at its bay, with time already worked counted off, laid onto the
//! workshop's hours by the same functions as the kiosk's promise (`eta.rs`).

use chrono::{DateTime, Utc};

use super::eta::{
    add_working_minutes, parts_arrival, ready_at, Workload, CHECKS_MINUTES, WASH_MINUTES,
};
use super::{PauseReason, Stage};

/// While work is under way (or overrunning), at least this much is assumed left.
pub const MIN_LEFT_MINUTES: u32 = 5;

/// What the ETA of one job depends on.
#[derive(Debug, Clone, PartialEq)]
pub struct EtaJob {
    pub id: i64,
    pub stage: Stage,
    pub bay_id: Option<i64>,
    pub queue_pos: Option<i64>,
    pub pause_reason: Option<PauseReason>,
    pub wash: bool,
    /// Standard minutes of the work (agreed items and approved extra work, done or not).
    pub remaining_minutes: u32,
    /// Minutes already worked in service.
    pub worked_minutes: u32,
    pub stage_since: DateTime<Utc>,
    /// The ETA it has now (for a job not yet dispatched: the kiosk's promise).
    pub eta: DateTime<Utc>,
    /// While it waits for parts: when the last of them is expected on the shelf (the
    /// expected delivery of each part it waits for), or when they arrived. `None`: no
    /// part was named, so the next working day's delivery is assumed.
    pub parts_due: Option<DateTime<Utc>>,
}

impl EtaJob {
    /// Standard minutes of work still ahead of this job's own car.
    fn work_left(&self) -> u32 {
        let left = self.remaining_minutes.saturating_sub(self.worked_minutes);
        match self.stage {
            Stage::InService | Stage::Paused => left.max(MIN_LEFT_MINUTES),
            Stage::CheckedIn | Stage::Queued => left,
            _ => 0,
        }
    }

    fn after_work(&self) -> u32 {
        CHECKS_MINUTES + if self.wash { WASH_MINUTES } else { 0 }
    }

    fn minutes_in_stage(&self, now: DateTime<Utc>) -> u32 {
        u32::try_from((now - self.stage_since).num_minutes().max(0)).unwrap_or(u32::MAX)
    }
}

/// Minutes worked in service, from the `(entered stage, at)` steps of a job's timeline.
pub fn worked_minutes(steps: &[(Stage, DateTime<Utc>)], now: DateTime<Utc>) -> u32 {
    let mut total = 0_i64;
    for (i, (stage, at)) in steps.iter().enumerate() {
        if *stage == Stage::InService {
            let until = steps.get(i + 1).map_or(now, |(_, next)| *next);
            total += (until - *at).num_minutes().max(0);
        }
    }
    u32::try_from(total).unwrap_or(u32::MAX)
}

/// Standard minutes queued ahead of `job` at its bay: the car in service (or paused)
/// there and the queued cars before it. A car waiting for parts does not hold the bay:
/// the team moves on to the next car.
fn ahead_at_bay(job: &EtaJob, jobs: &[EtaJob]) -> u32 {
    jobs.iter()
        .filter(|o| o.id != job.id && o.bay_id.is_some() && o.bay_id == job.bay_id)
        .filter(|o| match o.stage {
            Stage::InService => true,
            Stage::Paused => o.pause_reason != Some(PauseReason::AwaitingParts),
            Stage::Queued => o.queue_pos < job.queue_pos,
            _ => false,
        })
        .map(EtaJob::work_left)
        .sum()
}

/// The ETA of one job among `jobs` (every active job in the workshop).
pub fn job_eta(job: &EtaJob, jobs: &[EtaJob], now: DateTime<Utc>) -> DateTime<Utc> {
    let in_stage = job.minutes_in_stage(now);
    match job.stage {
        // Not dispatched yet: the promise stands until even an empty workshop could
        // not keep it.
        Stage::CheckedIn => job.eta.max(ready_at(
            now,
            Workload {
                own_minutes: job.work_left(),
                wash: job.wash,
                ..Workload::default()
            },
        )),
        Stage::Queued => add_working_minutes(
            now,
            ahead_at_bay(job, jobs) + job.work_left() + job.after_work(),
        ),
        Stage::InService => add_working_minutes(now, job.work_left() + job.after_work()),
        Stage::Paused => {
            let from = if job.pause_reason == Some(PauseReason::AwaitingParts) {
                now.max(job.parts_due.unwrap_or_else(|| parts_arrival(now)))
            } else {
                now
            };
            add_working_minutes(from, job.work_left() + job.after_work())
        }
        Stage::QualityCheck => {
            let checks = CHECKS_MINUTES
                .saturating_sub(in_stage)
                .max(MIN_LEFT_MINUTES);
            add_working_minutes(now, checks + if job.wash { WASH_MINUTES } else { 0 })
        }
        Stage::Washing => add_working_minutes(
            now,
            WASH_MINUTES.saturating_sub(in_stage).max(MIN_LEFT_MINUTES),
        ),
        Stage::Ready | Stage::Delivered | Stage::Cancelled => job.eta.min(job.stage_since),
    }
}

/// Every job whose ETA is now different, with the new ETA.
pub fn changed_etas(jobs: &[EtaJob], now: DateTime<Utc>) -> Vec<(i64, DateTime<Utc>)> {
    jobs.iter()
        .map(|job| (job.id, job.eta, job_eta(job, jobs, now)))
        .filter(|(_, old, new)| old != new)
        .map(|(id, _, new)| (id, new))
        .collect()
}

#[cfg(test)]
mod tests;
