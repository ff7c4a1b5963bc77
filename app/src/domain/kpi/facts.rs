//! The plain facts the KPI page is computed from, as the server loads them: delivered
//! jobs with their follow-up, complaints, the bays' labour by day.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::CheckinChannel;
use crate::domain::Stage;

/// What the customer said on the follow-up call, as far as the KPIs care (the follow-up
/// module's four answers folded to three).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    VerySatisfied,
    Satisfied,
    /// Neutral or dissatisfied.
    NotSatisfied,
}

/// Where the follow-up call of a delivered job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpFact {
    /// The customer asked not to be called: outside the follow-up rate.
    NoCalls,
    /// Not called yet.
    Pending,
    Unreachable,
    /// Reached, but the customer declined the call.
    Declined,
    Reached(Verdict),
}

/// One delivered job, as the server loads it. Its figures count in the period of its
/// delivery's store date.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveredJob {
    pub id: i64,
    pub customer_id: i64,
    pub delivered_at: DateTime<Utc>,
    pub promised_at: DateTime<Utc>,
    /// When it reached `ready`; `None` (not recorded) counts as ready at delivery.
    pub ready_at: Option<DateTime<Utc>>,
    /// `None`: it never went through QC; `Some(true)`: it passed its first inspection.
    pub qc_first_pass: Option<bool>,
    /// A 返修: the car came back for work done before.
    pub is_return: bool,
    /// How the customer checked in and how many seconds it took, when known.
    pub checkin: Option<(CheckinChannel, i64)>,
    /// Minutes spent in each stage; a stage entered twice may appear twice.
    pub stage_minutes: Vec<(Stage, i64)>,
    pub follow_up: FollowUpFact,
}

/// One complaint (投诉).
#[derive(Debug, Clone, PartialEq)]
pub struct ComplaintFact {
    pub id: i64,
    pub opened_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// The workshop's labour on one store day (one row per day, or per bay and day).
#[derive(Debug, Clone, PartialEq)]
pub struct BayDay {
    pub date: NaiveDate,
    /// Minutes clocked on jobs.
    pub labour_minutes: i64,
    /// Minutes the bays were open for work.
    pub available_minutes: i64,
}

/// Everything the KPI page is computed from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facts {
    /// Delivered jobs (at least those delivered in the range shown).
    pub jobs: Vec<DeliveredJob>,
    /// Each customer's first delivered visit, older service history included; a customer
    /// missing here is first seen at their earliest job in `jobs`.
    pub first_visits: BTreeMap<i64, DateTime<Utc>>,
    pub complaints: Vec<ComplaintFact>,
    pub bay_days: Vec<BayDay>,
}
