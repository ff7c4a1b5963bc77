//! Appointment and reminder endpoints (预约, 提醒): a day's bookings and load, where
//! work fits, booking and changing an appointment, the "due soon" list, reminder calls
//! and reminder messages. The desk, the follow-up agent and the reception supervisor;
//! everyone else `403`.

use app::model::{
    Appointment, AppointmentChange, AppointmentDay, Availability, AvailabilityRequest,
    BookingRequest, DueSoonList, ErrorBody, OutboxMessage, ReminderCall, ReminderCallView,
};
use axum::{
    extract::{
        rejection::{PathRejection, QueryRejection},
        Path, Query, State,
    },
    http::StatusCode,
    Json,
};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;

use super::doc::responses::*;
use crate::{
    appointments,
    auth::SessionActor,
    error::{ApiJson, AppError},
    reminders, AppState,
};

fn id_of(path: Result<Path<i64>, PathRejection>) -> Result<i64, AppError> {
    path.map(|Path(id)| id).map_err(|_| AppError::NotFound)
}

/// `{id}` of an appointment, or `{vehicle_id}` of a car, in a path.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)] // only a schema: never built
pub struct RecordId {
    /// The id. A non-integer id is `404 not_found`.
    pub id: i64,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)] // only a schema: never built
pub struct VehicleId {
    /// The car's id (`DueCarView.vehicle_id`). A non-integer id is `404 not_found`.
    pub vehicle_id: i64,
}

/// Which store day.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DayQuery {
    /// `YYYY-MM-DD` in the store's time zone.
    pub date: NaiveDate,
}

/// The reminder list's windows.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DueQuery {
    /// Due within this many days (0 to 365; default 30).
    pub days: Option<u32>,
    /// Or within this many km of the next service's kilometres (0 to 50,000; default 1,000).
    pub km: Option<u32>,
}

const FORBIDDEN: &str = "`forbidden`: not the desk (advisor, foreman, manager), a follow-up agent or the reception supervisor.";

/// A day's appointments and load
///
/// The store day's appointments (cancelled ones too) with their work, part shortages,
/// timeline and `no_show` (not checked in 30 minutes after the time), and each hour's
/// capacity and booked minutes per bay skill (today: with the work already in the
/// workshop carried into the hours ahead).
#[utoipa::path(get, path = "/api/v1/appointments", tag = "appointments", operation_id = "listAppointments",
    security(("session" = [])), params(DayQuery),
    responses(
        (status = 200, description = "The day.", body = AppointmentDay),
        (status = 400, response = BadRequest),
        (status = 422, description = "`invalid`: `fields.date` (before 2000 or after 2200).", body = ErrorBody),
        (status = 401, response = Unauthenticated),
        (status = 403, description = FORBIDDEN, body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn day(
    State(state): State<AppState>,
    actor: SessionActor,
    query: Result<Query<DayQuery>, QueryRejection>,
) -> Result<Json<AppointmentDay>, AppError> {
    let Query(q) = query.map_err(|e| AppError::BadRequest(e.body_text()))?;
    appointments::day(&state, &actor, q.date).await.map(Json)
}

/// Where work would fit
///
/// The work (a package by its kilometres on the car's schedule, single items, or a
/// diagnosis hour for concerns alone), each hour of `date` with `fits` for it, and the
/// parts the shelf cannot promise with the first day they can be (`parts_from`).
#[utoipa::path(post, path = "/api/v1/appointments/availability", tag = "appointments", operation_id = "appointmentAvailability",
    security(("session" = [])),
    request_body(content = AvailabilityRequest, example = json!({"date": "2026-12-05", "package_km": 20000, "vehicle_id": 2})),
    responses(
        (status = 200, description = "The day for this work.", body = Availability),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = FORBIDDEN, body = ErrorBody),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.date` (past, or over 120 days ahead), `fields.vehicle_id`, `fields.package_km` (no package of the car's schedule falls due there), `fields.service_ids` (no such item, over 20).", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn availability(
    State(state): State<AppState>,
    actor: SessionActor,
    ApiJson(request): ApiJson<AvailabilityRequest>,
) -> Result<Json<Availability>, AppError> {
    appointments::availability(&state, &actor, request)
        .await
        .map(Json)
}

/// Book an appointment
///
/// For a car on file (`vehicle_id`) or a new customer and car (`new_car`, the kiosk's
/// plate and phone rules) at the start of an hour. Refused when the hour is full for
/// this work's skills (`slot_full`, with `error.current.alternatives`: the nearest free
/// hours) or its parts cannot be promised that day (`parts_short`, with
/// `error.current`: the `Availability`). The appointment gets a code to type or scan at
/// the kiosk.
#[utoipa::path(post, path = "/api/v1/appointments", tag = "appointments", operation_id = "bookAppointment",
    security(("session" = [])),
    request_body(content = BookingRequest, examples(
        ("on_file" = (value = json!({"vehicle_id": 2, "scheduled_at": "2026-12-05T02:00:00Z", "package_km": 20000, "concerns": ""}))),
        ("new_car" = (value = json!({"new_car": {"plate": "粤B12345", "phone": "13800138000", "name": "陈先生", "model": "Toyota Camry"}, "scheduled_at": "2026-12-05T03:00:00Z", "concerns": "刹车有异响 the brakes squeal"}))),
    )),
    responses(
        (status = 201, description = "Booked.", body = Appointment),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = FORBIDDEN, body = ErrorBody),
        (status = 409, description = "`slot_full` (`current.alternatives`), `parts_short` (`current` is the `Availability`), `plate_taken` (the new car is on file already).", body = ErrorBody,
            example = json!({"error": {"code": "slot_full", "message": "that slot is full for this work; the nearest free slots are offered", "current": {"alternatives": ["2026-12-05T01:00:00Z", "2026-12-05T03:00:00Z"]}}})),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.vehicle_id` (neither or both of it and `new_car`, or no such car), `fields.plate`, `fields.phone`, `fields.name`, `fields.model`, `fields.scheduled_at` (past, not on the hour, no slot then, over 120 days ahead), `fields.concerns` (over 1,000 characters, or nothing asked at all), `fields.package_km`, `fields.service_ids`.", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn book(
    State(state): State<AppState>,
    actor: SessionActor,
    ApiJson(request): ApiJson<BookingRequest>,
) -> Result<(StatusCode, Json<Appointment>), AppError> {
    let a = appointments::book(&state, &actor, request).await?;
    Ok((StatusCode::CREATED, Json(a)))
}

/// One appointment
#[utoipa::path(get, path = "/api/v1/appointments/{id}", tag = "appointments", operation_id = "getAppointment",
    security(("session" = [])), params(RecordId),
    responses(
        (status = 200, description = "The appointment.", body = Appointment),
        (status = 401, response = Unauthenticated),
        (status = 403, description = FORBIDDEN, body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn one(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
) -> Result<Json<Appointment>, AppError> {
    appointments::one(&state, &actor, id_of(path)?)
        .await
        .map(Json)
}

/// Confirm, reschedule or cancel
///
/// Each a step on the appointment's timeline. Confirming sends the customer the
/// confirmation with the kiosk code (again after a confirmed appointment moves). A
/// reschedule is checked like a booking (`slot_full`, `parts_short`).
#[utoipa::path(post, path = "/api/v1/appointments/{id}/changes", tag = "appointments", operation_id = "changeAppointment",
    security(("session" = [])), params(RecordId),
    request_body(content = AppointmentChange, examples(
        ("confirm" = (value = json!({"action": "confirm", "expected_version": 1}))),
        ("reschedule" = (value = json!({"action": "reschedule", "expected_version": 2, "scheduled_at": "2026-12-06T06:00:00Z", "note": "客户改到周日 the customer moved it to Sunday"}))),
    )),
    responses(
        (status = 200, description = "Changed.", body = Appointment),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = FORBIDDEN, body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 409, description = "`version_conflict` (`current` is the appointment now), `appointment_closed` (cancelled or checked in), `slot_full`, `parts_short`.", body = ErrorBody),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.scheduled_at` (missing on a reschedule, sent otherwise, or not a bookable hour), `fields.note`.", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn change(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(request): ApiJson<AppointmentChange>,
) -> Result<Json<Appointment>, AppError> {
    let id = id_of(path)?;
    appointments::change(&state, &actor, id, request)
        .await
        .map(Json)
}

/// Cars due for service soon (提醒)
///
/// Cars whose next service (the date or the kilometres recorded at their last
/// delivery, reached at the car's own pace from its visits, 40 km a day when they
/// cannot tell) falls within `days`, or within `km` of the kilometres; overdue ones
/// too, soonest first; cars with an open appointment left out.
#[utoipa::path(get, path = "/api/v1/reminders", tag = "appointments", operation_id = "listDueSoon",
    security(("session" = [])), params(DueQuery),
    responses(
        (status = 200, description = "The list.", body = DueSoonList),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = FORBIDDEN, body = ErrorBody),
        (status = 422, description = "`invalid`: `fields.days` (over 365) or `fields.km` (over 50,000).", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn due_soon(
    State(state): State<AppState>,
    actor: SessionActor,
    query: Result<Query<DueQuery>, QueryRejection>,
) -> Result<Json<DueSoonList>, AppError> {
    let Query(q) = query.map_err(|e| AppError::BadRequest(e.body_text()))?;
    reminders::due_list(&state, &actor, q.days.unwrap_or(30), q.km.unwrap_or(1_000))
        .await
        .map(Json)
}

/// Log a reminder call
#[utoipa::path(post, path = "/api/v1/reminders/{vehicle_id}/calls", tag = "appointments", operation_id = "logReminderCall",
    security(("session" = [])), params(VehicleId),
    request_body(content = ReminderCall, example = json!({"outcome": "call_back", "note": "下周再联系 call next week"})),
    responses(
        (status = 201, description = "Logged.", body = ReminderCallView),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = FORBIDDEN, body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.note` (over 500 characters, control characters).", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn log_call(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(request): ApiJson<ReminderCall>,
) -> Result<(StatusCode, Json<ReminderCallView>), AppError> {
    let id = id_of(path)?;
    let call = reminders::log_call(&state, &actor, id, request).await?;
    Ok((StatusCode::CREATED, Json(call)))
}

/// Send a reminder message
///
/// Queues the service reminder for the car's customer (`suppressed` when they asked
/// for no messages); one a day per car.
#[utoipa::path(post, path = "/api/v1/reminders/{vehicle_id}/message", tag = "appointments", operation_id = "sendReminder",
    security(("session" = [])), params(VehicleId),
    responses(
        (status = 201, description = "Queued (or suppressed).", body = OutboxMessage),
        (status = 401, response = Unauthenticated),
        (status = 403, description = FORBIDDEN, body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 409, description = "`reminders_declined` (the customer said no to reminders on a follow-up call), `reminder_sent_today`.", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn send_reminder(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
) -> Result<(StatusCode, Json<OutboxMessage>), AppError> {
    let id = id_of(path)?;
    let message = reminders::send_reminder(&state, &actor, id).await?;
    Ok((StatusCode::CREATED, Json(message)))
}
