//! The JSON shapes of after-sales (售后): the follow-up call list and a call's record,
//! complaints with their steps, shared by the API and the desk's screens.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::complaint::{Category, Channel, ComplaintState, Severity, StepKind};
use crate::domain::follow_up::{CallFindings, CallOutcome, CallTime, DueWindow, TaskState};
use crate::domain::Role;

/// Where a task sits on the call list at the moment the list was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ListBucket {
    /// Open past its deadline (shown red).
    Overdue,
    /// Open and due today (its window has started).
    DueToday,
    /// Open, not yet due.
    Later,
    /// Closed: done, unreachable or declined.
    Done,
}

impl ListBucket {
    pub const ALL: [ListBucket; 4] = [
        ListBucket::Overdue,
        ListBucket::DueToday,
        ListBucket::Later,
        ListBucket::Done,
    ];

    /// The bucket of a task in `state` with the window `due`, at `now`.
    pub fn of(state: TaskState, due: &DueWindow, now: DateTime<Utc>) -> ListBucket {
        if state.is_closed() {
            ListBucket::Done
        } else if now > due.by {
            ListBucket::Overdue
        } else if crate::domain::store_date(due.from) <= crate::domain::store_date(now) {
            ListBucket::DueToday
        } else {
            ListBucket::Later
        }
    }
}

/// One line of work done, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WorkDone {
    pub name_zh: String,
    pub name_en: String,
}

/// What the call script fills in: the job as delivered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CallFacts {
    pub job_id: i64,
    pub ticket: String,
    pub customer_name: String,
    /// 11 digits, as stored: the agent dials it.
    pub phone: String,
    pub plate: String,
    pub model: String,
    pub delivered_at: DateTime<Utc>,
    /// Who handed the car back.
    pub advisor: String,
    pub work: Vec<WorkDone>,
    pub total_fen: i64,
    pub currency: String,
    pub next_service_km: Option<u32>,
    pub next_service_date: Option<NaiveDate>,
    /// This job was itself a return job (返修).
    pub is_return: bool,
}

/// A follow-up call task: one contact with the customer about one delivered job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FollowUpTask {
    pub id: i64,
    /// 1 for the call within 3 days of delivery, 2 for the second contact a week later.
    pub contact: u8,
    pub call_time: CallTime,
    pub due: DueWindow,
    pub state: TaskState,
    pub attempts: u8,
    /// Who called last.
    pub agent: Option<String>,
    pub bucket: ListBucket,
    /// What the customer said, once reached.
    pub findings: Option<CallFindings>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The complaint this call opened, if any.
    pub complaint_id: Option<i64>,
    pub facts: CallFacts,
}

/// `GET /api/v1/follow-ups`: the call list at `now`, overdue first, then due today, later
/// and done (closed in the last 7 days), each by deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FollowUpList {
    pub now: DateTime<Utc>,
    pub tasks: Vec<FollowUpTask>,
    /// Everyone who has called on the listed tasks (for the agent filter).
    pub agents: Vec<String>,
}

/// `POST /api/v1/follow-ups/{id}/calls`: one attempt at the call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CallRecord {
    pub outcome: CallOutcome,
    /// Required when `reached`, refused otherwise.
    #[serde(default)]
    pub findings: Option<CallFindings>,
    /// The task's `attempts` as the agent saw it: a call someone else recorded since is a
    /// `409 version_conflict`.
    pub expected_attempts: u8,
}

/// A complaint as listed and as shown whole (with `steps`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ComplaintView {
    pub id: i64,
    pub version: i64,
    pub job_id: Option<i64>,
    pub ticket: Option<String>,
    pub plate: Option<String>,
    pub follow_up_id: Option<i64>,
    pub channel: Channel,
    pub category: Category,
    pub severity: Severity,
    pub summary: String,
    pub customer_name: String,
    pub customer_phone: String,
    pub owner_role: Role,
    pub deadline: DateTime<Utc>,
    /// Open past its deadline when read.
    pub overdue: bool,
    pub state: ComplaintState,
    pub resolution: Option<String>,
    pub customer_told_on: Option<NaiveDate>,
    pub return_job_id: Option<i64>,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub steps: Vec<ComplaintStep>,
}

/// One recorded step of a complaint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ComplaintStep {
    pub at: DateTime<Utc>,
    pub kind: StepKind,
    /// `null` for a step the clock took (an escalation at a deadline).
    pub actor_role: Option<Role>,
    pub actor_name: String,
    /// Who owned the complaint after the step.
    pub owner_role: Role,
    pub note: String,
    pub promise: String,
}

/// `GET /api/v1/complaints`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ComplaintList {
    pub now: DateTime<Utc>,
    pub complaints: Vec<ComplaintView>,
}

/// `POST /api/v1/complaints`: a complaint taken at the desk by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewComplaint {
    /// The job it is about, when there is one.
    #[serde(default)]
    pub job_id: Option<i64>,
    /// One of `phone`, `in_store`, `online`, `manufacturer_hotline`.
    pub channel: Channel,
    pub category: Category,
    pub severity: Severity,
    /// What the customer complains about, in their words.
    pub summary: String,
    /// Required without a `job_id` (else taken from the job).
    #[serde(default)]
    pub customer_name: Option<String>,
    #[serde(default)]
    pub customer_phone: Option<String>,
}

/// What a step on a complaint does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StepAction {
    /// What was done and what was promised; the owner stays.
    Note,
    /// Closed with a resolution and the date the customer was told.
    Resolve,
    /// A closed complaint opened again (a new deadline, the same owner).
    Reopen,
}

/// `POST /api/v1/complaints/{id}/steps`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ComplaintStepRequest {
    pub action: StepAction,
    /// What was done (a note), why it is re-opened, or the resolution.
    pub note: String,
    /// What was promised to the customer (notes only).
    #[serde(default)]
    pub promise: Option<String>,
    /// The day the customer was told of the resolution (`resolve` only).
    #[serde(default)]
    pub customer_told_on: Option<NaiveDate>,
    pub expected_version: i64,
}

/// `GET /api/v1/kpis`: the store's after-sales KPIs, one row per period from `from` to
/// `to` (store dates, inclusive), the formulas in `app::domain::kpi`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct KpiReport {
    pub period: crate::domain::kpi::Period,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub now: DateTime<Utc>,
    pub rows: Vec<crate::domain::kpi::Measures>,
}

impl super::ChannelState for super::AftersalesSnapshot {
    fn apply(&mut self, event: &str, data: &str) -> Result<(), serde_json::Error> {
        match event {
            "snapshot" => *self = serde_json::from_str(data)?,
            "follow_up" => {
                let task: FollowUpTask = serde_json::from_str(data)?;
                match self.follow_ups.iter_mut().find(|t| t.id == task.id) {
                    Some(slot) => *slot = task,
                    None => self.follow_ups.push(task),
                }
            }
            "complaint" => {
                let complaint: ComplaintView = serde_json::from_str(data)?;
                match self.complaints.iter_mut().find(|c| c.id == complaint.id) {
                    Some(slot) => *slot = complaint,
                    None => self.complaints.push(complaint),
                }
            }
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AftersalesSnapshot, ChannelState};
    use serde_json::json;

    fn complaint(id: i64, owner: &str) -> serde_json::Value {
        json!({"id": id, "version": 1, "job_id": null, "ticket": null, "plate": null, "follow_up_id": null,
               "channel": "phone", "category": "delay", "severity": "low", "summary": "s",
               "customer_name": "李雷", "customer_phone": "13800138000", "owner_role": owner,
               "deadline": "2026-12-01T04:00:00Z", "overdue": false, "state": "open", "resolution": null,
               "customer_told_on": null, "return_job_id": null, "opened_at": "2026-12-01T00:00:00Z",
               "closed_at": null, "steps": []})
    }

    #[test]
    fn a_complaint_event_replaces_that_complaint_or_joins_the_list() {
        let mut state = AftersalesSnapshot {
            now: Utc::now(),
            follow_ups: vec![],
            complaints: vec![],
        };
        let first = complaint(1, "follow_up_agent").to_string();
        state.apply("complaint", &first).unwrap();
        state
            .apply("complaint", &complaint(2, "advisor").to_string())
            .unwrap();
        state
            .apply("complaint", &complaint(1, "manager").to_string())
            .unwrap();
        let owners: Vec<(i64, Role)> = state
            .complaints
            .iter()
            .map(|c| (c.id, c.owner_role))
            .collect();
        assert_eq!(owners, vec![(1, Role::Manager), (2, Role::Advisor)]);
        // Another channel's events change nothing here.
        state.apply("job", "{}").unwrap();
        assert_eq!(state.complaints.len(), 2);
    }

    #[test]
    fn a_task_is_overdue_after_its_deadline_and_due_today_once_its_window_day_starts() {
        let due = DueWindow {
            from: "2026-12-02T06:00:00Z".parse().unwrap(),
            by: "2026-12-04T15:59:59Z".parse().unwrap(),
        };
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        // 2026-12-01 20:00 in the store (UTC+8) is the day before the window.
        assert_eq!(
            ListBucket::of(TaskState::Open, &due, at("2026-12-01T12:00:00Z")),
            ListBucket::Later
        );
        // The window's day, before its hour: already today's call.
        assert_eq!(
            ListBucket::of(TaskState::Open, &due, at("2026-12-01T16:30:00Z")),
            ListBucket::DueToday
        );
        assert_eq!(
            ListBucket::of(TaskState::Open, &due, at("2026-12-04T15:59:59Z")),
            ListBucket::DueToday
        );
        assert_eq!(
            ListBucket::of(TaskState::Open, &due, at("2026-12-04T16:00:00Z")),
            ListBucket::Overdue
        );
        assert_eq!(
            ListBucket::of(TaskState::Unreachable, &due, at("2026-12-09T00:00:00Z")),
            ListBucket::Done
        );
    }
}
