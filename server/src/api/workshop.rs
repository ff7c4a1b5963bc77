//! The bay screen's endpoints beyond actions: checklist ticks, additional work, and the
//! parts catalogue it picks from.

use app::model::PartsCatalogue;
use axum::{
    extract::{rejection::PathRejection, Path, State},
    http::{HeaderMap, StatusCode},
    Json,
};

use super::doc::responses::*;
use super::doc::schemas::*;
use crate::{
    api::checkins::idempotency_key,
    auth::SessionActor,
    error::{ApiJson, AppError},
    store,
    workshop::{self, AdditionalItemRequest, CheckRequest},
    AppState,
};
use app::model::ErrorBody;

/// Tick a checklist item
///
/// A technician of the job's bay ticks an item of the work while the job is in service or
/// paused: `done: true`, or `done: false` with a `note` saying why it was not done (a
/// blank note reopens it). Bumps the job's `version`; the job's new state is one event.
/// Pending or declined additional work is not on the checklist (`404`).
#[utoipa::path(post, path = "/api/v1/jobs/{job_id}/items/{item_id}/check", tag = "bay", operation_id = "checkItem",
    security(("session" = [])), params(JobId, ItemId),
    request_body(content = CheckRequest, example = json!({"done": false, "note": "客户要求下次再做"})),
    responses(
        (status = 200, description = "The job as the technician sees it.", body = JobAnswer),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not a technician of the job's bay.", body = ErrorBody,
            example = json!({"error": {"code": "forbidden", "message": "this job is not at your bay"}})),
        (status = 404, description = "`not_found`: no such job, or no such item of its work.", body = ErrorBody,
            example = json!({"error": {"code": "not_found", "message": "not found"}})),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`illegal_transition`: the job is not in service or paused; `invalid`: note too long.", body = ErrorBody,
            example = json!({"error": {"code": "illegal_transition", "message": "this job is not being worked on"}})),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn check_item(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<(i64, i64)>, PathRejection>,
    ApiJson(request): ApiJson<CheckRequest>,
) -> Result<Json<serde_json::Value>, AppError> {
    let Path((job_id, item_id)) = path.map_err(|_| AppError::NotFound)?;
    workshop::check_item(&state, &actor, job_id, item_id, request)
        .await
        .map(Json)
}

/// Report additional work (增项)
///
/// A technician of the job's bay reports work found during repair. It is recorded
/// `pending` (kind `additional`), priced at the store's labour rate plus the parts'
/// catalogue prices; the job shows `awaiting_approval` and the work does not count
/// (checklist, ETA, standard time) until the customer approves it. Bumps the job's
/// `version`, adds a timeline entry `report_additional_work`, and is one event. With an
/// `Idempotency-Key`, a repeat answers the first `{item_id, job}`.
#[utoipa::path(post, path = "/api/v1/jobs/{job_id}/additional-items", tag = "bay", operation_id = "reportAdditionalWork",
    security(("session" = [])), params(JobId, IdempotencyKey),
    request_body(content = AdditionalItemRequest, example = json!({"description": "前刹车片磨损到极限，建议更换", "labor_minutes": 60, "parts": [{"part_id": 10, "qty": 1}], "safety_critical": true})),
    responses(
        (status = 201, description = "Created: the new item's id and the job.", body = AdditionalReported),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not a technician of the job's bay.", body = ErrorBody,
            example = json!({"error": {"code": "forbidden", "message": "this job is not at your bay"}})),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid` with `fields` (description, labor_minutes, parts), `illegal_transition` when the job is not in service or paused, or `idempotency_key_reused`.", body = ErrorBody,
            example = json!({"error": {"code": "invalid", "message": "describe the work in 1 to 200 characters", "fields": {"description": "describe the work in 1 to 200 characters"}}})),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn report_additional(
    State(state): State<AppState>,
    actor: SessionActor,
    headers: HeaderMap,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(request): ApiJson<AdditionalItemRequest>,
) -> Result<(StatusCode, Json<serde_json::Value>), AppError> {
    let Path(job_id) = path.map_err(|_| AppError::NotFound)?;
    let key = idempotency_key(&headers)?;
    let created = workshop::report_additional(&state, &actor, job_id, request, key).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// The parts catalogue
///
/// Every part with its unit price (minor units of `currency`) and stock, for signed-in
/// staff (the bay screen picks parts for additional work from it).
#[utoipa::path(get, path = "/api/v1/parts", tag = "bay", operation_id = "listParts",
    security(("session" = [])),
    responses(
        (status = 200, description = "The catalogue.", body = PartsCatalogue),
        (status = 401, response = Unauthenticated),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn parts(
    State(state): State<AppState>,
    _actor: SessionActor,
) -> Result<Json<PartsCatalogue>, AppError> {
    let mut conn = state.pool.acquire().await?;
    Ok(Json(PartsCatalogue {
        parts: store::parts(&mut conn).await?,
        currency: "CNY".into(),
    }))
}
