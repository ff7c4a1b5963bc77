//! The service desk's endpoints and the customer's decision on extra work.

use axum::{
    extract::{rejection::PathRejection, Path, State},
    http::HeaderMap,
    Json,
};

use super::doc::responses::*;
use super::doc::schemas::*;
use crate::{
    api::checkins::idempotency_key,
    auth::SessionActor,
    desk::{self, DecisionRequest, NoteRequest, ToldRequest},
    error::{ApiJson, AppError},
    store, AppState,
};
use app::model::ErrorBody;
use app::model::{DeskRequest, Invoice, JobView};

fn id_of(path: Result<Path<i64>, PathRejection>) -> Result<i64, AppError> {
    path.map(|Path(id)| id).map_err(|_| AppError::NotFound)
}

/// Approve or decline additional work (增项)
///
/// The customer's decision on additional work (kind `additional`, status `pending`):
/// `approve: true` makes it `approved` (it joins the work: the checklist, the ETA, the
/// total), `false` makes it `declined` (listed free of charge on the invoice). Two ways:
/// - **On the customer's own page**: send the job's `tracking_token` (no session needed)
///   with `by: "customer"`; the answer is the customer's `TrackJob`.
/// - **At the desk** (a session of an advisor, foreman or manager): `by: "customer"` when
///   the customer decides in person, `by: "advisor"` when the advisor records what the
///   customer said on the phone; the answer is the staff `JobView`.
///
/// Declining safety-critical work needs the customer's drawn `signature` (`422
/// signature_required`). The decision is recorded on the item (`JobItemView.decision`),
/// the job's `version` bumps, a timeline entry is added, ETAs are recomputed, and the
/// job's new state is one event. No `expected_version`: the first decision wins and a
/// second is `409 already_decided` with the job as it is now.
#[utoipa::path(post, path = "/api/v1/additional-items/{item_id}/decision", tag = "desk", operation_id = "decideAdditionalWork",
    security((), ("session" = [])), params(ItemId),
    request_body(content = DecisionRequest, examples(
        ("customer_page" = (value = json!({"approve": true, "by": "customer", "tracking_token": "k3v9q2x7m1p8"}))),
        ("by_phone" = (value = json!({"approve": true, "by": "advisor"}))),
    )),
    responses(
        (status = 200, description = "Decided: the job as the decider may see it — `TrackJob` with a `tracking_token`, else `JobView`.", body = DecisionAnswer),
        (status = 400, response = BadRequest),
        (status = 401, description = "`unauthenticated`: no `tracking_token` and no live session cookie.", body = ErrorBody,
            example = json!({"error": {"code": "unauthenticated", "message": "sign in first"}})),
        (status = 403, response = DeskOnly),
        (status = 404, description = "`not_found`: no such item, the item is not additional work, or `tracking_token` is not this job's.", body = ErrorBody,
            example = json!({"error": {"code": "not_found", "message": "not found"}})),
        (status = 409, response = AlreadyDecided),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`signature_required`: declining safety-critical work without a drawn signature (`fields.signature`); `invalid`: `fields.by` (not `customer` or `advisor`; not `customer` with a `tracking_token`) or `fields.signature` (sent but empty); `illegal_transition`: the job is closed (delivered or cancelled).",
            body = ErrorBody, example = json!({"error": {"code": "signature_required", "message": "declining safety-critical work needs the customer's signature", "fields": {"signature": "the customer signs to decline safety-critical work"}}})),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn decide(
    State(state): State<AppState>,
    actor: Option<SessionActor>,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(request): ApiJson<DecisionRequest>,
) -> Result<Json<serde_json::Value>, AppError> {
    let id = id_of(path)?;
    desk::decide(&state, actor.as_ref(), id, request)
        .await
        .map(Json)
}

/// Add a note to a job
///
/// The desk (advisor, foreman, manager) adds a note to an active job: walk-around
/// findings, what the customer said. Adds a timeline entry `walk_around_note` with the
/// note (trimmed), bumps the job's `version`, and is one event. No `expected_version`.
#[utoipa::path(post, path = "/api/v1/jobs/{job_id}/notes", tag = "desk", operation_id = "addJobNote",
    security(("session" = [])), params(JobId, IdempotencyKey),
    request_body(content = NoteRequest, example = json!({"text": "左后门有轻微划痕，客户已知悉"})),
    responses(
        (status = 200, description = "Added: the updated job, its `version` incremented.", body = JobView),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = DeskOnly),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.text` is empty or over 500 characters; `illegal_transition`: the job is closed (delivered or cancelled); `idempotency_key_reused`.",
            body = ErrorBody, example = json!({"error": {"code": "invalid", "message": "write the note in 1 to 500 characters", "fields": {"text": "write the note in 1 to 500 characters"}}})),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn add_note(
    State(state): State<AppState>,
    actor: SessionActor,
    headers: HeaderMap,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(request): ApiJson<NoteRequest>,
) -> Result<Json<serde_json::Value>, AppError> {
    let id = id_of(path)?;
    let key = idempotency_key(&headers)?;
    desk::add_note(&state, &actor, id, request, key)
        .await
        .map(Json)
}

/// Record that a delayed customer was told
///
/// The desk called a delayed customer: records `customer_told_eta` = the job's current
/// `eta` (the desk needs no new call until the ETA slips more than 10 minutes past it),
/// adds a timeline entry `customer_told` (`customer told: ready about HH:MM` in store
/// time, plus the note), bumps the job's `version`, and is one event. Active jobs only.
/// Send `{}` when there is no note.
#[utoipa::path(post, path = "/api/v1/jobs/{job_id}/customer-told", tag = "desk", operation_id = "recordCustomerTold",
    security(("session" = [])), params(JobId),
    request_body(content = ToldRequest, example = json!({"note": "客户同意等待"})),
    responses(
        (status = 200, description = "Recorded: the updated job (`customer_told_eta` set), its `version` incremented.", body = JobView),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = DeskOnly),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.note` is over 500 characters; `illegal_transition`: the job is closed (delivered or cancelled).",
            body = ErrorBody, example = json!({"error": {"code": "illegal_transition", "message": "this job is closed"}})),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn customer_told(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(request): ApiJson<ToldRequest>,
) -> Result<Json<serde_json::Value>, AppError> {
    let id = id_of(path)?;
    desk::customer_told(&state, &actor, id, request)
        .await
        .map(Json)
}

/// Answer a "call an advisor" request
///
/// An advisor went to the customer: the request is marked answered (`resolved_at`,
/// `resolved_by`) and a `desk_request` event with it closes the request on every desk
/// (it leaves the desk's `snapshot`). For the desk (advisor, foreman, manager). No body.
#[utoipa::path(post, path = "/api/v1/desk-requests/{id}/resolve", tag = "desk", operation_id = "resolveDeskRequest",
    security(("session" = [])), params(RequestId),
    responses(
        (status = 200, description = "Answered: the request with `resolved_at` and `resolved_by`.", body = DeskRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = DeskOnly),
        (status = 404, description = "`not_found`: no such request, or it was answered already.", body = ErrorBody,
            example = json!({"error": {"code": "not_found", "message": "not found"}})),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn resolve_request(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
) -> Result<Json<app::model::DeskRequest>, AppError> {
    let id = id_of(path)?;
    desk::resolve_request(&state, &actor, id).await.map(Json)
}

/// The job's invoice
///
/// For the desk (advisor, foreman, manager). After delivery: the invoice as issued (the
/// same as `JobView.invoice`). Before: a draft of what it would say now — `draft: true`,
/// `number` empty, `issued_at` now, `next_service_km` and `next_service_date` null,
/// `advisor` the signed-in staff member.
#[utoipa::path(get, path = "/api/v1/jobs/{job_id}/invoice", tag = "desk", operation_id = "getInvoice",
    security(("session" = [])), params(JobId),
    responses(
        (status = 200, description = "The invoice, or a draft before delivery.", body = Invoice),
        (status = 401, response = Unauthenticated),
        (status = 403, response = DeskOnly),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn invoice(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
) -> Result<Json<app::model::Invoice>, AppError> {
    let id = id_of(path)?;
    desk::require_desk(Some(&actor))?;
    let mut conn = state.pool.acquire().await?;
    let job = store::load_job(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(desk::invoice_of(&job, &actor, state.clock.now())))
}
