//! Channel snapshots (the first event of a connection) and the client-side state each
//! channel's events fold into.

use serde::{Deserialize, Serialize};

use super::{
    BayInfo, ComplaintView, DeskRequest, FollowUpTask, JobView, PublicJob, TechJob, TrackJob,
};

/// A channel's whole view as SSR embeds it: the JSON of the snapshot and the id of the
/// last event it reflects, so the hydrated page subscribes from exactly there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LiveSnapshot {
    pub last_event_id: u64,
    pub data: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LoungeSnapshot {
    pub jobs: Vec<PublicJob>,
    /// How to reach the desk, for the board's footer.
    #[serde(default)]
    pub desk_phone: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BaysSnapshot {
    pub bays: Vec<BayInfo>,
    pub jobs: Vec<PublicJob>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BaySnapshot {
    pub bay: Option<BayInfo>,
    pub jobs: Vec<TechJob>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DeskSnapshot {
    pub jobs: Vec<JobView>,
    /// Open "call an advisor" requests, oldest first.
    #[serde(default)]
    pub requests: Vec<DeskRequest>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrackSnapshot {
    pub job: Option<TrackJob>,
    /// The job was delivered long enough ago that its page has expired.
    #[serde(default)]
    pub expired: bool,
}

/// The `aftersales` channel (the complaint chain's roles): the call list and the
/// complaints as `GET /api/v1/follow-ups` and `GET /api/v1/complaints` give them, read at
/// the server's `now`; each `follow_up` and `complaint` event is one call's or one
/// complaint's new state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AftersalesSnapshot {
    pub now: chrono::DateTime<chrono::Utc>,
    pub follow_ups: Vec<FollowUpTask>,
    pub complaints: Vec<ComplaintView>,
}

/// Data of a `job_removed` event.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct JobRemoved {
    pub id: i64,
}

/// A screen's state for one channel: built from a `snapshot` event and kept current by
/// the channel's later events (each the new state of one thing).
pub trait ChannelState: Sized {
    fn apply(&mut self, event: &str, data: &str) -> Result<(), serde_json::Error>;
}

trait HasId {
    fn id(&self) -> i64;
}
impl HasId for PublicJob {
    fn id(&self) -> i64 {
        self.id
    }
}
impl HasId for TechJob {
    fn id(&self) -> i64 {
        self.id
    }
}
impl HasId for JobView {
    fn id(&self) -> i64 {
        self.id
    }
}

/// Upserts or removes one job in a list: the shared fold of `job` / `job_removed`.
fn fold_job<J: HasId + serde::de::DeserializeOwned>(
    jobs: &mut Vec<J>,
    event: &str,
    data: &str,
) -> Result<(), serde_json::Error> {
    match event {
        "job" => {
            let job: J = serde_json::from_str(data)?;
            match jobs.iter_mut().find(|j| j.id() == job.id()) {
                Some(slot) => *slot = job,
                None => jobs.push(job),
            }
        }
        "job_removed" => {
            let gone: JobRemoved = serde_json::from_str(data)?;
            jobs.retain(|j| j.id() != gone.id);
        }
        _ => {}
    }
    Ok(())
}

impl ChannelState for LoungeSnapshot {
    fn apply(&mut self, event: &str, data: &str) -> Result<(), serde_json::Error> {
        match event {
            "snapshot" => *self = serde_json::from_str(data)?,
            _ => fold_job(&mut self.jobs, event, data)?,
        }
        Ok(())
    }
}

impl ChannelState for BaysSnapshot {
    fn apply(&mut self, event: &str, data: &str) -> Result<(), serde_json::Error> {
        match event {
            "snapshot" => *self = serde_json::from_str(data)?,
            "bay" => {
                let bay: BayInfo = serde_json::from_str(data)?;
                match self.bays.iter_mut().find(|b| b.id == bay.id) {
                    Some(slot) => *slot = bay,
                    None => self.bays.push(bay),
                }
            }
            _ => fold_job(&mut self.jobs, event, data)?,
        }
        Ok(())
    }
}

impl ChannelState for BaySnapshot {
    fn apply(&mut self, event: &str, data: &str) -> Result<(), serde_json::Error> {
        match event {
            "snapshot" => *self = serde_json::from_str(data)?,
            "bay" => self.bay = Some(serde_json::from_str(data)?),
            _ => fold_job(&mut self.jobs, event, data)?,
        }
        Ok(())
    }
}

impl ChannelState for DeskSnapshot {
    fn apply(&mut self, event: &str, data: &str) -> Result<(), serde_json::Error> {
        match event {
            "snapshot" => *self = serde_json::from_str(data)?,
            "desk_request" => {
                let request: DeskRequest = serde_json::from_str(data)?;
                self.requests.retain(|r| r.id != request.id);
                if request.resolved_at.is_none() {
                    self.requests.push(request);
                }
            }
            _ => fold_job(&mut self.jobs, event, data)?,
        }
        Ok(())
    }
}

impl ChannelState for TrackSnapshot {
    fn apply(&mut self, event: &str, data: &str) -> Result<(), serde_json::Error> {
        match event {
            "snapshot" => *self = serde_json::from_str(data)?,
            "job" => self.job = Some(serde_json::from_str(data)?),
            _ => {}
        }
        Ok(())
    }
}
