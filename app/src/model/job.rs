//! Views of a job: the staff view (everything) and the projections screens receive.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{Flag, PauseReason, Role, Stage};

/// Who is signed in: returned by `POST /api/v1/sessions` and recorded on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub role: Role,
    pub name: String,
    pub bay_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerView {
    pub id: i64,
    pub name: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VehicleView {
    pub id: i64,
    pub plate: String,
    pub vin: Option<String>,
    pub model: String,
    pub colour: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobItemView {
    pub id: i64,
    pub name_zh: String,
    pub name_en: String,
    pub labor_minutes: u32,
    pub labor_fen: i64,
    pub parts_fen: i64,
    /// `order` (agreed at check-in) or `additional` (found during repair).
    pub kind: String,
    /// `todo`, `done`, `pending`, `approved`, `declined`.
    pub status: String,
    pub safety_critical: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub actor_role: String,
    pub actor_name: String,
    pub action: String,
    pub from_stage: Option<Stage>,
    pub to_stage: Stage,
    pub note: String,
}

/// The staff view of a job (desk channel, `GET /api/v1/jobs/{id}`, event payloads).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    pub timeline: Vec<TimelineEntry>,
}

/// What the lounge and the workshop board may show: nothing personal, plate masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
}

/// What a technician at a bay needs: full plate and the work, no phone or name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
}

/// The customer's own page: one job, masked plate, prices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
}
