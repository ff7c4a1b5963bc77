//! Health, the OpenAPI document, and JSON 404s and 405s for unknown API paths and methods.

use axum::{
    extract::State,
    http::{header, StatusCode},
    response::IntoResponse,
    Json,
};

use crate::{error::AppError, store, AppState};

/// How long the health probe may wait for the store before it reports it busy.
const PROBE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

/// `GET /api/v1/health`: `200 {"status": "ok", "database": "ok"}` when the store takes a
/// write; otherwise `503 {"status": "degraded", "database": "read_only" | "full" | "busy"
/// | "unavailable"}`: the screens are still served read-only, but changes are refused.
pub async fn health(State(state): State<AppState>) -> impl IntoResponse {
    let probe = tokio::time::timeout(
        PROBE_TIMEOUT,
        store::probe(&state.writer, chrono::Utc::now()),
    );
    let database = match probe.await {
        Ok(Ok(())) => "ok",
        Ok(Err(e)) => {
            tracing::warn!("health probe: {e}");
            e.outage().map_or("unavailable", store::Outage::as_str)
        }
        Err(_) => "busy",
    };
    let (status, word) = if database == "ok" {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "degraded")
    };
    (
        status,
        Json(serde_json::json!({ "status": word, "database": database })),
    )
}

pub async fn openapi() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            // Public and the same for everyone: the one API answer a cache may keep.
            (header::CACHE_CONTROL, "no-cache"),
        ],
        include_str!("openapi.json"),
    )
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// A known path asked with a method it does not take (axum keeps the `Allow` header).
pub async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
