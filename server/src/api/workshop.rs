//! The bay screen's endpoints beyond actions: checklist ticks, additional work, and the
//! parts catalogue it picks from.

use app::model::{CataloguePart, PartsCatalogue};
use axum::{
    extract::{rejection::PathRejection, Path, State},
    http::{HeaderMap, StatusCode},
    Json,
};

use crate::{
    api::checkins::idempotency_key,
    auth::SessionActor,
    error::{ApiJson, AppError},
    store::{self, PartRow},
    workshop::{self, AdditionalItemRequest, CheckRequest},
    AppState,
};

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

/// `201` with `{item_id, job}`; with an `Idempotency-Key`, a repeat answers the first.
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

/// `GET /api/v1/parts`: the catalogue with prices and stock, for signed-in staff.
pub async fn parts(
    State(state): State<AppState>,
    _actor: SessionActor,
) -> Result<Json<PartsCatalogue>, AppError> {
    let mut conn = state.pool.acquire().await?;
    let parts = store::parts(&mut conn).await?;
    Ok(Json(PartsCatalogue {
        parts: parts
            .into_iter()
            .map(|p: PartRow| CataloguePart {
                id: p.id,
                code: p.code,
                name_zh: p.name_zh,
                name_en: p.name_en,
                price_fen: p.price_fen,
                stock: p.stock,
            })
            .collect(),
        currency: "CNY".into(),
    }))
}
