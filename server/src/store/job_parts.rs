//! What a loaded job shows of parts beyond its priced lines: the parts issued for each
//! item at the bay, and the deliveries an item is waiting for.

use app::model::{IssuedPart, JobView, PartWait};
use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::{parse_ts, StoreError};

#[derive(sqlx::FromRow)]
struct IssuedRow {
    item_id: i64,
    part_id: i64,
    code: String,
    name_zh: String,
    name_en: String,
    qty: i64,
    price_fen: i64,
    issued_by: String,
    issued_at: String,
}

#[derive(sqlx::FromRow)]
struct WaitRow {
    item_id: i64,
    part_id: i64,
    expected_on: String,
}

/// Fills `issued` and `waits` of the items of `jobs` (`ids`: their ids as a JSON array).
pub async fn attach_item_parts(
    conn: &mut SqliteConnection,
    ids: &str,
    jobs: &mut [JobView],
) -> Result<(), StoreError> {
    let issued: Vec<IssuedRow> = sqlx::query_as(
        "SELECT ip.job_item_id AS item_id, ip.part_id, p.code, p.name_zh, p.name_en, ip.qty,
                ip.price_fen, ip.issued_by, ip.issued_at
           FROM issued_parts ip JOIN parts p ON p.id = ip.part_id
          WHERE ip.job_id IN (SELECT value FROM json_each(?)) ORDER BY ip.id",
    )
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    let waits: Vec<WaitRow> = sqlx::query_as(
        "SELECT job_item_id AS item_id, part_id, expected_on FROM part_waits
          WHERE released_at IS NULL AND job_id IN (SELECT value FROM json_each(?)) ORDER BY id",
    )
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    if issued.is_empty() && waits.is_empty() {
        return Ok(());
    }
    for item in jobs.iter_mut().flat_map(|j| j.items.iter_mut()) {
        for row in issued.iter().filter(|r| r.item_id == item.id) {
            item.issued.push(IssuedPart {
                part_id: row.part_id,
                code: row.code.clone(),
                name_zh: row.name_zh.clone(),
                name_en: row.name_en.clone(),
                qty: u32::try_from(row.qty)
                    .map_err(|_| StoreError::Corrupt(format!("issued qty {}", row.qty)))?,
                price_fen: row.price_fen,
                by: row.issued_by.clone(),
                at: parse_ts(&row.issued_at)?,
            });
        }
        for row in waits.iter().filter(|r| r.item_id == item.id) {
            item.waits.push(PartWait {
                part_id: row.part_id,
                expected_on: parse_date(&row.expected_on)?,
            });
        }
    }
    Ok(())
}

pub fn parse_date(s: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| StoreError::Corrupt(format!("date {s:?}")))
}
