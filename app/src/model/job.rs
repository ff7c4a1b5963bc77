//! Views of a job: the staff view (everything) and the projections screens receive.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    ActorRole, DecidedBy, Invoice, IssuedPart, ItemKind, ItemStatus, PartWait, TimelineAction,
};
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct JobItemView {
    pub id: i64,
    pub name_zh: String,
    pub name_en: String,
    pub labor_minutes: u32,
    pub labor_fen: i64,
    pub parts_fen: i64,
    /// `order` (agreed at check-in) or `additional` (found during repair).
    pub kind: ItemKind,
    /// `todo`, `done`, `pending`, `approved`, `declined`.
    pub status: ItemStatus,
    pub safety_critical: bool,
    /// The bay skill the work needs (none for additional work found at the bay).
    #[serde(default)]
    pub skill: Option<String>,
    /// Why the technician did not do it, when they ticked it "not done".
    #[serde(default)]
    pub not_done_note: Option<String>,
    /// The parts it uses.
    #[serde(default)]
    pub parts: Vec<PartLine>,
    /// Part of a package the schedule gives free (the first service).
    #[serde(default)]
    pub free: bool,
    /// For extra work: the customer's decision, once made.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// Parts issued for it at the bay (its invoice parts lines once any are).
    #[serde(default)]
    pub issued: Vec<IssuedPart>,
    /// Parts it is waiting for, with their expected delivery.
    #[serde(default)]
    pub waits: Vec<PartWait>,
}

/// Who decided on extra work, and when. `by` is `customer` (on their page, or signing at
/// the desk) or `advisor` (recording what the customer said on the phone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Decision {
    pub by: DecidedBy,
    pub name: String,
    pub at: DateTime<Utc>,
    /// The customer signed (required to decline safety-critical work).
    pub signed: bool,
}

/// A catalogue part an item uses, and how many.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PartLine {
    pub part_id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub qty: u32,
}

/// What makes an item of extra work the one a person is deciding on: the same item at
/// the same price and status. A card keyed by it survives live updates of the rest of
/// the job (an ETA moving every minute), with its half-drawn signature; a new price or
/// a decision makes it a new card.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ItemKey {
    id: i64,
    status: ItemStatus,
    labor_fen: i64,
    parts_fen: i64,
    safety_critical: bool,
    free: bool,
    names: (String, String),
    parts: Vec<(i64, u32)>,
    decided: Option<(String, DateTime<Utc>, bool)>,
}

impl JobItemView {
    /// See [`ItemKey`].
    pub fn card_key(&self) -> ItemKey {
        ItemKey {
            id: self.id,
            status: self.status,
            labor_fen: self.labor_fen,
            parts_fen: self.parts_fen,
            safety_critical: self.safety_critical,
            free: self.free,
            names: (self.name_zh.clone(), self.name_en.clone()),
            parts: self.parts.iter().map(|p| (p.part_id, p.qty)).collect(),
            decided: self
                .decision
                .as_ref()
                .map(|d| (d.name.clone(), d.at, d.signed)),
        }
    }

    /// Part of the work: agreed at check-in, or extra work the customer approved.
    pub fn is_work(&self) -> bool {
        self.status.is_work()
    }

    /// Ticked done, or ticked "not done" with a reason.
    pub fn is_settled(&self) -> bool {
        self.status == ItemStatus::Done
            || self
                .not_done_note
                .as_deref()
                .is_some_and(|n| !n.trim().is_empty())
    }
}

/// Every item of the work is settled: what `finish_work` requires.
pub fn checklist_done(items: &[JobItemView]) -> bool {
    items
        .iter()
        .filter(|i| i.is_work())
        .all(JobItemView::is_settled)
}

/// Extra work still waiting for the customer's decision.
pub fn pending_items(items: &[JobItemView]) -> Vec<JobItemView> {
    items
        .iter()
        .filter(|i| i.status == ItemStatus::Pending)
        .cloned()
        .collect()
}

/// The delivery checklist's facts for `job`, with what the advisor confirmed.
pub fn delivery_facts(
    job: &JobView,
    old_parts_handled: bool,
    next_service_set: bool,
    call_time_set: bool,
) -> crate::domain::DeliveryFacts {
    crate::domain::DeliveryFacts {
        stage: job.stage,
        work_settled: checklist_done(&job.items),
        undecided: job.items.iter().any(|i| i.status == ItemStatus::Pending),
        wash_requested: job.wash,
        washed: job.washed,
        old_parts_handled,
        next_service_set,
        call_time_set,
    }
}

/// The price of the work so far (order plus approved extras), minor units.
pub fn running_total_fen(items: &[JobItemView]) -> i64 {
    items
        .iter()
        .filter(|i| i.is_work())
        .map(|i| i.labor_fen + i.parts_fen)
        .sum()
}

/// Standard minutes of the work (pending and declined extras left out).
pub fn standard_minutes(items: &[JobItemView]) -> u32 {
    items
        .iter()
        .filter(|i| i.is_work())
        .map(|i| i.labor_minutes)
        .sum()
}

/// The bay skills the work needs, each once, in item order.
pub fn needed_skills(items: &[JobItemView]) -> Vec<String> {
    let mut skills: Vec<String> = Vec::new();
    for skill in items
        .iter()
        .filter(|i| i.is_work())
        .filter_map(|i| i.skill.as_ref())
    {
        if !skills.contains(skill) {
            skills.push(skill.clone());
        }
    }
    skills
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

#[cfg(test)]
mod tests {
    use super::*;

    fn brake_pads() -> JobItemView {
        JobItemView {
            id: 7,
            name_zh: "更换前刹车片".into(),
            name_en: "Replace front brake pads".into(),
            labor_minutes: 60,
            labor_fen: 30_000,
            parts_fen: 42_000,
            kind: ItemKind::Additional,
            status: ItemStatus::Pending,
            safety_critical: true,
            skill: None,
            not_done_note: None,
            parts: Vec::new(),
            free: false,
            decision: None,
            issued: Vec::new(),
            waits: Vec::new(),
        }
    }

    #[test]
    fn a_card_keeps_its_key_until_its_item_means_something_else() {
        let key = brake_pads().card_key();
        assert_eq!(brake_pads().card_key(), key);
        let repriced = JobItemView {
            parts_fen: 45_000,
            ..brake_pads()
        };
        assert_ne!(repriced.card_key(), key);
        let declined = JobItemView {
            status: ItemStatus::Declined,
            ..brake_pads()
        };
        assert_ne!(declined.card_key(), key);
        let other = JobItemView {
            id: 8,
            ..brake_pads()
        };
        assert_ne!(other.card_key(), key);
    }
}
