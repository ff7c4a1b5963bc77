//! `GET /api/v1/jobs/{id}` (staff view) and `POST /api/v1/jobs/{id}/actions`.

use axum::{
    extract::{rejection::PathRejection, Path, State},
    Json,
};

use crate::{
    actions::{self, check_bay, view_for, ActionRequest},
    auth::SessionActor,
    error::{ApiJson, AppError},
    store, workshop, AppState,
};

fn job_id(path: Result<Path<i64>, PathRejection>) -> Result<i64, AppError> {
    path.map(|Path(id)| id).map_err(|_| AppError::NotFound)
}

pub async fn get_job(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
) -> Result<Json<serde_json::Value>, AppError> {
    let id = job_id(path)?;
    let mut conn = state.pool.acquire().await?;
    let job = store::load_job(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    check_bay(&actor, job.bay_id)?;
    Ok(Json(view_for(&actor, &job)))
}

pub async fn post_action(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(mut request): ApiJson<ActionRequest>,
) -> Result<Json<serde_json::Value>, AppError> {
    let id = job_id(path)?;
    let actor = match request.pin.take() {
        Some(pin) => {
            workshop::countersigner(&state, &actor, id, request.action.kind(), pin).await?
        }
        None => actor,
    };
    actions::perform(&state, &actor, id, request)
        .await
        .map(Json)
}
