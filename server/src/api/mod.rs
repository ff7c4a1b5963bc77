//! The REST API of `api.md` under `/api/v1`, and the layers every request passes.

mod bays;
mod checkins;
mod desk;
mod jobs;
mod meta;
mod sessions;
mod workshop;

use axum::{
    routing::{any, get, post},
    Router,
};

use crate::{live::events_handler, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/health", get(meta::health))
        .route("/api/v1/openapi.json", get(meta::openapi))
        .route("/metrics", get(crate::metrics::scrape))
        .route(
            "/api/v1/sessions",
            post(sessions::sign_in)
                .get(sessions::current)
                .delete(sessions::sign_out),
        )
        .route("/api/v1/bays", get(bays::list))
        .route("/api/v1/checkins", post(checkins::create))
        .route("/api/v1/checkins/lookup", post(checkins::lookup))
        .route("/api/v1/checkins/quote", post(checkins::quote))
        .route("/api/v1/desk-requests", post(checkins::call_advisor))
        .route("/api/v1/jobs/{job_id}", get(jobs::get_job))
        .route("/api/v1/jobs/{job_id}/actions", post(jobs::post_action))
        .route(
            "/api/v1/jobs/{job_id}/items/{item_id}/check",
            post(workshop::check_item),
        )
        .route(
            "/api/v1/jobs/{job_id}/additional-items",
            post(workshop::report_additional),
        )
        .route("/api/v1/parts", get(workshop::parts))
        .route(
            "/api/v1/additional-items/{item_id}/decision",
            post(desk::decide),
        )
        .route("/api/v1/jobs/{job_id}/notes", post(desk::add_note))
        .route(
            "/api/v1/jobs/{job_id}/customer-told",
            post(desk::customer_told),
        )
        .route("/api/v1/jobs/{job_id}/invoice", get(desk::invoice))
        .route(
            "/api/v1/desk-requests/{id}/resolve",
            post(desk::resolve_request),
        )
        .route("/api/v1/events/{*channel}", get(events_handler))
        .route("/api/v1/{*rest}", any(meta::not_found))
        .method_not_allowed_fallback(meta::method_not_allowed)
}

/// A panic in a handler becomes an opaque 500 in the API's error shape (and is logged).
pub fn panic_response(_panic: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    use axum::response::IntoResponse;
    crate::error::AppError::Internal("a handler panicked".into()).into_response()
}
