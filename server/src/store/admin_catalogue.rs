//! The service catalogue, the labour rate and the maintenance schedules as the admin
//! screen reads and writes them.

use app::domain::FuelType;
use app::model::{AdminPart, AdminSchedule, PackageEdit, ScheduleEdit, ServiceItemEdit};
use sqlx::SqliteConnection;

use super::StoreError;

/// A service item as stored, with its part's unit price.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ServiceItemRow {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub labor_minutes: u32,
    pub skill: String,
    pub part_id: Option<i64>,
    pub part_qty: u32,
    pub part_price_fen: i64,
}

pub async fn service_items(conn: &mut SqliteConnection) -> Result<Vec<ServiceItemRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT s.id, s.code, s.name_zh, s.name_en, s.labor_minutes, s.skill, s.part_id, s.part_qty,
                COALESCE(p.price_fen, 0) AS part_price_fen
         FROM service_items s LEFT JOIN parts p ON p.id = s.part_id ORDER BY s.id",
    )
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn admin_parts(conn: &mut SqliteConnection) -> Result<Vec<AdminPart>, StoreError> {
    let rows: Vec<(i64, String, String, String, i64)> =
        sqlx::query_as("SELECT id, code, name_zh, name_en, price_fen FROM parts ORDER BY id")
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, code, name_zh, name_en, price_fen)| AdminPart {
            id,
            code,
            name_zh,
            name_en,
            price_fen,
        })
        .collect())
}

/// Whether another item than `except` already has `code`.
pub async fn service_code_taken(
    conn: &mut SqliteConnection,
    code: &str,
    except: Option<i64>,
) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM service_items WHERE code = ? AND (?2 IS NULL OR id != ?2)",
    )
    .bind(code)
    .bind(except)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

pub async fn insert_service_item(
    conn: &mut SqliteConnection,
    item: &ServiceItemEdit,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO service_items (code, name_zh, name_en, labor_minutes, skill, part_id, part_qty)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&item.code)
    .bind(&item.name_zh)
    .bind(&item.name_en)
    .bind(item.labor_minutes)
    .bind(&item.skill)
    .bind(item.part_id)
    .bind(item.part_qty)
    .fetch_one(&mut *conn)
    .await?)
}

/// False when there is no such item. Jobs keep the names and prices they were priced
/// with (`job_items` copies them at check-in), so this changes only what comes after.
pub async fn update_service_item(
    conn: &mut SqliteConnection,
    id: i64,
    item: &ServiceItemEdit,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE service_items SET code = ?, name_zh = ?, name_en = ?, labor_minutes = ?, skill = ?,
             part_id = ?, part_qty = ? WHERE id = ?",
    )
    .bind(&item.code)
    .bind(&item.name_zh)
    .bind(&item.name_en)
    .bind(item.labor_minutes)
    .bind(&item.skill)
    .bind(item.part_id)
    .bind(item.part_qty)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_labour_rate(conn: &mut SqliteConnection, fen: i64) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES ('labour_rate_fen_per_hour', ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(fen.to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Every schedule with its packages by km.
pub async fn admin_schedules(
    conn: &mut SqliteConnection,
) -> Result<Vec<AdminSchedule>, StoreError> {
    let keys = super::schedule_keys(conn).await?;
    let rows: Vec<(i64, i64, i64, String, String, bool, String)> = sqlx::query_as(
        "SELECT p.schedule_id, p.id, p.km, p.name_zh, p.name_en, p.free,
                COALESCE(json_group_array(i.service_item_id), '[]')
         FROM maintenance_packages p LEFT JOIN maintenance_package_items i ON i.package_id = p.id
         GROUP BY p.id ORDER BY p.schedule_id, p.km",
    )
    .fetch_all(&mut *conn)
    .await?;
    keys.into_iter()
        .map(|key| {
            let packages = rows
                .iter()
                .filter(|r| r.0 == key.id)
                .map(|(_, id, km, name_zh, name_en, free, items)| {
                    let items: Vec<Option<i64>> = serde_json::from_str(items)
                        .map_err(|e| StoreError::Corrupt(format!("package {id}: {e}")))?;
                    Ok(PackageEdit {
                        km: u32::try_from(*km)
                            .map_err(|_| StoreError::Corrupt(format!("package {id} km")))?,
                        name_zh: name_zh.clone(),
                        name_en: name_en.clone(),
                        free: *free,
                        item_ids: items.into_iter().flatten().collect(),
                    })
                })
                .collect::<Result<_, StoreError>>()?;
            Ok(AdminSchedule {
                id: key.id,
                edit: ScheduleEdit {
                    fuel_type: key.fuel_type,
                    model_family: key.model_family,
                    packages,
                },
            })
        })
        .collect()
}

/// The schedule other than `except` already keyed (fuel type, family), if any.
pub async fn schedule_taken(
    conn: &mut SqliteConnection,
    fuel_type: FuelType,
    model_family: Option<&str>,
    except: Option<i64>,
) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM maintenance_schedules
         WHERE fuel_type = ? AND ifnull(model_family, '') = ifnull(?, '') AND (?3 IS NULL OR id != ?3)",
    )
    .bind(fuel_type.as_str())
    .bind(model_family)
    .bind(except)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// Writes a schedule: a new one when `id` is none, else replaces that one's key and
/// packages. Returns its id, or none when there is no schedule `id`.
pub async fn write_schedule(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    schedule: &ScheduleEdit,
) -> Result<Option<i64>, StoreError> {
    let id = match id {
        None => {
            sqlx::query_scalar(
                "INSERT INTO maintenance_schedules (fuel_type, model_family) VALUES (?, ?) RETURNING id",
            )
            .bind(schedule.fuel_type.as_str())
            .bind(schedule.model_family.as_deref())
            .fetch_one(&mut *conn)
            .await?
        }
        Some(id) => {
            let done = sqlx::query(
                "UPDATE maintenance_schedules SET fuel_type = ?, model_family = ? WHERE id = ?",
            )
            .bind(schedule.fuel_type.as_str())
            .bind(schedule.model_family.as_deref())
            .bind(id)
            .execute(&mut *conn)
            .await?;
            if done.rows_affected() != 1 {
                return Ok(None);
            }
            sqlx::query(
                "DELETE FROM maintenance_package_items WHERE package_id IN
                     (SELECT id FROM maintenance_packages WHERE schedule_id = ?)",
            )
            .bind(id)
            .execute(&mut *conn)
            .await?;
            sqlx::query("DELETE FROM maintenance_packages WHERE schedule_id = ?")
                .bind(id)
                .execute(&mut *conn)
                .await?;
            id
        }
    };
    for p in &schedule.packages {
        let package_id: i64 = sqlx::query_scalar(
            "INSERT INTO maintenance_packages (schedule_id, km, name_zh, name_en, free)
             VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(id)
        .bind(p.km)
        .bind(&p.name_zh)
        .bind(&p.name_en)
        .bind(p.free)
        .fetch_one(&mut *conn)
        .await?;
        for item in &p.item_ids {
            sqlx::query(
                "INSERT INTO maintenance_package_items (package_id, service_item_id) VALUES (?, ?)",
            )
            .bind(package_id)
            .bind(item)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(Some(id))
}
