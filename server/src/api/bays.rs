//! `GET /api/v1/bays`: every bay with its current job and queue, masked as `bays` is.

use app::model::{group_by_bay, public_job, BayBoard};
use axum::{extract::State, Json};
use serde::Serialize;

use crate::{
    error::AppError,
    store::{self, JobFilter},
    AppState,
};

#[derive(Serialize)]
pub struct BaysResponse {
    bays: Vec<BayBoard>,
}

pub async fn list(State(state): State<AppState>) -> Result<Json<BaysResponse>, AppError> {
    let mut conn = state.pool.acquire().await?;
    let bays = store::bays(&mut conn, None).await?;
    let jobs: Vec<_> = store::load_jobs(&mut conn, JobFilter::Active)
        .await?
        .iter()
        .map(public_job)
        .collect();
    Ok(Json(BaysResponse {
        bays: group_by_bay(&bays, &jobs),
    }))
}
