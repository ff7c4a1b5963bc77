//! A bay as screens see it, and the grouping of jobs into each bay's current job and queue.

use serde::{Deserialize, Serialize};

use chrono::{DateTime, Utc};

use super::PublicJob;
use crate::domain::{bay_load, suggest_bay, BayLoad, LoadJob, Stage};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BayInfo {
    pub id: i64,
    pub name_zh: String,
    pub name_en: String,
    pub team_name: String,
    pub skills: Vec<String>,
    /// Names of the technicians signed in at the bay's screen.
    pub signed_in: Vec<String>,
    /// Working hours, store-local `HH:MM`.
    pub opens_at: String,
    pub closes_at: String,
    /// Periods out of service not yet over, earliest first.
    pub out_of_service: Vec<BayOutage>,
}

/// A bay out of service for `[from, to)`, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BayOutage {
    pub id: i64,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub reason: String,
}

impl BayInfo {
    /// The outage the bay is in at `now`, if any.
    pub fn outage_at(&self, now: DateTime<Utc>) -> Option<&BayOutage> {
        self.out_of_service
            .iter()
            .find(|o| o.from <= now && now < o.to)
    }
}

/// One column of the workshop board (`GET /api/v1/bays`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BayBoard {
    #[serde(flatten)]
    pub bay: BayInfo,
    /// The job being worked on (in service or paused), else none.
    pub current_job: Option<PublicJob>,
    /// Jobs queued at this bay, in the order they will be started.
    pub queue: Vec<PublicJob>,
}

/// Places jobs into their bays: the one in service (or paused) is current, queued ones
/// follow in queue order. Jobs past the bay (checks, wash, ready) are not shown here.
pub fn group_by_bay(bays: &[BayInfo], jobs: &[PublicJob]) -> Vec<BayBoard> {
    bays.iter()
        .map(|bay| {
            let at_bay = || jobs.iter().filter(move |j| j.bay_id == Some(bay.id));
            let current_job = at_bay()
                .find(|j| matches!(j.stage, Stage::InService | Stage::Paused))
                .cloned();
            let mut queue: Vec<PublicJob> = at_bay()
                .filter(|j| j.stage == Stage::Queued)
                .cloned()
                .collect();
            queue.sort_by_key(|j| (j.queue_pos.unwrap_or(i64::MAX), j.id));
            BayBoard {
                bay: bay.clone(),
                current_job,
                queue,
            }
        })
        .collect()
}

/// Each bay's load as dispatch counts it (standard minutes still ahead of it).
pub fn bay_loads(bays: &[BayInfo], jobs: &[PublicJob], now: DateTime<Utc>) -> Vec<BayLoad> {
    let load: Vec<LoadJob> = jobs
        .iter()
        .map(|j| LoadJob {
            bay_id: j.bay_id,
            stage: j.stage,
            standard_minutes: j.labor_minutes,
            worked_minutes: j.labour.minutes_at(now),
        })
        .collect();
    bays.iter()
        .map(|b| BayLoad {
            bay_id: b.id,
            skills: b.skills.clone(),
            queued_minutes: bay_load(b.id, &load),
            out_of_service: b.outage_at(now).is_some(),
        })
        .collect()
}

/// The bay to suggest for a job: one whose skills cover its work, least loaded.
pub fn suggested_bay(job: &PublicJob, loads: &[BayLoad]) -> Option<BayLoad> {
    let needed: Vec<&str> = job.skills.iter().map(String::as_str).collect();
    suggest_bay(loads, &needed).cloned()
}
