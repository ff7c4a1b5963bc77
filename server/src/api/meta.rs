//! Health, the OpenAPI document, and JSON 404s for unknown API paths.

use axum::{http::header, response::IntoResponse, Json};

use crate::error::AppError;

pub async fn health() -> impl IntoResponse {
    Json(serde_json::json!({ "status": "ok" }))
}

pub async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("openapi.json"),
    )
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}
