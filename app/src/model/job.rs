//! Views of a job: the staff view (everything) and the projections screens receive.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{ActorRole, Invoice, JobItemView, TimelineAction};
use crate::domain::{Flag, LabourClock, PauseReason, Role, Stage};

/// Who is signed in: returned by `POST /api/v1/sessions` and recorded on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Actor {
    pub role: Role,
    pub name: String,
    pub bay_id: Option<i64>,
    /// A manager reset this person's password: nothing but changing it is allowed until
    /// it is changed.
    #[serde(default)]
    pub must_change_password: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CustomerView {
    pub id: i64,
    pub name: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VehicleView {
    pub id: i64,
    pub plate: String,
    pub vin: Option<String>,
    pub model: String,
    pub colour: Option<String>,
}

/// A note left on the job by whoever acted (a QC failure's reason, a pause's note, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct JobNote {
    pub at: DateTime<Utc>,
    pub by: String,
    pub role: ActorRole,
    pub action: TimelineAction,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub actor_role: ActorRole,
    pub actor_name: String,
    pub action: TimelineAction,
    pub from_stage: Option<Stage>,
    pub to_stage: Stage,
    pub note: String,
}

/// How much of a job's timeline travels with the job: its first steps (check-in and the
/// walk-around, which the bay needs) and its latest ones. `GET /api/v1/jobs/{id}` has
/// the whole of it, so an event's size does not grow with the job's age.
pub const TIMELINE_FIRST: usize = 5;
pub const TIMELINE_LATEST: usize = 15;

/// The staff view of a job (desk channel, `GET /api/v1/jobs/{id}`, event payloads).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct JobView {
    pub id: i64,
    pub ticket: String,
    pub version: i64,
    pub stage: Stage,
    pub bay_id: Option<i64>,
    pub queue_pos: Option<i64>,
    pub promised_at: DateTime<Utc>,
    pub eta: DateTime<Utc>,
    pub stage_since: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub flags: Vec<Flag>,
    pub pause_reason: Option<PauseReason>,
    pub team_check_passed: bool,
    pub wash: bool,
    pub old_parts: String,
    pub payment_method: String,
    pub waiting: bool,
    pub mileage_km: u32,
    pub concerns: String,
    pub tracking_token: String,
    pub customer: CustomerView,
    pub vehicle: VehicleView,
    pub items: Vec<JobItemView>,
    pub currency: String,
    /// The whole timeline on `GET /api/v1/jobs/{id}`; elsewhere its first and latest
    /// steps (the store picks them).
    pub timeline: Vec<TimelineEntry>,
    /// How many steps the whole timeline has.
    #[serde(default)]
    pub timeline_total: usize,
    /// The labour clock, from the whole timeline.
    #[serde(default)]
    pub labour: LabourClock,
    /// The car has been washed (a `finish_wash` step is on the whole timeline).
    #[serde(default)]
    pub washed: bool,
    /// The customer's language (`zh`, `en`), as chosen at check-in.
    #[serde(default)]
    pub language: String,
    /// The ETA the customer was last told of (the desk records the call).
    #[serde(default)]
    pub customer_told_eta: Option<DateTime<Utc>>,
    #[serde(default)]
    pub delivered_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub delivered_by: Option<String>,
    /// The invoice as issued at delivery.
    #[serde(default)]
    pub invoice: Option<Invoice>,
    /// A return job (返修): the job whose work it redoes.
    #[serde(default)]
    pub return_of: Option<i64>,
}

/// What the lounge and the workshop board may show: nothing personal, plate masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicJob {
    pub id: i64,
    pub ticket: String,
    pub version: i64,
    pub stage: Stage,
    pub bay_id: Option<i64>,
    pub queue_pos: Option<i64>,
    pub promised_at: DateTime<Utc>,
    pub eta: DateTime<Utc>,
    pub stage_since: DateTime<Utc>,
    pub flags: Vec<Flag>,
    pub plate_masked: String,
    pub model: String,
    pub colour: Option<String>,
    pub labor_minutes: u32,
    /// The bay skills the work needs (dispatch suggests a bay from them).
    #[serde(default)]
    pub skills: Vec<String>,
    /// Time worked so far (no names: this view is public).
    #[serde(default)]
    pub labour: LabourClock,
}

/// What a technician at a bay needs: full plate and the work, no phone or name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TechJob {
    pub id: i64,
    pub ticket: String,
    pub version: i64,
    pub stage: Stage,
    pub bay_id: Option<i64>,
    pub queue_pos: Option<i64>,
    pub promised_at: DateTime<Utc>,
    pub eta: DateTime<Utc>,
    pub stage_since: DateTime<Utc>,
    pub flags: Vec<Flag>,
    pub pause_reason: Option<PauseReason>,
    pub team_check_passed: bool,
    pub wash: bool,
    pub plate: String,
    pub model: String,
    pub colour: Option<String>,
    pub mileage_km: u32,
    pub concerns: String,
    pub items: Vec<JobItemView>,
    /// Replaced parts: `take` (bag them for the customer) or `leave`.
    #[serde(default)]
    pub old_parts: String,
    /// The customer waits in the lounge.
    #[serde(default)]
    pub waiting: bool,
    #[serde(default)]
    pub labour: LabourClock,
    /// Notes left on the job, oldest first.
    #[serde(default)]
    pub notes: Vec<JobNote>,
}

/// The customer's own page: one job, masked plate, prices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrackJob {
    pub id: i64,
    pub ticket: String,
    pub version: i64,
    pub stage: Stage,
    pub promised_at: DateTime<Utc>,
    pub eta: DateTime<Utc>,
    pub stage_since: DateTime<Utc>,
    pub flags: Vec<Flag>,
    pub plate_masked: String,
    pub model: String,
    pub items: Vec<JobItemView>,
    pub currency: String,
    /// The work's running total: the order plus approved extras (minor units).
    #[serde(default)]
    pub total_fen: i64,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub delivered_at: Option<DateTime<Utc>>,
    /// After delivery: the invoice, for the read-only summary.
    #[serde(default)]
    pub invoice: Option<Invoice>,
}
