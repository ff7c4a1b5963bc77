//! Pure projections of the staff job view onto what each channel may carry.

use super::{
    needed_skills, running_total_fen, standard_minutes, ActorRole, JobItemView, JobNote, JobView,
    PublicJob, TechJob, TimelineEntry, TrackJob,
};
use crate::domain::{labour_clock, mask_plate, ClockStep, LabourClock};

/// A job's labour clock, from its timeline's stage changes (oldest first): a stint runs
/// from entering service to leaving it, and a note on the way does not split it.
pub fn labour_of(timeline: &[TimelineEntry]) -> LabourClock {
    // A customer's decision on extra work is not a step of the work, and its actor is
    // the customer, whose name must not reach the bay's clock (the technician's stint
    // runs on across it all the same).
    let steps: Vec<ClockStep> = timeline
        .iter()
        .filter(|t| t.actor_role != ActorRole::Customer && t.from_stage != Some(t.to_stage))
        .map(|t| ClockStep {
            at: t.at,
            to: t.to_stage,
            actor: t.actor_name.clone(),
            by_technician: t.actor_role.works_on_the_car(),
        })
        .collect();
    labour_clock(&steps)
}

/// Lounge and workshop board: no name, phone or VIN; the plate masked.
pub fn public_job(job: &JobView) -> PublicJob {
    PublicJob {
        id: job.id,
        ticket: job.ticket.clone(),
        version: job.version,
        stage: job.stage,
        bay_id: job.bay_id,
        queue_pos: job.queue_pos,
        promised_at: job.promised_at,
        eta: job.eta,
        stage_since: job.stage_since,
        flags: job.flags.clone(),
        plate_masked: mask_plate(&job.vehicle.plate),
        model: job.vehicle.model.clone(),
        colour: job.vehicle.colour.clone(),
        labor_minutes: standard_minutes(&job.items),
        skills: needed_skills(&job.items),
        labour: LabourClock {
            running_by: None,
            by_person: Vec::new(),
            ..job.labour.clone()
        },
    }
}

/// The items as the bay channel may carry them: a decision says who decided
/// (`customer` or `advisor`) but never the customer's name.
fn bay_items(items: &[JobItemView]) -> Vec<JobItemView> {
    items
        .iter()
        .cloned()
        .map(|mut item| {
            if let Some(decision) = item.decision.as_mut() {
                decision.name.clear();
            }
            item
        })
        .collect()
}

/// A bay's touchscreen signed in at that bay: the work in full (full plate, the
/// customer's concerns, the notes), the customer's name and phone not at all.
pub fn tech_job(job: &JobView) -> TechJob {
    TechJob {
        id: job.id,
        ticket: job.ticket.clone(),
        version: job.version,
        stage: job.stage,
        bay_id: job.bay_id,
        queue_pos: job.queue_pos,
        promised_at: job.promised_at,
        eta: job.eta,
        stage_since: job.stage_since,
        flags: job.flags.clone(),
        pause_reason: job.pause_reason,
        team_check_passed: job.team_check_passed,
        wash: job.wash,
        plate: job.vehicle.plate.clone(),
        model: job.vehicle.model.clone(),
        colour: job.vehicle.colour.clone(),
        mileage_km: job.mileage_km,
        concerns: job.concerns.clone(),
        items: bay_items(&job.items),
        old_parts: job.old_parts.clone(),
        waiting: job.waiting,
        labour: job.labour.clone(),
        notes: job
            .timeline
            .iter()
            .filter(|t| !t.note.trim().is_empty())
            .map(|t| JobNote {
                at: t.at,
                // A customer deciding on their page is named on the timeline; here
                // the role says enough.
                by: if t.actor_role == ActorRole::Customer {
                    String::new()
                } else {
                    t.actor_name.clone()
                },
                role: t.actor_role,
                action: t.action,
                text: t.note.clone(),
            })
            .collect(),
    }
}

impl TechJob {
    /// The bay channel for anyone not signed in at that bay (a passer-by at its screen,
    /// another bay): the work to be done, but the plate masked and nothing in anyone's
    /// own words — no concerns, notes or reasons — and no names, as on the lounge.
    pub fn masked(mut self) -> TechJob {
        self.plate = mask_plate(&self.plate);
        self.concerns.clear();
        self.notes.clear();
        for item in &mut self.items {
            item.not_done_note = None;
            // Who took which parts at what price is the crew's and the desk's.
            item.issued.clear();
        }
        self.labour.running_by = None;
        self.labour.by_person.clear();
        self
    }
}

/// The customer's page: their job's progress and prices, plate masked.
pub fn track_job(job: &JobView) -> TrackJob {
    TrackJob {
        id: job.id,
        ticket: job.ticket.clone(),
        version: job.version,
        stage: job.stage,
        promised_at: job.promised_at,
        eta: job.eta,
        stage_since: job.stage_since,
        flags: job.flags.clone(),
        plate_masked: mask_plate(&job.vehicle.plate),
        model: job.vehicle.model.clone(),
        items: job.items.clone(),
        currency: job.currency.clone(),
        total_fen: running_total_fen(&job.items),
        language: job.language.clone(),
        delivered_at: job.delivered_at,
        invoice: job.invoice.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A job at bay 1 whose customer (王伟) approved extra work on their page.
    fn decided_job() -> JobView {
        let at = "2026-12-01T02:00:00Z";
        let value = json!({
            "id": 1, "ticket": "A01", "version": 3, "stage": "in_service", "bay_id": 1, "queue_pos": null,
            "promised_at": at, "eta": at, "stage_since": at, "created_at": at,
            "flags": [], "pause_reason": null, "team_check_passed": false, "wash": false, "old_parts": "take",
            "payment_method": "wechat", "waiting": false, "mileage_km": 1, "concerns": "刹车异响",
            "tracking_token": "t",
            "customer": {"id": 1, "name": "王伟", "phone": "13800000000"},
            "vehicle": {"id": 1, "plate": "粤B12345", "vin": "LVVDB11B0", "model": "Civic", "colour": null},
            "items": [{ "id": 11, "name_zh": "刹车片", "name_en": "pads", "labor_minutes": 60, "labor_fen": 0,
                        "parts_fen": 0, "kind": "additional", "status": "approved", "safety_critical": true,
                        "not_done_note": "缺货",
                        "decision": { "by": "customer", "name": "王伟", "at": at, "signed": false } }],
            "currency": "CNY",
            "timeline": [
                { "at": at, "actor_role": "team_lead", "actor_name": "郭建华", "action": "start",
                  "from_stage": "queued", "to_stage": "in_service", "note": "" },
                { "at": at, "actor_role": "customer", "actor_name": "王伟", "action": "approve_additional_work",
                  "from_stage": "in_service", "to_stage": "in_service", "note": "刹车片 approved" }
            ]
        });
        match serde_json::from_value::<JobView>(value) {
            Ok(job) => JobView {
                labour: labour_of(&job.timeline),
                ..job
            },
            Err(e) => panic!("test job: {e}"),
        }
    }

    fn text(job: &TechJob) -> String {
        serde_json::to_string(job).unwrap_or_default()
    }

    #[test]
    fn the_crew_view_has_the_work_but_never_the_customer() {
        let crew = text(&tech_job(&decided_job()));
        for shown in [
            "粤B12345",
            "刹车异响",
            "刹车片 approved",
            "\"by\":\"customer\"",
        ] {
            assert!(crew.contains(shown), "{shown} missing: {crew}");
        }
        for hidden in ["王伟", "13800000000", "LVVDB11B0"] {
            assert!(!crew.contains(hidden), "{hidden} shown: {crew}");
        }
    }

    #[test]
    fn the_masked_bay_view_has_no_plate_words_or_names() {
        let masked = text(&tech_job(&decided_job()).masked());
        assert!(masked.contains("粤B·***45"), "{masked}");
        for hidden in [
            "粤B12345",
            "刹车异响",
            "刹车片 approved",
            "缺货",
            "王伟",
            "13800000000",
            "郭建华",
        ] {
            assert!(!masked.contains(hidden), "{hidden} shown: {masked}");
        }
    }
}
