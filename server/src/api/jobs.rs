//! `GET /api/v1/jobs/{id}` (staff view, with the whole timeline) and `POST /api/v1/jobs/{id}/actions`.

use axum::{
    extract::{rejection::PathRejection, Path, State},
    http::Extensions,
    Json,
};

use crate::{
    actions::{self, check_bay, view_for, ActionRequest},
    auth::{self, SessionActor},
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
    let mut job = store::load_job(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    check_bay(&actor, job.bay_id)?;
    job.timeline = store::load_timeline(&mut conn, id).await?;
    view_for(&actor, &job).map(Json)
}

/// With a `pin`, the countersigner takes the action; the answer is still the view the
/// signed-in device may see.
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
