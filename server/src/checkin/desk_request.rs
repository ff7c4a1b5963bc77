//! "Call an advisor" from the kiosk: a request stored with its event, published after
//! commit, so every desk sees it live.

use app::domain::text::{clean_line, SOURCE_MAX};
use chrono::{DateTime, SubsecRound, Utc};

use crate::{error::AppError, store, AppState};

/// `POST /api/v1/desk-requests`: a customer asks for a person; the desk sees it live.
pub async fn call_advisor(
    state: &AppState,
    req: &app::model::DeskRequestIn,
    now: DateTime<Utc>,
) -> Result<app::model::DeskRequest, AppError> {
    let source = clean_line(&req.source, SOURCE_MAX)
        .map_err(|e| AppError::field("source", e.to_string()))?;
    if source.is_empty() {
        return Err(AppError::field(
            "source",
            "Say where the request comes from, e.g. kiosk.",
        ));
    }
    let source = source.as_str();
    let language = match req.language.as_deref() {
        Some("en") => "en",
        _ => "zh",
    };
    // The store keeps milliseconds: the 201, the live event and a later snapshot must all
    // show the same time.
    let now = now.trunc_subsecs(3);
    let source = source.to_string();
    state
        .change(move |tx| {
            Box::pin(async move {
                let id = store::insert_desk_request(tx, &source, language, now).await?;
                let request = app::model::DeskRequest {
                    id,
                    at: now,
                    source,
                    language: language.to_string(),
                    resolved_at: None,
                    resolved_by: None,
                };
                store::append_desk_request_event(tx, &request).await?;
                Ok(request)
            })
        })
        .await
}
