//! The one error type of the API: client mistakes answered as they are, internal
//! failures logged in full and answered opaquely. Also the JSON extractor whose
//! rejections use the same shape.

use std::collections::BTreeMap;

use app::model::{ErrorBody, ErrorDetail};
use axum::{
    extract::{rejection::JsonRejection, FromRequest, Request},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde::de::DeserializeOwned;

use crate::store::{Outage, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("the request body is too large")]
    PayloadTooLarge,
    #[error("sign in first")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(String),
    #[error("change your password first (a manager reset it)")]
    PasswordChangeRequired,
    #[error("not found")]
    NotFound,
    #[error("this path does not accept that method")]
    MethodNotAllowed,
    #[error("someone else changed this job first")]
    /// Carries the job as it is now, in the view the actor may see.
    VersionConflict(Box<serde_json::Value>),
    #[error("this extra work has already been decided")]
    /// A second decision on the same item; carries the job as it is now.
    AlreadyDecided(Box<serde_json::Value>),
    #[error("{message}")]
    Invalid {
        code: &'static str,
        message: String,
        fields: BTreeMap<String, String>,
    },
    /// The request is sound but the world says no: `out_of_stock` (a part not on the
    /// shelf cannot be issued), `part_code_taken`, `already_set_up`.
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// A conflict that carries what the client can do instead (`current`): the nearest
    /// free slots on a `slot_full`, the parts' availability on a `parts_short`.
    #[error("{message}")]
    ConflictWith {
        code: &'static str,
        message: String,
        current: Box<serde_json::Value>,
    },
    #[error("too many attempts; wait a minute and try again")]
    RateLimited,
    #[error("the store cannot take this request right now ({}); try again shortly", .outage.as_str())]
    /// The store is busy, read-only, full or failing I/O: nobody's mistake, and worth a
    /// retry. `detail` is logged, never sent.
    Unavailable { outage: Outage, detail: String },
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn invalid(code: &'static str, message: impl Into<String>) -> Self {
        AppError::Invalid {
            code,
            message: message.into(),
            fields: BTreeMap::new(),
        }
    }

    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        AppError::Invalid {
            code: "invalid",
            message: message.clone(),
            fields: BTreeMap::from([(field.to_string(), message)]),
        }
    }

    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            AppError::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            AppError::Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated"),
            AppError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            AppError::PasswordChangeRequired => (StatusCode::FORBIDDEN, "password_change_required"),
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            AppError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            AppError::VersionConflict(_) => (StatusCode::CONFLICT, "version_conflict"),
            AppError::AlreadyDecided(_) => (StatusCode::CONFLICT, "already_decided"),
            AppError::Invalid { code, .. } => (StatusCode::UNPROCESSABLE_ENTITY, code),
            AppError::Conflict { code, .. } | AppError::ConflictWith { code, .. } => {
                (StatusCode::CONFLICT, code)
            }
            AppError::RateLimited => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            AppError::Unavailable { .. } => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

/// Seconds a client is asked to wait before retrying a `503 unavailable`.
pub const RETRY_AFTER_SECS: u64 = 5;

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e.outage() {
            Some(outage) => AppError::Unavailable {
                outage,
                detail: e.to_string(),
            },
            None => AppError::Internal(e.to_string()),
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::from(StoreError::from(e))
    }
}

impl AppError {
    /// The status and the body the client gets (an internal fault logged here, answered
    /// opaquely): the API's responses and the `channel_snapshot` server function's errors.
    pub fn into_status_and_body(self) -> (StatusCode, ErrorBody) {
        let (status, code) = self.status_and_code();
        let message = match &self {
            AppError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                "something went wrong on our side; it has been logged".to_string()
            }
            AppError::Unavailable { outage, detail } => {
                tracing::warn!(%detail, outage = outage.as_str(), "store unavailable");
                self.to_string()
            }
            other => other.to_string(),
        };
        let (fields, current) = match self {
            AppError::Invalid { fields, .. } => (fields, None),
            AppError::VersionConflict(job) | AppError::AlreadyDecided(job) => {
                (BTreeMap::new(), Some(*job))
            }
            AppError::ConflictWith { current, .. } => (BTreeMap::new(), Some(*current)),
            _ => (BTreeMap::new(), None),
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code: code.to_string(),
                message,
                fields,
                current,
            },
        };
        (status, body)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let retry_after = matches!(self, AppError::Unavailable { .. });
        let (status, body) = self.into_status_and_body();
        let mut response = (status, Json(body)).into_response();
        if retry_after {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(RETRY_AFTER_SECS),
            );
        }
        response
    }
}

/// `Json<T>` whose rejections (malformed JSON, wrong types, too large) answer in the
/// API's error shape.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(match rejection.status() {
                StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
                _ => AppError::BadRequest(rejection_message(&rejection)),
            }),
        }
    }
}

fn rejection_message(rejection: &JsonRejection) -> String {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => {
            "send the body as JSON with Content-Type: application/json".into()
        }
        JsonRejection::JsonSyntaxError(e) => {
            format!("the body is not valid JSON: {}", e.body_text())
        }
        JsonRejection::JsonDataError(e) => format!("the JSON does not match: {}", e.body_text()),
        other => other.body_text(),
    }
}
