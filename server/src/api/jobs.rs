//! `GET /api/v1/jobs/{id}` (staff view) and `POST /api/v1/jobs/{id}/actions`.

use app::model::JobView;
use axum::{
    extract::{rejection::PathRejection, Path, State},
    Json,
};

use crate::{
    actions::{self, ActionRequest},
    auth::SessionActor,
    error::{ApiJson, AppError},
    store, AppState,
};

fn job_id(path: Result<Path<i64>, PathRejection>) -> Result<i64, AppError> {
    path.map(|Path(id)| id).map_err(|_| AppError::NotFound)
}

pub async fn get_job(
    State(state): State<AppState>,
    _actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
) -> Result<Json<JobView>, AppError> {
    let id = job_id(path)?;
    let mut conn = state.pool.acquire().await?;
    store::load_job(&mut conn, id)
        .await?
        .map(Json)
        .ok_or(AppError::NotFound)
}

pub async fn post_action(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(request): ApiJson<ActionRequest>,
) -> Result<Json<JobView>, AppError> {
    let id = job_id(path)?;
    actions::perform(&state, &actor, id, request)
        .await
        .map(Json)
}
