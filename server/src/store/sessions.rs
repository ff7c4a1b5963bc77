//! Staff accounts, technicians and sign-in sessions.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::{ts, StoreError};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StaffRow {
    pub id: i64,
    pub display_name: String,
    pub role: String,
    pub password_hash: String,
    pub must_change_password: bool,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TechnicianRow {
    pub id: i64,
    pub name: String,
    pub is_lead: bool,
    pub pin_hash: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub role: String,
    pub display_name: String,
    pub staff_id: Option<i64>,
    pub technician_id: Option<i64>,
    pub bay_id: Option<i64>,
}

pub async fn staff_by_username(
    conn: &mut SqliteConnection,
    username: &str,
) -> Result<Option<StaffRow>, StoreError> {
    Ok(
        sqlx::query_as(
            "SELECT id, display_name, role, password_hash, must_change_password FROM staff\n             WHERE username = ? AND active = 1",
        )
        .bind(username)
        .fetch_optional(&mut *conn)
        .await?,
    )
}

pub async fn technicians_of_bay(
    conn: &mut SqliteConnection,
    bay_id: i64,
) -> Result<Vec<TechnicianRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, name, is_lead, pin_hash FROM technicians WHERE bay_id = ? AND active = 1 ORDER BY id",
    )
    .bind(bay_id)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn create_session(
    conn: &mut SqliteConnection,
    token_hash: &str,
    session: &SessionRow,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, role, display_name, staff_id, technician_id, bay_id, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(&session.role)
    .bind(&session.display_name)
    .bind(session.staff_id)
    .bind(session.technician_id)
    .bind(session.bay_id)
    .bind(ts(now))
    .bind(ts(expires_at))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A live session and whether its staff member must change their password first.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LiveSession {
    #[sqlx(flatten)]
    pub row: SessionRow,
    pub must_change_password: bool,
}

pub async fn session_by_token(
    conn: &mut SqliteConnection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<LiveSession>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT s.role, s.display_name, s.staff_id, s.technician_id, s.bay_id,
                COALESCE(st.must_change_password, 0) AS must_change_password
         FROM sessions s LEFT JOIN staff st ON st.id = s.staff_id
         WHERE s.token_hash = ? AND s.expires_at > ?",
    )
    .bind(token_hash)
    .bind(ts(now))
    .fetch_optional(&mut *conn)
    .await?)
}

/// Ends a session; returns it so the caller can tell the bay its technician left.
pub async fn delete_session(
    conn: &mut SqliteConnection,
    token_hash: &str,
) -> Result<Option<SessionRow>, StoreError> {
    Ok(sqlx::query_as(
        "DELETE FROM sessions WHERE token_hash = ? RETURNING role, display_name, staff_id, technician_id, bay_id",
    )
    .bind(token_hash)
    .fetch_optional(&mut *conn)
    .await?)
}
