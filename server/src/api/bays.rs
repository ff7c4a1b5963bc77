//! `GET /api/v1/bays`: every bay with its current job and queue, masked as `bays` is.

use app::model::{group_by_bay, public_job, BayBoard};
use axum::{extract::State, Json};
use serde::Serialize;

use super::doc::responses::*;
use crate::{
    error::AppError,
    store::{self, JobFilter},
    AppState,
};

#[derive(Serialize, utoipa::ToSchema)]
pub struct BaysResponse {
    bays: Vec<BayBoard>,
}

/// The workshop board
///
/// Every bay with who is signed in at it, its current job (in_service or paused) and its
/// queue, masked as the `bays` channel is (no personal data). Public.
#[utoipa::path(get, path = "/api/v1/bays", tag = "bays", operation_id = "listBays", security(()),
    responses(
        (status = 200, description = "Every bay.", body = BaysResponse),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn list(State(state): State<AppState>) -> Result<Json<BaysResponse>, AppError> {
    let mut conn = state.pool.acquire().await?;
    let bays = store::bays(&mut conn, None, state.clock.now()).await?;
    let jobs: Vec<_> = store::load_jobs(&mut conn, JobFilter::Active)
        .await?
        .iter()
        .map(public_job)
        .collect();
    Ok(Json(BaysResponse {
        bays: group_by_bay(&bays, &jobs),
    }))
}
