//! A job's order lines as screens see them (an item with its parts, decision, issues and
//! waits), and what is read off a list of them: checklist, pending, totals, skills.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{DecidedBy, IssuedPart, ItemKind, ItemStatus, JobView, PartWait};

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
