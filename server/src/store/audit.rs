//! The audit trail of the store's reference data: who changed a staff account, a bay, the
//! catalogue, the schedule or the stock, when, and what the change was.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::SqliteConnection;

use super::{ts, StoreError};

/// One change to record, in the transaction that makes it.
pub struct AuditEntry<'a, D: Serialize> {
    pub at: DateTime<Utc>,
    /// The signed-in actor's role word and name.
    pub actor_role: &'a str,
    pub actor_name: &'a str,
    /// What kind of thing changed (`staff`, `bay`, `part`, …) and which one.
    pub subject: &'a str,
    pub subject_id: Option<i64>,
    /// What was done (`create`, `update`, `deactivate`, `receive`, …).
    pub action: &'a str,
    /// The change itself, stored as JSON.
    pub detail: &'a D,
}

pub async fn record_audit<D: Serialize>(
    conn: &mut SqliteConnection,
    entry: AuditEntry<'_, D>,
) -> Result<i64, StoreError> {
    let detail =
        serde_json::to_string(entry.detail).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(sqlx::query_scalar(
        "INSERT INTO audit_log (at, actor_role, actor_name, subject, subject_id, action, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(ts(entry.at))
    .bind(entry.actor_role)
    .bind(entry.actor_name)
    .bind(entry.subject)
    .bind(entry.subject_id)
    .bind(entry.action)
    .bind(detail)
    .fetch_one(&mut *conn)
    .await?)
}
