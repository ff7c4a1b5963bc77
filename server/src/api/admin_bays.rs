//! `/api/v1/admin/bays…`: the manager edits bays, their hours and out-of-service periods.

use app::domain::SKILLS;
use app::model::{AdminBays, BayEdit, BayInfo, ErrorBody, OutageEdit};
use axum::{
    extract::{rejection::PathRejection, Path, State},
    http::StatusCode,
    Json,
};

use super::doc::responses::*;
use crate::{
    admin::{self, Manager},
    error::{ApiJson, AppError},
    store, AppState,
};

/// `{bay_id}` in a path.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)] // only a schema: never built
pub struct BayId {
    /// The bay's id. A non-integer id is `404 not_found`.
    pub bay_id: i64,
}

/// `{bay_id}` and `{outage_id}` in a path.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)] // only a schema: never built
pub struct OutageId {
    pub bay_id: i64,
    /// The outage's id (`BayOutage.id`).
    pub outage_id: i64,
}

/// Bays for the admin screen
///
/// Every bay with its hours and out-of-service periods not yet over, and the skill codes
/// a bay may have. Manager only.
#[utoipa::path(get, path = "/api/v1/admin/bays", tag = "admin", operation_id = "adminListBays",
    responses(
        (status = 200, description = "Every bay.", body = AdminBays),
        (status = 401, response = Unauthenticated),
        (status = 403, response = Forbidden),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn list(
    State(state): State<AppState>,
    _manager: Manager,
) -> Result<Json<AdminBays>, AppError> {
    let mut conn = state.pool.acquire().await?;
    Ok(Json(AdminBays {
        bays: store::bays(&mut conn, None, state.clock.now()).await?,
        skills: SKILLS.iter().map(|s| s.to_string()).collect(),
    }))
}

const INVALID_BAY: &str = "`invalid`: every bad field in `fields` — `name_zh`, `name_en`, `team_name` (1 to 60 characters), `skills` (none, or a code not in `AdminBays.skills`), `opens_at`/`closes_at` (not `HH:MM`, or closing before opening). Nothing is changed.";

/// Add a bay
///
/// A new bay (no team yet: staff admin adds technicians). Audited; the bay's event goes to
/// the board. Manager only.
#[utoipa::path(post, path = "/api/v1/admin/bays", tag = "admin", operation_id = "adminCreateBay",
    request_body(content = BayEdit, example = json!({"name_zh": "7号工位 快速保养", "name_en": "Bay 7 · Quick service", "team_name": "快保二组", "skills": ["quick_service"], "opens_at": "08:00", "closes_at": "18:00"})),
    responses(
        (status = 201, description = "The new bay.", body = BayInfo),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = Forbidden),
        (status = 422, description = INVALID_BAY, body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn create(
    State(state): State<AppState>,
    manager: Manager,
    ApiJson(req): ApiJson<BayEdit>,
) -> Result<(StatusCode, Json<BayInfo>), AppError> {
    let bay = admin::create_bay(&state, manager, req).await?;
    Ok((StatusCode::CREATED, Json(bay)))
}

/// Edit a bay
///
/// Names, team name, skills and hours. Audited (before and after); the bay's event
/// updates the board, the desk and the bay's screen live. Manager only.
#[utoipa::path(put, path = "/api/v1/admin/bays/{bay_id}", tag = "admin", operation_id = "adminUpdateBay",
    params(BayId), request_body = BayEdit,
    responses(
        (status = 200, description = "The bay as it is now.", body = BayInfo),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, description = INVALID_BAY, body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn update(
    State(state): State<AppState>,
    manager: Manager,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(req): ApiJson<BayEdit>,
) -> Result<Json<BayInfo>, AppError> {
    let Path(bay_id) = path.map_err(|_| AppError::NotFound)?;
    admin::update_bay(&state, manager, bay_id, req)
        .await
        .map(Json)
}

/// Take a bay out of service
///
/// For `[from, to)`: meanwhile dispatch suggests the bay to nobody, the kiosk's promise
/// does not count it, and the board shows it out of service. Audited; the bay's event
/// goes out live. Manager only.
#[utoipa::path(post, path = "/api/v1/admin/bays/{bay_id}/outages", tag = "admin", operation_id = "adminAddOutage",
    params(BayId),
    request_body(content = OutageEdit, example = json!({"from": "2026-12-03T06:00:00Z", "to": "2026-12-03T10:00:00Z", "reason": "举升机检修"})),
    responses(
        (status = 201, description = "The bay with the period.", body = BayInfo),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, description = "`invalid`: `to` (not after `from`, already past, or more than 366 days on), `reason` (1 to 200 characters). Nothing is changed.", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn add_outage(
    State(state): State<AppState>,
    manager: Manager,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(req): ApiJson<OutageEdit>,
) -> Result<(StatusCode, Json<BayInfo>), AppError> {
    let Path(bay_id) = path.map_err(|_| AppError::NotFound)?;
    let bay = admin::add_outage(&state, manager, bay_id, req).await?;
    Ok((StatusCode::CREATED, Json(bay)))
}

/// Put a bay back in service
///
/// Ends (or cancels) one out-of-service period. Audited; the bay's event goes out live.
/// Manager only.
#[utoipa::path(delete, path = "/api/v1/admin/bays/{bay_id}/outages/{outage_id}", tag = "admin", operation_id = "adminEndOutage",
    params(OutageId),
    responses(
        (status = 200, description = "The bay without the period.", body = BayInfo),
        (status = 401, response = Unauthenticated),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn end_outage(
    State(state): State<AppState>,
    manager: Manager,
    path: Result<Path<(i64, i64)>, PathRejection>,
) -> Result<Json<BayInfo>, AppError> {
    let Path((bay_id, outage_id)) = path.map_err(|_| AppError::NotFound)?;
    admin::end_outage(&state, manager, bay_id, outage_id)
        .await
        .map(Json)
}
