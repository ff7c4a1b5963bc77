//! Health, the OpenAPI document, and JSON 404s and 405s for unknown API paths and methods.

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

/// A known path asked with a method it does not take (axum keeps the `Allow` header).
pub async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
