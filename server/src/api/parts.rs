//! The parts stock's endpoints: the stock page (list, add a part, reorder point and
//! order, receive a delivery) and the bay's (issue an item's parts, wait for a part).

use app::model::{
    ErrorBody, IssueRequest, NewPartRequest, PartUpdateRequest, PartsSnapshot, ReceiveRequest,
    StockPart, WaitRequest,
};
use axum::{
    extract::{rejection::PathRejection, Path, State},
    http::{Extensions, StatusCode},
    Json,
};

use super::doc::responses::*;
use super::doc::schemas::*;
use crate::{
    auth::{self, SessionActor},
    error::{ApiJson, AppError},
    stock, store, AppState,
};

/// The stock
///
/// Every part with its stock: on hand, reserved for jobs, `available` (on hand less
/// reserved; negative when more is reserved than on hand), on order with the date it is
/// expected, the reorder point and `low` (`available <= reorder_point`). Advisors, the
/// foreman and the manager; the `parts` channel carries the same live.
#[utoipa::path(get, path = "/api/v1/stock", tag = "parts", operation_id = "listStock",
    security(("session" = [])),
    responses(
        (status = 200, description = "The stock.", body = PartsSnapshot),
        (status = 401, response = Unauthenticated),
        (status = 403, response = DeskOnly),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn list(
    State(state): State<AppState>,
    actor: SessionActor,
) -> Result<Json<PartsSnapshot>, AppError> {
    stock::require_viewer(&actor)?;
    let mut conn = state.pool.acquire().await?;
    Ok(Json(PartsSnapshot {
        parts: store::stock(&mut conn).await?,
        currency: "CNY".into(),
    }))
}

/// Add a part
///
/// A new part of the catalogue with none on hand (receive a delivery to stock it). The
/// foreman and the manager. Recorded in the audit trail; a `part` event on `parts`.
#[utoipa::path(post, path = "/api/v1/parts", tag = "parts", operation_id = "createPart",
    security(("session" = [])),
    request_body(content = NewPartRequest, example = json!({"code": "wiper_blade", "name_zh": "雨刮片", "name_en": "Wiper blade", "price_fen": 9800, "reorder_point": 4})),
    responses(
        (status = 201, description = "Created: the part with its stock.", body = StockPart),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not the foreman or the manager.", body = ErrorBody),
        (status = 409, description = "`part_code_taken`: another part has this code.", body = ErrorBody,
            example = json!({"error": {"code": "part_code_taken", "message": "a part with code oil_filter exists"}})),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid` with `fields` (code, name_zh, name_en, price_fen, reorder_point).", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn create(
    State(state): State<AppState>,
    actor: SessionActor,
    ApiJson(request): ApiJson<NewPartRequest>,
) -> Result<(StatusCode, Json<StockPart>), AppError> {
    let part = stock::create_part(&state, &actor, request).await?;
    Ok((StatusCode::CREATED, Json(part)))
}

/// Set a part's reorder point or order
///
/// The reorder point, and/or what is on order with the date it is expected (both
/// together; `on_order: 0` alone clears the order). The foreman and the manager.
#[utoipa::path(patch, path = "/api/v1/parts/{part_id}", tag = "parts", operation_id = "updatePart",
    security(("session" = [])), params(PartId),
    request_body(content = PartUpdateRequest, example = json!({"reorder_point": 6, "on_order": 10, "expected_on": "2026-12-05"})),
    responses(
        (status = 200, description = "The part with its stock.", body = StockPart),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not the foreman or the manager.", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid` with `fields` (reorder_point, on_order, expected_on).", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn update(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(request): ApiJson<PartUpdateRequest>,
) -> Result<Json<StockPart>, AppError> {
    let Path(part_id) = path.map_err(|_| AppError::NotFound)?;
    stock::update_part(&state, &actor, part_id, request)
        .await
        .map(Json)
}

/// Receive a delivery
///
/// `qty` units came in on `received_on` (today or the last 30 days): on hand rises, on
/// order falls (not below zero). Every car waiting for this part is released: its wait
/// ends and its ETA is recomputed, each an event on the lounge, bay, desk and track
/// channels. The foreman and the manager.
#[utoipa::path(post, path = "/api/v1/parts/{part_id}/receipts", tag = "parts", operation_id = "receiveParts",
    security(("session" = [])), params(PartId),
    request_body(content = ReceiveRequest, example = json!({"qty": 4, "received_on": "2026-12-03"})),
    responses(
        (status = 200, description = "The part with its new stock.", body = StockPart),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not the foreman or the manager.", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid` with `fields` (qty, received_on).", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn receive(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(request): ApiJson<ReceiveRequest>,
) -> Result<Json<StockPart>, AppError> {
    let Path(part_id) = path.map_err(|_| AppError::NotFound)?;
    stock::receive(&state, &actor, part_id, request)
        .await
        .map(Json)
}

/// Issue an item's parts
///
/// At the job's bay's screen, while the job is in service or paused: `qty` units of one
/// of the item's parts are taken from the shelf by the technician of the bay's team whose
/// `pin` this is. On hand falls and the item's reservation with it, in one transaction;
/// the issue becomes the item's parts line on the invoice. When fewer than `qty` are on
/// hand nothing changes and the answer is **`409 out_of_stock`** (of two issues of the
/// last unit, exactly one succeeds). PIN attempts count against the bay's limit.
#[utoipa::path(post, path = "/api/v1/jobs/{job_id}/items/{item_id}/issues", tag = "bay", operation_id = "issueParts",
    security(("session" = [])), params(JobId, ItemId),
    request_body(content = IssueRequest, example = json!({"part_id": 1, "qty": 1, "pin": "1111"})),
    responses(
        (status = 200, description = "The job as the bay's screen sees it (its `version` incremented).", body = JobAnswer),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not a bay's screen, or the job is at another bay.", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 409, description = "`out_of_stock`: fewer on hand than asked for; nothing was issued.", body = ErrorBody,
            example = json!({"error": {"code": "out_of_stock", "message": "not enough on the shelf: 0 on hand, 1 asked for"}})),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`wrong_pin`; `invalid` with `fields` (qty, pin, part_id: not a part of this item); `illegal_transition`: the job is not in service or paused, or the item is not work to do.", body = ErrorBody),
        (status = 429, response = RateLimited),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn issue(
    State(state): State<AppState>,
    device: SessionActor,
    extensions: Extensions,
    path: Result<Path<(i64, i64)>, PathRejection>,
    ApiJson(request): ApiJson<IssueRequest>,
) -> Result<Json<serde_json::Value>, AppError> {
    let Path((job_id, item_id)) = path.map_err(|_| AppError::NotFound)?;
    let ip = auth::client_ip(&extensions);
    stock::bay::issue(&state, &device, ip, job_id, item_id, request)
        .await
        .map(Json)
}

/// Wait for a part
///
/// A technician of the job's bay records that an item waits for one of its parts: the
/// job pauses `awaiting_parts` (if it was in service) and its live ETA runs from the
/// part's expected delivery (`expected_on`, else the date the part's order is expected)
/// until a delivery of the part is received.
#[utoipa::path(post, path = "/api/v1/jobs/{job_id}/items/{item_id}/waits", tag = "bay", operation_id = "waitForPart",
    security(("session" = [])), params(JobId, ItemId),
    request_body(content = WaitRequest, example = json!({"part_id": 10, "expected_on": "2026-12-05"})),
    responses(
        (status = 200, description = "The job as the technician sees it.", body = JobAnswer),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not a technician of the job's bay.", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid` with `fields` (part_id, expected_on: none given and none on order, or in the past); `illegal_transition`.", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn wait(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<(i64, i64)>, PathRejection>,
    ApiJson(request): ApiJson<WaitRequest>,
) -> Result<Json<serde_json::Value>, AppError> {
    let Path((job_id, item_id)) = path.map_err(|_| AppError::NotFound)?;
    stock::bay::wait(&state, &actor, job_id, item_id, request)
        .await
        .map(Json)
}
