//! Idempotent staff writes: an `Idempotency-Key` scoped to its endpoint, job and sender,
//! the first answer found again for a retried tap, and the answer recorded with the
//! job's event in the same change.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use app::model::JobView;

use crate::{auth::SessionActor, error::AppError, store};

/// An `Idempotency-Key` of one staff write: its scope (endpoint and job), the key, and
/// the hash of who sent which body (so another person's or another body's request with
/// the same key is refused, never answered with someone else's result).
pub struct Keyed {
    scope: String,
    key: String,
    hash: String,
}

impl Keyed {
    pub fn new(
        endpoint: &str,
        job_id: i64,
        key: Option<String>,
        actor: &SessionActor,
        body: &impl Serialize,
    ) -> Result<Option<Keyed>, AppError> {
        let Some(key) = key else { return Ok(None) };
        let body = serde_json::to_string(body).map_err(|e| AppError::Internal(e.to_string()))?;
        let who = format!(
            "{}\n{}\n{:?}\n{:?}\n{body}",
            actor.role.as_str(),
            actor.name,
            actor.bay_id,
            actor.technician_id
        );
        let hash = Sha256::digest(who.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(Some(Keyed {
            scope: format!("{endpoint}:{job_id}"),
            key,
            hash,
        }))
    }
}

/// The first answer given for this key, if it was used before; `422
/// idempotency_key_reused` when it was used for a different request. Called inside the
/// write transaction (`BEGIN IMMEDIATE`), so two taps queue and the second finds the first.
pub async fn earlier_answer(
    conn: &mut sqlx::SqliteConnection,
    keyed: Option<&Keyed>,
) -> Result<Option<serde_json::Value>, AppError> {
    let Some(k) = keyed else { return Ok(None) };
    let Some((hash, response)) = store::request_by_key(conn, &k.scope, &k.key).await? else {
        return Ok(None);
    };
    if hash != k.hash {
        return Err(AppError::invalid(
            "idempotency_key_reused",
            "This Idempotency-Key was used for a different request.",
        ));
    }
    serde_json::from_str(&response)
        .map(Some)
        .map_err(|e| AppError::Internal(format!("stored response: {e}")))
}

/// Appends the job's new state to the event log and records the answer under the key
/// (if any) in the same change; returns the answer.
pub async fn answer_with_event(
    tx: &mut SqliteConnection,
    job_id: i64,
    now: DateTime<Utc>,
    keyed: Option<&Keyed>,
    answer: impl FnOnce(&JobView) -> Result<serde_json::Value, AppError>,
) -> Result<serde_json::Value, AppError> {
    let job = store::load_job(&mut *tx, job_id)
        .await?
        .ok_or(AppError::NotFound)?;
    store::append_job_event(&mut *tx, &job, None, now).await?;
    let body = answer(&job)?;
    if let Some(k) = keyed {
        store::record_request_key(&mut *tx, &k.scope, &k.key, &k.hash, &body.to_string(), now)
            .await?;
    }
    Ok(body)
}
