//! Health, the OpenAPI document, and JSON 404s and 405s for unknown API paths and methods.

use axum::{extract::State, http::StatusCode, response::IntoResponse, Json};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{error::AppError, store, AppState};

/// Whether the store takes a write (the probe commits a heartbeat).
#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`, or `degraded` (503): screens are still served read-only, changes are
    /// refused with `503 unavailable`.
    #[schema(pattern = "^(ok|degraded)$")]
    status: &'static str,
    /// `ok`, `read_only`, `full`, `busy` or `unavailable`.
    #[schema(pattern = "^(ok|read_only|full|busy|unavailable)$")]
    database: &'static str,
}

/// How long the health probe may wait for the store before it reports it busy.
const PROBE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

/// Health: the server is up and its store takes writes
///
/// `200` when the store takes a write (the probe commits a heartbeat); otherwise `503`
/// `degraded` with the reason in `database`: screens are still served read-only, but
/// changes are refused with `503 unavailable`.
#[utoipa::path(get, path = "/api/v1/health", tag = "meta", operation_id = "health", security(()),
    responses(
        (status = 200, description = "The server is up and the store takes writes.", body = Health,
            example = json!({"status": "ok", "database": "ok"})),
        (status = 503, description = "Degraded: the store refuses writes (`database` says why); reads and streams still work.",
            body = Health, example = json!({"status": "degraded", "database": "read_only"})),
    ))]
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
        Json(Health {
            status: word,
            database,
        }),
    )
}

/// This OpenAPI document
///
/// Generated from the server's types and handlers at start-up, so it cannot drift.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", operation_id = "openapi", security(()),
    responses((status = 200, description = "The OpenAPI 3.1 document of the API.", body = Object)))]
pub async fn openapi() -> Result<impl IntoResponse, AppError> {
    super::doc::serve().await
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// A known path asked with a method it does not take (axum keeps the `Allow` header).
pub async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
