//! The demo jobs: each replayed from its steps into a timeline, then written with its items.

use chrono::{DateTime, Months, Utc};
use rand::rngs::OsRng;
use rand::Rng;

use super::data::{self, Bay};
use super::job_data::{Job, Step};
use super::{found_service_item, id, rfc3339, unknown, Clock, Tx};

/// An action's wire name, who takes it, and the stage it leads to.
fn step_meta(step: Step, wash: bool) -> (&'static str, &'static str, &'static str) {
    match step {
        Step::CheckIn => ("check_in", "advisor", "checked_in"),
        Step::Assign => ("assign", "foreman", "queued"),
        Step::Start => ("start", "technician", "in_service"),
        Step::Pause => ("pause", "technician", "paused"),
        Step::FinishWork => ("finish_work", "technician", "quality_check"),
        Step::TeamCheck => ("team_check", "team_lead", "quality_check"),
        Step::QcPass if wash => ("qc_pass", "qc_inspector", "washing"),
        Step::QcPass => ("qc_pass", "qc_inspector", "ready"),
        Step::FinishWash => ("finish_wash", "washer", "ready"),
        Step::Deliver => ("deliver", "advisor", "delivered"),
    }
}

/// Who took an action: the job's advisor, its bay's team, or the staff member in that role.
fn actor_name(
    role: &str,
    bay: Option<&Bay>,
    advisor: Option<&'static str>,
) -> Option<&'static str> {
    match role {
        "advisor" => advisor,
        "technician" => bay.map(|bay| bay.technician),
        "team_lead" => bay.map(|bay| bay.lead),
        _ => data::STAFF.iter().find(|s| s.1 == role).map(|s| s.2),
    }
}

struct TimelineRow {
    at: DateTime<Utc>,
    role: &'static str,
    actor: &'static str,
    action: &'static str,
    from: Option<&'static str>,
    to: &'static str,
    note: &'static str,
}

/// The job's timeline, replayed from its steps; the last row says where the job is now.
fn replay_steps(clock: &Clock, index: usize, job: &Job) -> Result<Vec<TimelineRow>, sqlx::Error> {
    let bay = job
        .bay
        .and_then(|n| data::BAYS.get(usize::try_from(n).ok()?.checked_sub(1)?));
    // The desk's advisors take turns at check-in.
    let advisors: Vec<_> = data::STAFF.iter().filter(|s| s.1 == "advisor").collect();
    let advisor = advisors.get(index % advisors.len().max(1)).map(|s| s.2);
    let mut rows: Vec<TimelineRow> = Vec::with_capacity(job.steps.len());
    for &(step, minute, note) in job.steps {
        let (action, role, to) = step_meta(step, job.wash);
        let actor =
            actor_name(role, bay, advisor).ok_or_else(|| unknown("actor for", job.ticket))?;
        let from = rows.last().map(|row| row.to);
        let at = clock.job_time(job.day, minute);
        rows.push(TimelineRow {
            at,
            role,
            actor,
            action,
            from,
            to,
            note,
        });
    }
    Ok(rows)
}

pub(super) async fn insert_job(
    tx: &mut Tx<'_>,
    clock: &Clock,
    index: usize,
    job: &Job,
) -> Result<(), sqlx::Error> {
    let job_id = id(index);
    let timeline = replay_steps(clock, index, job)?;
    let (Some(first), Some(last)) = (timeline.first(), timeline.last()) else {
        return Err(unknown("first step of", job.ticket));
    };
    let entered = timeline
        .iter()
        .rev()
        .find(|row| row.from != Some(row.to))
        .unwrap_or(last);
    let at_step = |action: &str| {
        timeline
            .iter()
            .find(|row| row.action == action)
            .map(|row| row.at)
    };
    let delivered_at = at_step("deliver");
    let next_service = job
        .next_service
        .zip(delivered_at)
        .map(|((km, months), at)| {
            let day = Clock::new(at).today;
            (
                km,
                day.checked_add_months(Months::new(months))
                    .unwrap_or(day)
                    .to_string(),
            )
        });
    let promised_at = clock.job_time(job.day, job.promised);
    let eta = job
        .eta
        .map_or(promised_at, |minute| clock.job_time(job.day, minute));
    sqlx::query(
        "INSERT INTO jobs (id, ticket, version, stage, bay_id, queue_pos, vehicle_id, mileage_km, \
         concerns, wash, old_parts, payment_method, waiting, tracking_token, pause_reason, \
         team_check_passed, promised_at, eta, stage_since, created_at, delivered_at, \
         next_service_km, next_service_date) \
         VALUES (?, ?, ?, ?, ?, ?, (SELECT id FROM vehicles WHERE plate = ?), \
         ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(job_id)
    .bind(job.ticket)
    .bind(timeline.len() as i64) // each action after check-in bumped the version
    .bind(last.to)
    .bind(job.bay)
    .bind(job.queue_pos)
    .bind(job.plate)
    .bind(job.mileage_km)
    .bind(job.concerns)
    .bind(job.wash)
    .bind(job.old_parts)
    .bind(job.payment)
    .bind(job.waiting)
    .bind(format!("{:032x}", OsRng.gen::<u128>()))
    .bind(job.pause_reason)
    .bind(at_step("team_check").is_some())
    .bind(rfc3339(promised_at))
    .bind(rfc3339(eta))
    .bind(rfc3339(entered.at))
    .bind(rfc3339(first.at))
    .bind(delivered_at.map(rfc3339))
    .bind(next_service.as_ref().map(|(km, _)| *km))
    .bind(next_service.map(|(_, date)| date))
    .execute(&mut **tx)
    .await?;

    insert_job_items(tx, job_id, job).await?;
    for row in timeline {
        sqlx::query(
            "INSERT INTO job_timeline (job_id, at, actor_role, actor_name, action, from_stage, \
             to_stage, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(job_id)
        .bind(rfc3339(row.at))
        .bind(row.role)
        .bind(row.actor)
        .bind(row.action)
        .bind(row.from)
        .bind(row.to)
        .bind(row.note)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The job's ordered items, then its additional item (safety-critical, awaiting approval).
/// A car at its first service has the ordered items free, as the schedule says.
async fn insert_job_items(tx: &mut Tx<'_>, job_id: i64, job: &Job) -> Result<(), sqlx::Error> {
    let first_free = data::PACKAGES.iter().find(|p| p.free).is_some_and(|p| {
        p.km.abs_diff(job.mileage_km) <= u64::from(app::domain::schedule::DUE_WINDOW_KM)
    });
    let order = job
        .items
        .iter()
        .map(|&(code, done)| (code, "order", if done { "done" } else { "todo" }));
    let additional = job.additional.map(|code| (code, "additional", "pending"));
    for (code, kind, status) in order.chain(additional) {
        let free = first_free && kind == "order";
        // Names, minutes and prices are copied from the catalogue as it stands at check-in.
        let inserted = sqlx::query(
            "INSERT INTO job_items (job_id, service_item_id, name_zh, name_en, labor_minutes, \
             labor_fen, parts_fen, kind, status, safety_critical, free) \
             SELECT ?1, s.id, s.name_zh, s.name_en, s.labor_minutes, \
             CASE WHEN ?6 THEN 0 ELSE s.labor_minutes * ?2 / 60 END, \
             CASE WHEN ?6 THEN 0 ELSE COALESCE(p.price_fen * s.part_qty, 0) END, ?3, ?4, ?5, ?6 \
             FROM service_items s LEFT JOIN parts p ON p.id = s.part_id WHERE s.code = ?7",
        )
        .bind(job_id)
        .bind(data::LABOUR_RATE_FEN_PER_HOUR)
        .bind(kind)
        .bind(status)
        .bind(kind == "additional")
        .bind(free)
        .bind(code)
        .execute(&mut **tx)
        .await?;
        found_service_item(&inserted, code)?;
    }
    Ok(())
}
