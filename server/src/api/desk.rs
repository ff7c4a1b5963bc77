//! The service desk's endpoints and the customer's decision on extra work.

use axum::{
    extract::{rejection::PathRejection, Path, State},
    http::HeaderMap,
    Json,
};

use crate::{
    api::checkins::idempotency_key,
    auth::SessionActor,
    desk::{self, DecisionRequest, NoteRequest, ToldRequest},
    error::{ApiJson, AppError},
    store, AppState,
};

fn id_of(path: Result<Path<i64>, PathRejection>) -> Result<i64, AppError> {
    path.map(|Path(id)| id).map_err(|_| AppError::NotFound)
}

/// `POST /api/v1/additional-items/{item_id}/decision`: the customer's token or the desk.
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

/// `POST /api/v1/jobs/{job_id}/notes`; with an `Idempotency-Key`, a repeat answers the
/// first response and adds nothing.
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

/// `POST /api/v1/jobs/{job_id}/customer-told`.
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

/// `POST /api/v1/desk-requests/{id}/resolve`.
pub async fn resolve_request(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
) -> Result<Json<app::model::DeskRequest>, AppError> {
    let id = id_of(path)?;
    desk::resolve_request(&state, &actor, id).await.map(Json)
}

/// `GET /api/v1/jobs/{job_id}/invoice`: as issued at delivery, or a draft before.
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
    Ok(Json(desk::invoice_of(&job, &actor)))
}
