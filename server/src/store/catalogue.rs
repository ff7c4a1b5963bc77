//! The catalogue a quote is priced from: service items with their parts' price and
//! stock, the maintenance schedule, and the labour rate.

use app::domain::{choose_schedule, FuelType, Money, ScheduleKey};
use sqlx::SqliteConnection;

use super::StoreError;

/// A service item with its part's price and stock.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CatalogueItem {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    // Counts are read as `u32`: a negative stored one is a decode error, not 0.
    pub labor_minutes: u32,
    pub skill: String,
    pub part_price_fen: i64,
    pub part_qty: u32,
    /// Units free to promise (on hand less reserved; none when more is reserved).
    pub stock: u32,
}

pub async fn catalogue(conn: &mut SqliteConnection) -> Result<Vec<CatalogueItem>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT s.id, s.code, s.name_zh, s.name_en, s.labor_minutes, s.skill,
                COALESCE(p.price_fen, 0) AS part_price_fen, s.part_qty, MAX(COALESCE(p.on_hand - p.reserved, 0), 0) AS stock
         FROM service_items s LEFT JOIN parts p ON p.id = s.part_id ORDER BY s.id",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// A maintenance package: its mileage, whether it is free, and its service item ids.
#[derive(Debug, Clone)]
pub struct PackageRow {
    pub km: u32,
    pub free: bool,
    pub item_ids: Vec<i64>,
}

/// Every schedule's key (fuel type and model family).
pub async fn schedule_keys(conn: &mut SqliteConnection) -> Result<Vec<ScheduleKey>, StoreError> {
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT id, fuel_type, model_family FROM maintenance_schedules ORDER BY fuel_type, model_family, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, fuel, model_family)| {
            Ok(ScheduleKey {
                id,
                fuel_type: FuelType::try_from(fuel)?,
                model_family,
            })
        })
        .collect()
}

/// The schedule a car of `fuel_type` and `model_family` follows, by mileage (empty when
/// the store has none for it).
pub async fn schedule(
    conn: &mut SqliteConnection,
    fuel_type: FuelType,
    model_family: Option<&str>,
) -> Result<Vec<PackageRow>, StoreError> {
    let keys = schedule_keys(conn).await?;
    let Some(schedule_id) = choose_schedule(&keys, fuel_type, model_family) else {
        return Ok(Vec::new());
    };
    let rows: Vec<(i64, i64, bool, String)> = sqlx::query_as(
        "SELECT p.id, p.km, p.free, COALESCE(json_group_array(i.service_item_id), '[]')
         FROM maintenance_packages p LEFT JOIN maintenance_package_items i ON i.package_id = p.id
         WHERE p.schedule_id = ?
         GROUP BY p.id ORDER BY p.km",
    )
    .bind(schedule_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, km, free, items)| {
            let item_ids: Vec<Option<i64>> = serde_json::from_str(&items)
                .map_err(|e| StoreError::Corrupt(format!("package {id}: {e}")))?;
            Ok(PackageRow {
                km: u32::try_from(km)
                    .map_err(|_| StoreError::Corrupt(format!("package {id} km")))?,
                free,
                item_ids: item_ids.into_iter().flatten().collect(),
            })
        })
        .collect()
}

pub async fn labour_rate(conn: &mut SqliteConnection) -> Result<Money, StoreError> {
    super::setting(conn, "labour_rate_fen_per_hour")
        .await?
        .and_then(|v| v.parse().ok())
        .map(Money::from_fen)
        .ok_or_else(|| StoreError::Corrupt("setting labour_rate_fen_per_hour".into()))
}
