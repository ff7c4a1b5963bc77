//! `GET /api/v1/jobs/{id}` (staff view, with the whole timeline) and `POST /api/v1/jobs/{id}/actions`.

use axum::{
    extract::{rejection::PathRejection, Path, State},
    http::Extensions,
    Json,
};

use super::doc::responses::*;
use super::doc::schemas::*;
use crate::{
    actions::{self, check_bay, view_for, ActionRequest},
    auth::{self, SessionActor},
    error::{ApiJson, AppError},
    store, workshop, AppState,
};
use app::model::ErrorBody;

fn job_id(path: Result<Path<i64>, PathRejection>) -> Result<i64, AppError> {
    path.map(|Path(id)| id).map_err(|_| AppError::NotFound)
}

/// One job, as the session may see it
///
/// The full staff view (`JobView`) for the desk (advisor, foreman, manager); technicians
/// (only at the job's bay), the QC inspector and the washer get the work view (`TechJob`:
/// no customer, phone or tracking token). The whole timeline.
#[utoipa::path(get, path = "/api/v1/jobs/{job_id}", tag = "jobs", operation_id = "getJob",
    security(("session" = [])), params(JobId),
    responses(
        (status = 200, description = "The job.", body = JobAnswer),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: a technician asks for a job at another bay.", body = ErrorBody,
            example = json!({"error": {"code": "forbidden", "message": "this job is not at your bay"}})),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn get_job(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
) -> Result<Json<serde_json::Value>, AppError> {
    let id = job_id(path)?;
    let mut conn = state.pool.acquire().await?;
    let mut job = store::load_job(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    check_bay(&actor, job.bay_id)?;
    job.timeline = store::load_timeline(&mut conn, id).await?;
    view_for(&actor, &job).map(Json)
}

/// Take an action on a job
///
/// Moves the job through its stages. `expected_version` must equal the job's current
/// `version` (optimistic concurrency). On success the change, a timeline entry (who,
/// when, from, to, note) and the event are committed together and the updated job is
/// returned (as the device's session may see it) with its `version` incremented. A
/// technician or team lead may only act on jobs at the bay they signed in at.
///
/// | action | from → to | by | fields |
/// |---|---|---|---|
/// | assign | checked_in/queued → queued | foreman, advisor, manager | bay_id, position? |
/// | start | queued → in_service | technician, team_lead (at the job's bay) | |
/// | pause | in_service → paused | technician, team_lead | reason, note? |
/// | resume | paused → in_service | technician, team_lead | |
/// | finish_work | in_service → quality_check | technician, team_lead, checklist settled | self_check (true), note? |
/// | team_check | quality_check → quality_check (fail → in_service) | team_lead | passed, note? |
/// | qc_pass | quality_check → washing or ready | qc_inspector, after a passed team check | |
/// | qc_fail | quality_check → in_service | qc_inspector | note (required) |
/// | finish_wash | washing → ready | washer | |
/// | deliver | ready → delivered | advisor, manager, delivery checklist complete | next_service_km, next_service_date, old_parts_handled, payment_method? |
/// | cancel | checked_in/queued → cancelled | advisor, manager | note? |
///
/// Checks, in order: session (401), body (400/413), job exists (404), version (409), bay
/// of a technician (403), role (403), stage (422 illegal_transition), fields (422
/// invalid), and for `deliver` the delivery checklist (422
/// delivery_checklist_incomplete). Any action may carry `pin` to countersign at a bay's
/// screen: the PIN's owner (team lead, QC inspector, washer) then takes the action.
#[utoipa::path(post, path = "/api/v1/jobs/{job_id}/actions", tag = "jobs", operation_id = "actOnJob",
    security(("session" = [])), params(JobId),
    request_body(content = ActionRequest, examples(
        ("assign" = (value = json!({"action": "assign", "expected_version": 3, "bay_id": 2}))),
        ("pause" = (value = json!({"action": "pause", "expected_version": 7, "reason": "awaiting_parts", "note": "brake pads on order"}))),
        ("team_check" = (value = json!({"action": "team_check", "expected_version": 9, "passed": true}))),
        ("deliver" = (value = json!({"action": "deliver", "expected_version": 12, "next_service_km": 25000, "next_service_date": "2026-12-01", "old_parts_handled": true, "payment_method": "alipay"}))),
    )),
    responses(
        (status = 200, description = "Accepted: the updated job, its `version` incremented.", body = JobAnswer),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: the role may not take this action, or a technician acts on a job at another bay.", body = ErrorBody,
            example = json!({"error": {"code": "forbidden", "message": "Your role (washer) cannot assign a bay."}})),
        (status = 404, response = NotFound),
        (status = 409, response = VersionConflict),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`illegal_transition`: the job's stage does not allow the action (or qc_pass before a passed team check); `invalid`: a field rule, named in `fields` (`bay_id`: no such bay; `note`: qc_fail without a note, or too long; `next_service_km`: not beyond the current mileage; `next_service_date`: not in the future; `payment_method`: not one of wechat, alipay, card, cash; `pin`: wrong); `delivery_checklist_incomplete`: `deliver` before the delivery checklist is complete, every open check named in `fields` (`work`, `additional_items`, `old_parts_handled`, `wash`, `next_service`).",
            body = ErrorBody, examples(
                ("illegal_transition" = (value = json!({"error": {"code": "illegal_transition", "message": "You cannot start work while the job is ready for pickup."}}))),
                ("note_required" = (value = json!({"error": {"code": "invalid", "message": "Please write a note saying what failed quality control.", "fields": {"note": "Please write a note saying what failed quality control."}}}))),
            )),
        (status = 429, response = RateLimited),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn post_action(
    State(state): State<AppState>,
    device: SessionActor,
    extensions: Extensions,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(mut request): ApiJson<ActionRequest>,
) -> Result<Json<serde_json::Value>, AppError> {
    let id = job_id(path)?;
    let actor = match request.pin.take() {
        Some(pin) => {
            let ip = auth::client_ip(&extensions);
            workshop::countersigner(&state, &device, ip, id, request.action.kind(), pin).await?
        }
        None => device.clone(),
    };
    actions::perform(&state, &actor, &device, id, request)
        .await
        .map(Json)
}
