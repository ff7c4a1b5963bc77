//! Return jobs (返修): a new job for the same car that redoes a delivered job's work,
//! linked to it, its labour free by default.

use chrono::{DateTime, Duration, Utc};
use sqlx::SqliteConnection;

use super::{ts, StoreError};

/// A return job as it is opened.
pub struct NewReturnJob<'a> {
    pub original: i64,
    pub ticket: &'a str,
    pub tracking_token: &'a str,
    pub concerns: &'a str,
    pub now: DateTime<Utc>,
}

/// Opens the return job of a delivered job: checked in now, the same car, mileage and
/// choices (wash, old parts, payment, language), the work done copied as its order with
/// labour at no charge (parts at their price), promised after the work's standard time
/// (at least an hour). `None` when `original` is not a delivered job.
pub async fn insert_return_job(
    conn: &mut SqliteConnection,
    job: &NewReturnJob<'_>,
) -> Result<Option<i64>, StoreError> {
    const WORK: &str = "status IN ('done', 'approved')";
    let minutes: i64 = sqlx::query_scalar(&format!(
        "SELECT COALESCE(SUM(labor_minutes), 0) FROM job_items WHERE job_id = ? AND {WORK}"
    ))
    .bind(job.original)
    .fetch_one(&mut *conn)
    .await?;
    let promised = ts(job.now + Duration::minutes(minutes.max(60)));
    let now = ts(job.now);
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO jobs (ticket, stage, vehicle_id, mileage_km, concerns, wash, old_parts,
            payment_method, waiting, contact_phone, language, valuables_acknowledged,
            consent_additional_work, tracking_token, promised_at, eta, stage_since, created_at,
            return_of)
         SELECT ?, 'checked_in', vehicle_id, mileage_km, ?, wash, old_parts, payment_method, 0,
            contact_phone, language, 1, 1, ?, ?, ?, ?, ?, id
           FROM jobs WHERE id = ? AND stage = 'delivered'
         RETURNING id",
    )
    .bind(job.ticket)
    .bind(job.concerns)
    .bind(job.tracking_token)
    .bind(&promised)
    .bind(&promised)
    .bind(&now)
    .bind(&now)
    .bind(job.original)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(id) = id else { return Ok(None) };
    sqlx::query(&format!(
        "INSERT INTO job_items (job_id, service_item_id, name_zh, name_en, labor_minutes,
            labor_fen, parts_fen, free, kind, status, safety_critical)
         SELECT ?, service_item_id, name_zh, name_en, labor_minutes, 0, parts_fen, free,
            'order', 'todo', safety_critical
           FROM job_items WHERE job_id = ? AND {WORK} ORDER BY id"
    ))
    .bind(id)
    .bind(job.original)
    .execute(&mut *conn)
    .await?;
    Ok(Some(id))
}
