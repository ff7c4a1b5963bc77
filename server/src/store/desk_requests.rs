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
            })
        })
        .collect()
}
