//! Pure projections of the staff job view onto what each channel may carry.

use super::{JobView, PublicJob, TechJob, TrackJob};
use crate::domain::mask_plate;

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
        labor_minutes: job
            .items
            .iter()
            .filter(|i| i.status != "declined" && i.status != "pending")
            .map(|i| i.labor_minutes)
            .sum(),
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
    }
}
