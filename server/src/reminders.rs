//! Reminders (提醒): the "due soon" list of cars whose next service (the date or the
//! kilometres their last delivery recorded, reached at each car's own pace) falls within
//! N days or N km, cars already booked left out; a reminder call logged with its
//! outcome; a reminder message sent, unless the customer said no.

use std::collections::HashMap;

use app::domain::messages::MessageFacts;
use app::domain::reminders::{
    due_on, due_soon, estimated_km, km_per_day, DueCar, NextService, Visit, USUAL_KM_PER_DAY,
};
use app::domain::{clean_line, store_date};
use app::model::{
    DueCarView, DueSoonList, MessageKind, OutboxMessage, ReminderCall, ReminderCallView,
    ReminderOutcome,
};
use chrono::NaiveDate;

use crate::{
    appointments::{day_bounds, require_reception},
    auth::SessionActor,
    error::AppError,
    notify, store, AppState,
};

/// The list's widest windows.
pub const DAYS_MAX: u32 = 365;
pub const KM_MAX: u32 = 50_000;

/// `GET /api/v1/reminders?days=&km=`.
pub async fn due_list(
    state: &AppState,
    actor: &SessionActor,
    days: u32,
    km: u32,
) -> Result<DueSoonList, AppError> {
    require_reception(actor)?;
    if days > DAYS_MAX {
        return Err(AppError::field("days", format!("at most {DAYS_MAX}")));
    }
    if km > KM_MAX {
        return Err(AppError::field("km", format!("at most {KM_MAX}")));
    }
    let now = state.clock.now();
    let today = store_date(now);
    let mut conn = state.pool.acquire().await?;
    // Three reads for the whole file, then each car in memory.
    let facts: HashMap<i64, store::ReminderFacts> =
        store::reminder_facts(&mut conn, day_bounds(today).0)
            .await?
            .into_iter()
            .map(|f| (f.vehicle_id, f))
            .collect();
    let mut visits_by_car: HashMap<i64, Vec<Visit>> = HashMap::new();
    for (vehicle_id, done, from_history, km) in store::visit_points(&mut conn).await? {
        let on = store::visit_day(&done, from_history)?;
        visits_by_car
            .entry(vehicle_id)
            .or_default()
            .push(Visit { on, km });
    }
    let mut views = HashMap::new();
    let mut due = Vec::new();
    for car in store::all_cars(&mut conn).await? {
        let Some(f) = facts.get(&car.id) else {
            continue;
        };
        let visits = visits_by_car.remove(&car.id).unwrap_or_default();
        let Some(last) = visits.iter().copied().max_by_key(|v| (v.on, v.km)) else {
            continue;
        };
        let next_date = car
            .next_service_date
            .as_deref()
            .map(|d| {
                NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|_| AppError::Internal(format!("date {d:?}")))
            })
            .transpose()?;
        let next = NextService {
            date: next_date,
            km: car.next_service_km,
        };
        let pace = km_per_day(&visits).unwrap_or(USUAL_KM_PER_DAY);
        let Some(on) = due_on(last, next, pace) else {
            continue;
        };
        let estimated = estimated_km(last, pace, today);
        due.push(DueCar {
            vehicle_id: car.id,
            due_on: on,
            km_left: next.km.map(|k| k.saturating_sub(estimated)),
            booked: f.booked,
        });
        views.insert(
            car.id,
            DueCarView {
                vehicle_id: car.id,
                customer_id: car.customer_id,
                customer_name: f.customer_name.clone(),
                phone: f.phone.clone(),
                plate: car.plate,
                model: car.model,
                last_visit_on: last.on,
                last_km: last.km,
                km_per_day: (pace * 10.0).round() / 10.0,
                estimated_km: estimated,
                next_service_km: next.km,
                next_service_date: next_date,
                due_on: on,
                last_call: last_call(f)?,
                messages_ok: f.messages_ok && f.reminder_consent != Some(false),
            },
        );
    }
    let cars = due_soon(&due, today, u64::from(days), km)
        .into_iter()
        .filter_map(|d| views.remove(&d.vehicle_id))
        .collect();
    Ok(DueSoonList {
        today,
        days,
        km,
        cars,
    })
}

fn last_call(f: &store::ReminderFacts) -> Result<Option<ReminderCallView>, AppError> {
    let (Some(at), Some(agent), Some(outcome)) = (&f.call_at, &f.call_agent, &f.call_outcome)
    else {
        return Ok(None);
    };
    Ok(Some(ReminderCallView {
        at: store::parse_ts(at)?,
        agent: agent.clone(),
        outcome: ReminderOutcome::parse(outcome)
            .ok_or_else(|| AppError::Internal(format!("reminder outcome {outcome:?}")))?,
        note: f.call_note.clone().unwrap_or_default(),
    }))
}

/// `POST /api/v1/reminders/{vehicle_id}/calls`.
pub async fn log_call(
    state: &AppState,
    actor: &SessionActor,
    vehicle_id: i64,
    req: ReminderCall,
) -> Result<ReminderCallView, AppError> {
    require_reception(actor)?;
    let note = clean_line(&req.note, app::domain::text::NOTE_MAX)
        .map_err(|e| AppError::field("note", e.to_string()))?;
    let now = state.clock.now();
    let agent = actor.name.clone();
    state
        .change(move |tx| {
            Box::pin(async move {
                store::car(&mut *tx, vehicle_id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                store::insert_reminder_call(
                    &mut *tx,
                    vehicle_id,
                    now,
                    &agent,
                    req.outcome.as_str(),
                    &note,
                )
                .await?;
                Ok(ReminderCallView {
                    at: now,
                    agent,
                    outcome: req.outcome,
                    note,
                })
            })
        })
        .await
}

/// `POST /api/v1/reminders/{vehicle_id}/message`: one a day per car at most.
pub async fn send_reminder(
    state: &AppState,
    actor: &SessionActor,
    vehicle_id: i64,
) -> Result<OutboxMessage, AppError> {
    require_reception(actor)?;
    let now = state.clock.now();
    state
        .change(move |tx| {
            Box::pin(async move {
                let car = store::car(&mut *tx, vehicle_id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let facts = store::reminder_facts(&mut *tx, day_bounds(store_date(now)).0).await?;
                let f = facts
                    .iter()
                    .find(|f| f.vehicle_id == vehicle_id)
                    .ok_or(AppError::NotFound)?;
                if f.reminder_consent == Some(false) {
                    return Err(AppError::Conflict {
                        code: "reminders_declined",
                        message: "the customer asked for no reminders on their follow-up call"
                            .into(),
                    });
                }
                let to = notify::Recipient {
                    customer_id: car.customer_id,
                    phone: &f.phone,
                    plate: &car.plate,
                    job_id: None,
                    appointment_id: None,
                };
                let key = format!("reminder:{vehicle_id}:{}", store_date(now));
                let facts = MessageFacts {
                    when: car.next_service_date.clone(),
                    ..MessageFacts::default()
                };
                let id = notify::send(&mut *tx, MessageKind::Reminder, &to, facts, None, key, now)
                    .await?
                    .ok_or(AppError::Conflict {
                        code: "reminder_sent_today",
                        message: "a reminder went to this customer today already".into(),
                    })?;
                store::outbox_message(&mut *tx, id)
                    .await?
                    .ok_or_else(|| AppError::Internal(format!("message {id} vanished")))
            })
        })
        .await
}
