//! Pure projections of the staff job view onto what each channel may carry.

use super::{
    needed_skills, running_total_fen, standard_minutes, JobNote, JobView, PublicJob, TechJob,
    TrackJob,
};
use crate::domain::{labour_clock, mask_plate, ClockStep, LabourClock};

/// The job's labour clock, from its timeline.
pub fn job_labour(job: &JobView) -> LabourClock {
    let steps: Vec<ClockStep> = job
        .timeline
        .iter()
        .map(|t| ClockStep {
            at: t.at,
            to: t.to_stage,
            actor: t.actor_name.clone(),
            by_technician: matches!(t.actor_role.as_str(), "technician" | "team_lead"),
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
            ..job_labour(job)
        },
    }
}

/// A bay's touchscreen: the work in full, the customer not at all.
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
        items: job.items.clone(),
        old_parts: job.old_parts.clone(),
        waiting: job.waiting,
        labour: job_labour(job),
        notes: job
            .timeline
            .iter()
            .filter(|t| !t.note.trim().is_empty())
            .map(|t| JobNote {
                at: t.at,
                by: t.actor_name.clone(),
                role: t.actor_role.clone(),
                action: t.action.clone(),
                text: t.note.clone(),
            })
            .collect(),
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
