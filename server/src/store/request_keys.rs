//! `Idempotency-Key`s of staff writes (desk notes, additional items): the first answer
//! per key, replayed for a retry.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::{ts, StoreError};

/// The earlier request with this key in this scope: its hash and its answer.
pub async fn request_by_key(
    conn: &mut SqliteConnection,
    scope: &str,
    key: &str,
) -> Result<Option<(String, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT request_hash, response FROM request_keys WHERE scope = ? AND key = ?",
    )
    .bind(scope)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?)
}

pub async fn record_request_key(
    conn: &mut SqliteConnection,
    scope: &str,
    key: &str,
    request_hash: &str,
    response: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO request_keys (scope, key, request_hash, response, created_at)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(scope)
    .bind(key)
    .bind(request_hash)
    .bind(response)
    .bind(ts(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}
