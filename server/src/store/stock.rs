//! Parts stock: the counts per part (on hand, reserved, on order, reorder point), the
//! reservations of jobs' work, parts issued at the bay, waits for a delivery, and the
//! `part` events the stock page follows. Stock never goes negative: the schema's CHECKs
//! hold it, and an issue takes units only `WHERE on_hand >= qty`.

use app::domain::stock::is_low;
use app::model::{NewPartRequest, StockPart};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::{ts, StoreError};

#[derive(sqlx::FromRow)]
struct StockRow {
    id: i64,
    code: String,
    name_zh: String,
    name_en: String,
    price_fen: i64,
    on_hand: i64,
    reserved: i64,
    on_order: i64,
    expected_on: Option<String>,
    reorder_point: i64,
}

impl StockRow {
    fn part(self) -> Result<StockPart, StoreError> {
        let expected_on = self
            .expected_on
            .as_deref()
            .map(|d| {
                NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|_| StoreError::Corrupt(format!("part {}: date {d:?}", self.id)))
            })
            .transpose()?;
        Ok(StockPart {
            low: is_low(self.on_hand, self.reserved, self.reorder_point),
            available: app::domain::stock::available(self.on_hand, self.reserved),
            id: self.id,
            code: self.code,
            name_zh: self.name_zh,
            name_en: self.name_en,
            price_fen: self.price_fen,
            on_hand: self.on_hand,
            reserved: self.reserved,
            on_order: self.on_order,
            expected_on,
            reorder_point: self.reorder_point,
        })
    }
}

const STOCK_SELECT: &str = "SELECT id, code, name_zh, name_en, price_fen, on_hand, reserved,
    on_order, expected_on, reorder_point FROM parts";

/// Every part with its stock, by English name.
pub async fn stock(conn: &mut SqliteConnection) -> Result<Vec<StockPart>, StoreError> {
    let rows: Vec<StockRow> = sqlx::query_as(&format!("{STOCK_SELECT} ORDER BY name_en, id"))
        .fetch_all(&mut *conn)
        .await?;
    rows.into_iter().map(StockRow::part).collect()
}

pub async fn stock_part(
    conn: &mut SqliteConnection,
    part_id: i64,
) -> Result<Option<StockPart>, StoreError> {
    let row: Option<StockRow> = sqlx::query_as(&format!("{STOCK_SELECT} WHERE id = ?"))
        .bind(part_id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(StockRow::part).transpose()
}

/// Adds a part to the catalogue (none on hand); `None` when the code is taken.
pub async fn insert_part(
    conn: &mut SqliteConnection,
    part: &NewPartRequest,
) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO parts (code, name_zh, name_en, price_fen, on_hand, reorder_point)
         VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (code) DO NOTHING RETURNING id",
    )
    .bind(&part.code)
    .bind(&part.name_zh)
    .bind(&part.name_en)
    .bind(part.price_fen)
    .bind(i64::from(part.reorder_point))
    .fetch_optional(&mut *conn)
    .await?)
}

/// Sets the reorder point and/or what is on order (with its expected date, cleared when
/// nothing is on order). False when there is no such part.
pub async fn update_part(
    conn: &mut SqliteConnection,
    part_id: i64,
    reorder_point: Option<u32>,
    order: Option<(u32, Option<NaiveDate>)>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE parts SET reorder_point = COALESCE(?1, reorder_point),
            on_order = CASE WHEN ?2 THEN ?3 ELSE on_order END,
            expected_on = CASE WHEN ?2 THEN ?4 ELSE expected_on END
         WHERE id = ?5",
    )
    .bind(reorder_point.map(i64::from))
    .bind(order.is_some())
    .bind(order.map(|(qty, _)| i64::from(qty)))
    .bind(order.and_then(|(_, on)| on).map(|d| d.to_string()))
    .bind(part_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A delivery of `qty`: on hand rises, on order falls (not below zero; its date goes
/// when nothing more is on order). False when there is no such part.
pub async fn receive(
    conn: &mut SqliteConnection,
    part_id: i64,
    qty: u32,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE parts SET on_hand = on_hand + ?1,
            on_order = MAX(on_order - ?1, 0),
            expected_on = CASE WHEN on_order - ?1 > 0 THEN expected_on END
         WHERE id = ?2",
    )
    .bind(i64::from(qty))
    .bind(part_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes `qty` off the shelf if that many are on hand: false (nothing changed) when not,
/// so of two issues of the last unit exactly one succeeds.
pub async fn take_from_shelf(
    conn: &mut SqliteConnection,
    part_id: i64,
    qty: u32,
) -> Result<bool, StoreError> {
    let done =
        sqlx::query("UPDATE parts SET on_hand = on_hand - ?1 WHERE id = ?2 AND on_hand >= ?1")
            .bind(i64::from(qty))
            .bind(part_id)
            .execute(&mut *conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// The parts an item of a job's work uses: `(part id, quantity, unit price in fen)`. An
/// ordered item uses its service item's part at the price it was quoted; extra work the
/// parts it listed at their price when raised.
pub async fn item_parts(
    conn: &mut SqliteConnection,
    job_id: i64,
    item_id: i64,
) -> Result<Vec<(i64, i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT s.part_id, s.part_qty, i.parts_fen / s.part_qty
           FROM job_items i JOIN service_items s ON s.id = i.service_item_id
          WHERE i.id = ?1 AND i.job_id = ?2 AND s.part_id IS NOT NULL AND s.part_qty > 0
         UNION ALL
         SELECT jp.part_id, jp.qty, jp.price_fen
           FROM job_item_parts jp JOIN job_items i ON i.id = jp.job_item_id
          WHERE i.id = ?1 AND i.job_id = ?2",
    )
    .bind(item_id)
    .bind(job_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Reserves the parts of a job's work still to do (`todo` and approved items; one item
/// with `item_id`) that are not reserved yet. Returns the parts whose count changed.
pub async fn reserve(
    conn: &mut SqliteConnection,
    job_id: i64,
    item_id: Option<i64>,
) -> Result<Vec<i64>, StoreError> {
    let parts: Vec<i64> = sqlx::query_scalar(
        "INSERT INTO part_reservations (part_id, job_id, job_item_id, qty)
         SELECT part_id, job_id, item_id, qty FROM (
             SELECT s.part_id, i.job_id, i.id AS item_id, s.part_qty AS qty
               FROM job_items i JOIN service_items s ON s.id = i.service_item_id
              WHERE i.job_id = ?1 AND (?2 IS NULL OR i.id = ?2) AND i.status IN ('todo', 'approved')
                AND s.part_id IS NOT NULL AND s.part_qty > 0
             UNION ALL
             SELECT jp.part_id, i.job_id, i.id, jp.qty
               FROM job_item_parts jp JOIN job_items i ON i.id = jp.job_item_id
              WHERE i.job_id = ?1 AND (?2 IS NULL OR i.id = ?2) AND i.status = 'approved')
         WHERE true
         ON CONFLICT (job_item_id, part_id) DO NOTHING
         RETURNING part_id",
    )
    .bind(job_id)
    .bind(item_id)
    .fetch_all(&mut *conn)
    .await?;
    recount(conn, parts).await
}

/// Releases what is still reserved for a job (one item with `item_id`). Returns the
/// parts whose count changed.
pub async fn release(
    conn: &mut SqliteConnection,
    job_id: i64,
    item_id: Option<i64>,
) -> Result<Vec<i64>, StoreError> {
    let parts: Vec<i64> = sqlx::query_scalar(
        "DELETE FROM part_reservations WHERE job_id = ?1 AND (?2 IS NULL OR job_item_id = ?2)
         RETURNING part_id",
    )
    .bind(job_id)
    .bind(item_id)
    .fetch_all(&mut *conn)
    .await?;
    recount(conn, parts).await
}

/// `qty` units of an item's reservation were issued: the reservation shrinks by as much
/// (gone when used up; units beyond it were never reserved).
pub async fn use_reservation(
    conn: &mut SqliteConnection,
    item_id: i64,
    part_id: i64,
    qty: u32,
) -> Result<(), StoreError> {
    let qty = i64::from(qty);
    sqlx::query("DELETE FROM part_reservations WHERE job_item_id = ? AND part_id = ? AND qty <= ?")
        .bind(item_id)
        .bind(part_id)
        .bind(qty)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE part_reservations SET qty = qty - ? WHERE job_item_id = ? AND part_id = ?")
        .bind(qty)
        .bind(item_id)
        .bind(part_id)
        .execute(&mut *conn)
        .await?;
    recount(conn, vec![part_id]).await?;
    Ok(())
}

/// Sets `reserved` of the parts from their reservations; returns them, once each.
async fn recount(conn: &mut SqliteConnection, mut parts: Vec<i64>) -> Result<Vec<i64>, StoreError> {
    parts.sort_unstable();
    parts.dedup();
    for id in &parts {
        sqlx::query(
            "UPDATE parts SET reserved =
                (SELECT COALESCE(SUM(qty), 0) FROM part_reservations WHERE part_id = ?1)
             WHERE id = ?1",
        )
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(parts)
}

/// One issue of parts for an item, as recorded for its invoice.
pub struct NewIssue<'a> {
    pub job_id: i64,
    pub item_id: i64,
    pub part_id: i64,
    pub qty: u32,
    pub price_fen: i64,
    pub by: &'a str,
    pub technician_id: Option<i64>,
    pub at: DateTime<Utc>,
}

pub async fn record_issue(
    conn: &mut SqliteConnection,
    issue: &NewIssue<'_>,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO issued_parts (job_id, job_item_id, part_id, qty, price_fen, issued_at, issued_by, technician_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(issue.job_id)
    .bind(issue.item_id)
    .bind(issue.part_id)
    .bind(i64::from(issue.qty))
    .bind(issue.price_fen)
    .bind(ts(issue.at))
    .bind(issue.by)
    .bind(issue.technician_id)
    .fetch_one(&mut *conn)
    .await?)
}

/// Records that an item waits for a part expected on `expected_on` (one open wait per
/// item and part: a second one moves the date).
pub async fn record_wait(
    conn: &mut SqliteConnection,
    job_id: i64,
    item_id: i64,
    part_id: i64,
    expected_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE part_waits SET released_at = ? WHERE job_item_id = ? AND part_id = ? AND released_at IS NULL",
    )
    .bind(ts(now))
    .bind(item_id)
    .bind(part_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO part_waits (job_id, job_item_id, part_id, expected_on, created_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(job_id)
    .bind(item_id)
    .bind(part_id)
    .bind(expected_on.to_string())
    .bind(ts(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A delivery of the part came in: every open wait for it ends. Returns the jobs that
/// were waiting.
pub async fn release_waits_for_part(
    conn: &mut SqliteConnection,
    part_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, StoreError> {
    let mut jobs: Vec<i64> = sqlx::query_scalar(
        "UPDATE part_waits SET released_at = ? WHERE part_id = ? AND released_at IS NULL RETURNING job_id",
    )
    .bind(ts(now))
    .bind(part_id)
    .fetch_all(&mut *conn)
    .await?;
    jobs.sort_unstable();
    jobs.dedup();
    Ok(jobs)
}

/// A job closed (delivered or cancelled): its open waits end.
pub async fn release_waits_of_job(
    conn: &mut SqliteConnection,
    job_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE part_waits SET released_at = ? WHERE job_id = ? AND released_at IS NULL")
        .bind(ts(now))
        .bind(job_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Appends a part's new stock to the event log (the `parts` channel's `part` event).
pub async fn append_part_event(
    conn: &mut SqliteConnection,
    part: &StockPart,
) -> Result<i64, StoreError> {
    let payload = serde_json::to_string(part).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(sqlx::query_scalar(
        "INSERT INTO events (at, kind, payload) VALUES (?, 'part', ?) RETURNING id",
    )
    .bind(ts(Utc::now()))
    .bind(payload)
    .fetch_one(&mut *conn)
    .await?)
}

/// Appends a `part` event for each of `parts` (their stock as it now stands).
pub async fn announce_parts(conn: &mut SqliteConnection, parts: &[i64]) -> Result<(), StoreError> {
    for id in parts {
        if let Some(part) = stock_part(conn, *id).await? {
            append_part_event(conn, &part).await?;
        }
    }
    Ok(())
}

/// A paused job now waits for parts (it was paused for another reason).
pub async fn mark_awaiting_parts(
    conn: &mut SqliteConnection,
    job_id: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE jobs SET pause_reason = 'awaiting_parts' WHERE id = ? AND stage = 'paused'",
    )
    .bind(job_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
