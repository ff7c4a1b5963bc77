//! "Call an advisor" requests from the kiosk, open until the desk answers them.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::{ts, StoreError};

pub async fn insert_desk_request(
    conn: &mut SqliteConnection,
    source: &str,
    language: &str,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO desk_requests (at, source, language) VALUES (?, ?, ?) RETURNING id",
    )
    .bind(ts(at))
    .bind(source)
    .bind(language)
    .fetch_one(&mut *conn)
    .await?)
}

/// Marks a request answered; returns it, or `None` when there is no such open request.
pub async fn resolve_desk_request(
    conn: &mut SqliteConnection,
    id: i64,
    by: &str,
    at: DateTime<Utc>,
) -> Result<Option<app::model::DeskRequest>, StoreError> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "UPDATE desk_requests SET resolved_at = ?, resolved_by = ? WHERE id = ? AND resolved_at IS NULL
         RETURNING at, source, language",
    )
    .bind(ts(at))
    .bind(by)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(requested, source, language)| {
        Ok(app::model::DeskRequest {
            id,
            at: super::parse_ts(&requested)?,
            source,
            language,
            resolved_at: Some(at),
            resolved_by: Some(by.to_string()),
        })
    })
    .transpose()
}

/// Requests nobody has answered yet, oldest first.
pub async fn open_desk_requests(
    conn: &mut SqliteConnection,
) -> Result<Vec<app::model::DeskRequest>, StoreError> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, at, source, language FROM desk_requests WHERE resolved_at IS NULL ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, at, source, language)| {
            Ok(app::model::DeskRequest {
                id,
                at: super::parse_ts(&at)?,
                source,
                language,
                resolved_at: None,
                resolved_by: None,
            })
        })
        .collect()
}
