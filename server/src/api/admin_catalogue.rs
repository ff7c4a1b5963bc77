//! `/api/v1/admin/catalogue…`, `/labour-rate`, `/schedules…`: the manager edits the
//! service catalogue, the labour rate and the maintenance schedules.

use app::domain::SKILLS;
use app::model::{
    AdminCatalogue, AdminSchedule, AdminSchedules, AdminServiceItem, ErrorBody, LabourRateEdit,
    ScheduleEdit, ServiceItemEdit,
};
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

/// `{item_id}` of a service item in a path.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)] // only a schema: never built
pub struct ServiceItemId {
    /// The service item's id. A non-integer id is `404 not_found`.
    pub item_id: i64,
}

/// `{schedule_id}` in a path.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)] // only a schema: never built
pub struct ScheduleId {
    /// The schedule's id. A non-integer id is `404 not_found`.
    pub schedule_id: i64,
}

/// The service catalogue
///
/// Every service item priced at today's labour rate and part prices, the parts an item
/// may use, the skill codes and the labour rate. Manager only.
#[utoipa::path(get, path = "/api/v1/admin/catalogue", tag = "admin", operation_id = "adminCatalogue",
    responses(
        (status = 200, description = "The catalogue.", body = AdminCatalogue),
        (status = 401, response = Unauthenticated),
        (status = 403, response = Forbidden),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn catalogue(
    State(state): State<AppState>,
    _manager: Manager,
) -> Result<Json<AdminCatalogue>, AppError> {
    let mut conn = state.pool.acquire().await?;
    let rate = store::labour_rate(&mut conn).await?;
    let items = store::service_items(&mut conn)
        .await?
        .into_iter()
        .map(|row| admin::priced(row, rate))
        .collect();
    Ok(Json(AdminCatalogue {
        labour_rate_fen_per_hour: rate.fen(),
        items,
        parts: store::admin_parts(&mut conn).await?,
        skills: SKILLS.iter().map(|s| s.to_string()).collect(),
    }))
}

const INVALID_ITEM: &str = "`invalid`: every bad field in `fields` — `code` (1 to 64 of a-z, 0-9, _; or another item's), `name_zh`, `name_en` (1 to 60 characters), `labor_minutes` (1 to 960), `skill` (not a skill code), `part_id` (no such part), `part_qty` (1 to 50 with a part, 0 without). Nothing is changed.";

/// Add a service item
///
/// Audited. The kiosk offers it from its next quote. Manager only.
#[utoipa::path(post, path = "/api/v1/admin/catalogue/items", tag = "admin", operation_id = "adminCreateServiceItem",
    request_body(content = ServiceItemEdit, example = json!({"code": "tyre_rotation", "name_zh": "轮胎换位", "name_en": "Tyre rotation", "labor_minutes": 30, "skill": "quick_service", "part_id": null, "part_qty": 0})),
    responses(
        (status = 201, description = "The new item, priced.", body = AdminServiceItem),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = Forbidden),
        (status = 422, description = INVALID_ITEM, body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn create_item(
    State(state): State<AppState>,
    manager: Manager,
    ApiJson(req): ApiJson<ServiceItemEdit>,
) -> Result<(StatusCode, Json<AdminServiceItem>), AppError> {
    let item = admin::create_item(&state, manager, req).await?;
    Ok((StatusCode::CREATED, Json(item)))
}

/// Edit a service item
///
/// Names, minutes, skill, part and quantity. Audited (before and after). Prices only what
/// comes after: a job keeps the names and prices it was checked in with, an issued
/// invoice what it was issued with. Manager only.
#[utoipa::path(put, path = "/api/v1/admin/catalogue/items/{item_id}", tag = "admin", operation_id = "adminUpdateServiceItem",
    params(ServiceItemId), request_body = ServiceItemEdit,
    responses(
        (status = 200, description = "The item as it is now, priced.", body = AdminServiceItem),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, description = INVALID_ITEM, body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn update_item(
    State(state): State<AppState>,
    manager: Manager,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(req): ApiJson<ServiceItemEdit>,
) -> Result<Json<AdminServiceItem>, AppError> {
    let Path(id) = path.map_err(|_| AppError::NotFound)?;
    admin::update_item(&state, manager, id, req).await.map(Json)
}

/// Set the labour rate
///
/// Fen per hour; labour is standard minutes × this rate. Audited. Prices only what comes
/// after (jobs keep their prices). Manager only.
#[utoipa::path(put, path = "/api/v1/admin/labour-rate", tag = "admin", operation_id = "adminSetLabourRate",
    request_body(content = LabourRateEdit, example = json!({"labour_rate_fen_per_hour": 32000})),
    responses(
        (status = 200, description = "The rate now.", body = LabourRateEdit),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = Forbidden),
        (status = 422, description = "`invalid`: `fields.labour_rate_fen_per_hour` outside 100 to 1,000,000 (¥1 to ¥10,000 an hour). Nothing is changed.", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn set_labour_rate(
    State(state): State<AppState>,
    manager: Manager,
    ApiJson(req): ApiJson<LabourRateEdit>,
) -> Result<Json<LabourRateEdit>, AppError> {
    let fen = admin::set_labour_rate(&state, manager, req.labour_rate_fen_per_hour).await?;
    Ok(Json(LabourRateEdit {
        labour_rate_fen_per_hour: fen,
    }))
}

/// The maintenance schedules
///
/// One per (fuel type, model family); a schedule without a family is its fuel type's
/// default, followed by every car of that fuel without one of its own. Manager only.
#[utoipa::path(get, path = "/api/v1/admin/schedules", tag = "admin", operation_id = "adminSchedules",
    responses(
        (status = 200, description = "Every schedule, packages by km.", body = AdminSchedules),
        (status = 401, response = Unauthenticated),
        (status = 403, response = Forbidden),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn schedules(
    State(state): State<AppState>,
    _manager: Manager,
) -> Result<Json<AdminSchedules>, AppError> {
    let mut conn = state.pool.acquire().await?;
    Ok(Json(AdminSchedules {
        schedules: store::admin_schedules(&mut conn).await?,
    }))
}

const INVALID_SCHEDULE: &str = "`invalid`: every bad field in `fields` — `model_family` (1 to 40 characters; or that fuel type has a schedule for it already), `packages` (over 30), `packages[i].km` (1 to 1,000,000; each once), `packages[i].name_zh`/`name_en` (1 to 60 characters), `packages[i].item_ids` (1 to 30, each once, each a service item). Nothing is changed.";

async fn answer(state: &AppState, id: i64) -> Result<AdminSchedule, AppError> {
    let mut conn = state.pool.acquire().await?;
    store::admin_schedules(&mut conn)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or(AppError::NotFound)
}

/// Add a maintenance schedule
///
/// For a (fuel type, model family) pair, or a fuel type's default (`model_family`
/// null). Audited; the kiosk's next lookup or quote of such a car uses it. Manager only.
#[utoipa::path(post, path = "/api/v1/admin/schedules", tag = "admin", operation_id = "adminCreateSchedule",
    request_body(content = ScheduleEdit, example = json!({"fuel_type": "electric", "model_family": "汉", "packages": [{"km": 10000, "name_zh": "1万公里检查", "name_en": "10,000 km check", "free": false, "item_ids": [10, 18]}]})),
    responses(
        (status = 201, description = "The new schedule.", body = AdminSchedule),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = Forbidden),
        (status = 422, description = INVALID_SCHEDULE, body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn create_schedule(
    State(state): State<AppState>,
    manager: Manager,
    ApiJson(req): ApiJson<ScheduleEdit>,
) -> Result<(StatusCode, Json<AdminSchedule>), AppError> {
    let id = admin::write_schedule(&state, manager, None, req).await?;
    Ok((StatusCode::CREATED, Json(answer(&state, id).await?)))
}

/// Replace a maintenance schedule
///
/// Its key and all its packages at once. Audited. Jobs already checked in keep the
/// package they were priced with. Manager only.
#[utoipa::path(put, path = "/api/v1/admin/schedules/{schedule_id}", tag = "admin", operation_id = "adminUpdateSchedule",
    params(ScheduleId), request_body = ScheduleEdit,
    responses(
        (status = 200, description = "The schedule as it is now.", body = AdminSchedule),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, description = INVALID_SCHEDULE, body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn update_schedule(
    State(state): State<AppState>,
    manager: Manager,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(req): ApiJson<ScheduleEdit>,
) -> Result<Json<AdminSchedule>, AppError> {
    let Path(id) = path.map_err(|_| AppError::NotFound)?;
    let id = admin::write_schedule(&state, manager, Some(id), req).await?;
    Ok(Json(answer(&state, id).await?))
}
