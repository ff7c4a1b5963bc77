//! The desk's writes: decisions on extra work, the customer told of a delay, and the
//! invoice issued at delivery.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use app::domain::Stage;
use app::model::{DecidedBy, ItemKind, ItemStatus};

use super::{parse_ts, ts, StoreError};

/// What a desk change needs of its job, read as it bumps the version (one statement).
#[derive(Debug, Clone, Copy)]
pub struct JobHead {
    pub stage: Stage,
    pub eta: DateTime<Utc>,
}

/// Bumps the job's version and returns its stage and ETA; `None` when there is no such
/// job. A caller that then refuses the change is undone with its savepoint.
pub async fn bump_version_head(
    conn: &mut SqliteConnection,
    job_id: i64,
) -> Result<Option<JobHead>, StoreError> {
    let row: Option<(String, String)> =
        sqlx::query_as("UPDATE jobs SET version = version + 1 WHERE id = ? RETURNING stage, eta")
            .bind(job_id)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(|(stage, eta)| {
        Ok(JobHead {
            stage: Stage::parse(&stage)
                .ok_or_else(|| StoreError::Corrupt(format!("stage {stage:?}")))?,
            eta: parse_ts(&eta)?,
        })
    })
    .transpose()
}

/// An extra-work item as a decision needs it.
#[derive(Debug, Clone)]
pub struct DecisionTarget {
    pub job_id: i64,
    pub kind: ItemKind,
    pub status: ItemStatus,
    pub safety_critical: bool,
    pub name_zh: String,
}

pub async fn decision_target(
    conn: &mut SqliteConnection,
    item_id: i64,
) -> Result<Option<DecisionTarget>, StoreError> {
    let row: Option<(i64, String, String, bool, String)> = sqlx::query_as(
        "SELECT job_id, kind, status, safety_critical, name_zh FROM job_items WHERE id = ?",
    )
    .bind(item_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(job_id, kind, status, safety_critical, name_zh)| {
        Ok(DecisionTarget {
            job_id,
            kind: ItemKind::parse(&kind)?,
            status: ItemStatus::parse(&status)?,
            safety_critical,
            name_zh,
        })
    })
    .transpose()
}

/// A recorded decision on one pending item.
#[derive(Debug, Clone)]
pub struct NewDecision<'a> {
    pub approve: bool,
    pub by: DecidedBy,
    pub name: &'a str,
    pub at: DateTime<Utc>,
    /// JSON of the customer's signature, when declining with one.
    pub signature: Option<&'a str>,
}

/// Records the decision if the item is still pending; false when someone decided first.
pub async fn decide_item(
    conn: &mut SqliteConnection,
    item_id: i64,
    d: &NewDecision<'_>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE job_items SET status = ?, decided_at = ?, decided_by = ?, decided_name = ?,
            decline_signature = ?
         WHERE id = ? AND status = 'pending'",
    )
    .bind(
        if d.approve {
            ItemStatus::Approved
        } else {
            ItemStatus::Declined
        }
        .as_str(),
    )
    .bind(ts(d.at))
    .bind(d.by.as_str())
    .bind(d.name)
    .bind(d.signature)
    .bind(item_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_customer_told(
    conn: &mut SqliteConnection,
    job_id: i64,
    eta: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE jobs SET customer_told_eta = ? WHERE id = ?")
        .bind(ts(eta))
        .bind(job_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_payment_method(
    conn: &mut SqliteConnection,
    job_id: i64,
    method: &str,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE jobs SET payment_method = ? WHERE id = ?")
        .bind(method)
        .bind(job_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn insert_invoice(
    conn: &mut SqliteConnection,
    job_id: i64,
    number: &str,
    issued_at: DateTime<Utc>,
    body: &str,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO invoices (job_id, number, issued_at, body) VALUES (?, ?, ?, ?)")
        .bind(job_id)
        .bind(number)
        .bind(ts(issued_at))
        .bind(body)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
