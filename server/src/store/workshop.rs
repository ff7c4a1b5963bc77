//! The bay's own writes: ticking checklist items, additional work found during repair,
//! the order of a bay's queue, the parts catalogue and the PINs that countersign.

use app::model::CataloguePart;
use sqlx::SqliteConnection;

use super::StoreError;

/// Ticks an item of the job's work: done, or not done (with the reason, or `None` to
/// reopen it). False when the job has no such item on its checklist.
pub async fn set_item_check(
    conn: &mut SqliteConnection,
    job_id: i64,
    item_id: i64,
    done: bool,
    not_done_note: Option<&str>,
) -> Result<bool, StoreError> {
    let updated = sqlx::query(
        "UPDATE job_items SET
            status = CASE WHEN ?1 THEN 'done' WHEN kind = 'additional' THEN 'approved' ELSE 'todo' END,
            not_done_note = CASE WHEN ?1 THEN NULL ELSE ?2 END
         WHERE id = ?3 AND job_id = ?4 AND status IN ('todo', 'approved', 'done')",
    )
    .bind(done)
    .bind(not_done_note)
    .bind(item_id)
    .bind(job_id)
    .execute(&mut *conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Bumps a job's version for a change that is not a stage action (a tick, new work).
pub async fn bump_version(conn: &mut SqliteConnection, job_id: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE jobs SET version = version + 1 WHERE id = ?")
        .bind(job_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The parts catalogue, priced, with what is free to promise (the wire type itself).
pub async fn parts(conn: &mut SqliteConnection) -> Result<Vec<CataloguePart>, StoreError> {
    let rows: Vec<(i64, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT id, code, name_zh, name_en, price_fen, on_hand - reserved FROM parts ORDER BY name_en",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, code, name_zh, name_en, price_fen, stock)| CataloguePart {
                id,
                code,
                name_zh,
                name_en,
                price_fen,
                stock,
            },
        )
        .collect())
}

/// Additional work as the technician reported it, priced.
#[derive(Debug, Clone)]
pub struct NewAdditionalItem<'a> {
    pub description: &'a str,
    pub labor_minutes: u32,
    pub labor_fen: i64,
    pub safety_critical: bool,
    /// (part id, quantity, unit price in fen).
    pub parts: Vec<(i64, u32, i64)>,
}

/// Inserts the item `pending` (not part of the work until the customer approves it).
pub async fn insert_additional_item(
    conn: &mut SqliteConnection,
    job_id: i64,
    item: &NewAdditionalItem<'_>,
) -> Result<i64, StoreError> {
    let parts_fen: i64 = item
        .parts
        .iter()
        .map(|(_, qty, price)| i64::from(*qty) * price)
        .sum();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO job_items (job_id, service_item_id, name_zh, name_en, labor_minutes, labor_fen,
            parts_fen, kind, status, safety_critical)
         VALUES (?, NULL, ?, ?, ?, ?, ?, 'additional', 'pending', ?) RETURNING id",
    )
    .bind(job_id)
    .bind(item.description)
    .bind(item.description)
    .bind(i64::from(item.labor_minutes))
    .bind(item.labor_fen)
    .bind(parts_fen)
    .bind(item.safety_critical)
    .fetch_one(&mut *conn)
    .await?;
    for (part_id, qty, price) in &item.parts {
        sqlx::query(
            "INSERT INTO job_item_parts (job_item_id, part_id, qty, price_fen) VALUES (?, ?, ?, ?)",
        )
        .bind(id)
        .bind(part_id)
        .bind(i64::from(*qty))
        .bind(price)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// The jobs queued at a bay, in queue order: `(job id, position)`.
pub async fn bay_queue(
    conn: &mut SqliteConnection,
    bay_id: i64,
) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, COALESCE(queue_pos, 0) FROM jobs WHERE bay_id = ? AND stage = 'queued'
         ORDER BY queue_pos IS NULL, queue_pos, id",
    )
    .bind(bay_id)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn set_queue_pos(
    conn: &mut SqliteConnection,
    job_id: i64,
    pos: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE jobs SET queue_pos = ? WHERE id = ?")
        .bind(pos)
        .bind(job_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A staff member who can countersign at a bay's screen with a PIN.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StaffPinRow {
    pub display_name: String,
    pub role: String,
    pub pin_hash: String,
}

pub async fn staff_with_pins(conn: &mut SqliteConnection) -> Result<Vec<StaffPinRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT display_name, role, pin_hash FROM staff WHERE pin_hash IS NOT NULL AND active = 1 ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?)
}
