//! Booking an appointment and changing it (confirm, reschedule, cancel): the request's
//! checks, then one change that re-reads the day's load and the parts inside the
//! store's writer (two advisors cannot both take a slot's last hour), stores the
//! appointment with its timeline step and, on confirm, the customer's message.

use app::domain::text::{CONCERNS_MAX, MODEL_MAX, NAME_MAX};
use app::domain::{clean_block, clean_line, store_date, to_store_local, FuelType, Phone, Plate};
use app::model::{
    Appointment, AppointmentAction, AppointmentChange, AppointmentState, AppointmentStepKind,
    BookingRequest,
};
use chrono::{DateTime, Utc};
use rand::Rng;
use serde_json::json;
use sqlx::SqliteConnection;

use super::{alternatives, availability_in, check_date, load, require_reception, view};
use crate::{auth::SessionActor, checkin::Fields, error::AppError, notify, store, AppState};

/// A car to book: on file, or new (its customer and car are created with the booking).
enum Who {
    OnFile(i64),
    New {
        plate: Plate,
        phone: Phone,
        name: String,
        model: String,
    },
}

/// `POST /api/v1/appointments`.
pub async fn book(
    state: &AppState,
    actor: &SessionActor,
    req: BookingRequest,
) -> Result<Appointment, AppError> {
    require_reception(actor)?;
    let now = state.clock.now();
    let mut fields = Fields::default();
    let who = match (req.vehicle_id, &req.new_car) {
        (Some(id), None) => Some(Who::OnFile(id)),
        (None, Some(car)) => new_car(car, &mut fields),
        _ => {
            fields.add(
                "vehicle_id",
                "give the car on file (vehicle_id) or a new car (new_car), one of them",
            );
            None
        }
    };
    let concerns = clean_block(&req.concerns, CONCERNS_MAX).unwrap_or_else(|e| {
        fields.add("concerns", e.to_string());
        String::new()
    });
    if req.package_km.is_none() && req.service_ids.is_empty() && concerns.trim().is_empty() {
        fields.add(
            "concerns",
            "say what the car needs: a package, items or the customer's words",
        );
    }
    if let Err(AppError::Invalid { fields: f, .. }) = check_time(req.scheduled_at, now) {
        f.into_iter().for_each(|(k, v)| fields.add(&k, v));
    }
    fields.finish("invalid")?;
    let who =
        who.ok_or_else(|| AppError::Internal("a booking without a car passed its checks".into()))?;
    let name = actor.name.clone();
    state
        .change(move |tx| {
            Box::pin(async move {
                let vehicle_id = match who {
                    Who::OnFile(id) => id,
                    Who::New {
                        plate,
                        phone,
                        name,
                        model,
                    } => {
                        if store::vehicle_by_plate(&mut *tx, plate.as_str())
                            .await?
                            .is_some()
                        {
                            return Err(AppError::Conflict {
                                code: "plate_taken",
                                message: "this car is on file already: find it and book it".into(),
                            });
                        }
                        let customer =
                            store::insert_customer(&mut *tx, phone.as_str(), &name).await?;
                        store::insert_vehicle(
                            &mut *tx,
                            customer,
                            plate.as_str(),
                            None,
                            &model,
                            FuelType::Petrol,
                        )
                        .await?
                    }
                };
                let car = store::vehicle_by_id(&mut *tx, vehicle_id)
                    .await?
                    .ok_or_else(|| AppError::field("vehicle_id", "there is no such car"))?;
                let fuel = (car.fuel_type, car.model_family.as_deref());
                let (work, ids) =
                    load::work_of(&mut *tx, fuel, req.package_km, &req.service_ids).await?;
                fits_or_refuse(&mut *tx, req.scheduled_at, work, &ids, now, None).await?;
                let code = fresh_code(&mut *tx).await?;
                let id = store::insert_appointment(
                    &mut *tx,
                    &store::NewAppointment {
                        code: &code,
                        vehicle_id,
                        scheduled_at: req.scheduled_at,
                        package_km: req.package_km,
                        concerns: &concerns,
                        item_ids: &ids,
                        at: now,
                    },
                )
                .await?;
                store::insert_appointment_step(
                    &mut *tx,
                    id,
                    AppointmentStepKind::Booked,
                    &name,
                    "",
                    now,
                )
                .await?;
                let booked = current(tx, id, now).await?;
                store::append_appointment_event(&mut *tx, &booked).await?;
                Ok(booked)
            })
        })
        .await
}

/// `POST /api/v1/appointments/{id}/changes`.
pub async fn change(
    state: &AppState,
    actor: &SessionActor,
    id: i64,
    req: AppointmentChange,
) -> Result<Appointment, AppError> {
    require_reception(actor)?;
    let now = state.clock.now();
    let note = clean_line(&req.note, app::domain::text::NOTE_MAX)
        .map_err(|e| AppError::field("note", e.to_string()))?;
    match (req.action, req.scheduled_at) {
        (AppointmentAction::Reschedule, Some(at)) => check_time(at, now)?,
        (AppointmentAction::Reschedule, None) => {
            return Err(AppError::field("scheduled_at", "say the new time"))
        }
        (_, Some(_)) => {
            return Err(AppError::field(
                "scheduled_at",
                "only a reschedule takes a time",
            ))
        }
        (_, None) => {}
    }
    let name = actor.name.clone();
    state
        .change(move |tx| {
            Box::pin(async move {
                let a = store::appointment(&mut *tx, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                if a.version != req.expected_version {
                    let current = view(&mut *tx, a, now).await?;
                    return Err(AppError::VersionConflict(Box::new(json!(current))));
                }
                if a.state == AppointmentState::Cancelled || a.job_id.is_some() {
                    return Err(AppError::Conflict {
                        code: "appointment_closed",
                        message: "this appointment is cancelled or checked in already".into(),
                    });
                }
                let (state_to, at, kind, note) = match req.action {
                    AppointmentAction::Confirm => (
                        AppointmentState::Confirmed,
                        a.scheduled_at,
                        AppointmentStepKind::Confirmed,
                        note,
                    ),
                    AppointmentAction::Cancel => (
                        AppointmentState::Cancelled,
                        a.scheduled_at,
                        AppointmentStepKind::Cancelled,
                        note,
                    ),
                    AppointmentAction::Reschedule => {
                        let to = req.scheduled_at.unwrap_or(a.scheduled_at);
                        let ids: Vec<i64> = a.work.iter().map(|w| w.service_item_id).collect();
                        fits_or_refuse(&mut *tx, to, a.work.clone(), &ids, now, Some(a.id)).await?;
                        let moved = format!("{} → {}", local(a.scheduled_at), local(to));
                        let note = if note.is_empty() {
                            moved
                        } else {
                            format!("{moved} · {note}")
                        };
                        (a.state, to, AppointmentStepKind::Rescheduled, note)
                    }
                };
                if !store::update_appointment(&mut *tx, id, a.version, state_to, at).await? {
                    return Err(AppError::Internal(format!(
                        "appointment {id} changed under its writer"
                    )));
                }
                store::insert_appointment_step(&mut *tx, id, kind, &name, &note, now).await?;
                let after = current(tx, id, now).await?;
                store::append_appointment_event(&mut *tx, &after).await?;
                if after.state == AppointmentState::Confirmed
                    && kind != AppointmentStepKind::Cancelled
                {
                    notify::appointment_confirmed(&mut *tx, &after, now).await?;
                }
                Ok(after)
            })
        })
        .await
}

fn local(at: DateTime<Utc>) -> String {
    to_store_local(at).format("%Y-%m-%d %H:%M").to_string()
}

fn new_car(car: &app::model::NewCar, fields: &mut Fields) -> Option<Who> {
    let plate = Plate::parse(&car.plate)
        .map_err(|e| fields.add("plate", e.to_string()))
        .ok();
    let phone = Phone::parse(&car.phone)
        .map_err(|e| fields.add("phone", e.to_string()))
        .ok();
    let mut line = |field: &str, value: &str, max: usize| match clean_line(value, max) {
        Ok(v) if !v.is_empty() => Some(v),
        Ok(_) => {
            fields.add(field, "required");
            None
        }
        Err(e) => {
            fields.add(field, e.to_string());
            None
        }
    };
    let name = line("name", &car.name, NAME_MAX);
    let model = line("model", &car.model, MODEL_MAX);
    Some(Who::New {
        plate: plate?,
        phone: phone?,
        name: name?,
        model: model?,
    })
}

/// The time must be on a whole hour (a slot's start; the slot itself is checked against
/// the day's bays), not past, within the booking horizon.
fn check_time(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), AppError> {
    // Far outside the horizon (and before the store's clock could overflow on it).
    if (at - now).num_days().abs() > 2 * super::BOOK_AHEAD_DAYS {
        return Err(AppError::field(
            "scheduled_at",
            "book at most 120 days ahead, never in the past",
        ));
    }
    check_date(store_date(at), now, "scheduled_at")?;
    if at < now {
        return Err(AppError::field("scheduled_at", "that time is past"));
    }
    let local = to_store_local(at);
    if local.format("%M:%S%.f").to_string() != "00:00" {
        return Err(AppError::field(
            "scheduled_at",
            "book at the start of a slot (a whole hour)",
        ));
    }
    Ok(())
}

/// Refuses a time that is no slot of the day, a full slot (with the nearest free ones)
/// or a day the parts cannot be promised for (with the parts' availability).
async fn fits_or_refuse(
    tx: &mut SqliteConnection,
    at: DateTime<Utc>,
    work: Vec<app::model::BookedWork>,
    item_ids: &[i64],
    now: DateTime<Utc>,
    except: Option<i64>,
) -> Result<(), AppError> {
    let date = store_date(at);
    let need = load::needs_of(&work);
    let slots = load::day_load(&mut *tx, date, now, except).await?;
    let start = to_store_local(at).time();
    let Some(slot) = slots.iter().find(|s| s.start == start) else {
        return Err(AppError::field(
            "scheduled_at",
            "the workshop has no slot at that time",
        ));
    };
    if !app::domain::capacity::fits(slot, &need) {
        return Err(AppError::ConflictWith {
            code: "slot_full",
            message: "that slot is full for this work; the nearest free slots are offered".into(),
            current: Box::new(
                json!({ "alternatives": alternatives(date, &slots, &need, at, now) }),
            ),
        });
    }
    let availability = availability_in(&mut *tx, date, work, item_ids, now, except).await?;
    let parts_ok =
        availability.shortages.is_empty() || availability.parts_from.is_some_and(|d| d <= date);
    if !parts_ok {
        return Err(AppError::ConflictWith {
            code: "parts_short",
            message: "the parts for this work cannot be promised on that day".into(),
            current: Box::new(json!(availability)),
        });
    }
    Ok(())
}

/// A code nobody has: `YY` and four digits (six after many collisions).
async fn fresh_code(tx: &mut SqliteConnection) -> Result<String, AppError> {
    for attempt in 0..40 {
        let n: u32 = rand::thread_rng().gen_range(0..if attempt < 20 { 10_000 } else { 1_000_000 });
        let code = if attempt < 20 {
            format!("YY{n:04}")
        } else {
            format!("YY{n:06}")
        };
        if !store::appointment_code_taken(&mut *tx, &code).await? {
            return Ok(code);
        }
    }
    Err(AppError::Internal("no free appointment code".into()))
}

async fn current(
    tx: &mut SqliteConnection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Appointment, AppError> {
    let a = store::appointment(&mut *tx, id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("appointment {id} vanished")))?;
    view(tx, a, now).await
}
