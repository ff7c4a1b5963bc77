//! Check-in SQL: finding a returning customer and today's appointment, the workshop's
//! load, and writing a new job with its items, once per `Idempotency-Key`.

use app::domain::{BayLoad, FuelType, Money};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::{ts, StoreError};

/// A known vehicle and its owner.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VehicleRow {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub fuel_type: FuelType,
    pub model_family: Option<String>,
    pub customer_id: i64,
    pub customer_name: String,
    pub phone: String,
    pub plate: String,
    pub model: String,
    /// Read as `u32`: a negative stored figure is a decode error, not 0.
    pub last_mileage_km: u32,
    /// The latest maintenance package in the car's history, by its kilometres.
    pub done_package_km: Option<u32>,
}

const VEHICLE_SELECT: &str =
    "SELECT v.id, v.fuel_type, v.model_family, v.customer_id, c.name AS customer_name, c.phone,
    v.plate, v.model, v.last_mileage_km,
    (SELECT MAX(h.package_km) FROM service_history h WHERE h.vehicle_id = v.id) AS done_package_km
    FROM vehicles v JOIN customers c ON c.id = v.customer_id";

pub async fn vehicle_by_plate(
    conn: &mut SqliteConnection,
    plate: &str,
) -> Result<Option<VehicleRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{VEHICLE_SELECT} WHERE v.plate = ?"))
            .bind(plate)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

pub async fn vehicle_by_id(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<VehicleRow>, StoreError> {
    Ok(sqlx::query_as(&format!("{VEHICLE_SELECT} WHERE v.id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// An appointment not yet checked in.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AppointmentRow {
    pub id: i64,
    pub code: String,
    pub vehicle_id: i64,
    pub scheduled_at: String,
    pub note: String,
}

const OPEN_APPOINTMENT: &str = "SELECT a.id, a.code, a.vehicle_id, a.scheduled_at, a.note
    FROM appointments a WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.appointment_id = a.id)";

/// An open appointment by its code (upper case).
pub async fn appointment_by_code(
    conn: &mut SqliteConnection,
    code: &str,
) -> Result<Option<AppointmentRow>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{OPEN_APPOINTMENT} AND a.code = ?"))
            .bind(code)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Whether the appointment has not been checked in yet.
pub async fn appointment_is_open(conn: &mut SqliteConnection, id: i64) -> Result<bool, StoreError> {
    let open: Option<AppointmentRow> = sqlx::query_as(&format!("{OPEN_APPOINTMENT} AND a.id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(open.is_some())
}

/// The vehicle's open appointment scheduled in `[from, to)`.
pub async fn appointment_of_vehicle(
    conn: &mut SqliteConnection,
    vehicle_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Option<AppointmentRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{OPEN_APPOINTMENT} AND a.vehicle_id = ? AND a.scheduled_at >= ? AND a.scheduled_at < ? ORDER BY a.scheduled_at"
    ))
    .bind(vehicle_id)
    .bind(ts(from))
    .bind(ts(to))
    .fetch_optional(&mut *conn)
    .await?)
}

/// Every bay with the standard minutes of unfinished work queued at it, and the minutes
/// of checked-in jobs not yet dispatched.
pub async fn workshop_load(
    conn: &mut SqliteConnection,
    now: DateTime<Utc>,
) -> Result<(Vec<BayLoad>, u32), StoreError> {
    let rows: Vec<(i64, String, i64, bool)> = sqlx::query_as(
        "SELECT b.id, b.skills, COALESCE((
             SELECT SUM(i.labor_minutes) FROM jobs j JOIN job_items i ON i.job_id = j.id
             WHERE j.bay_id = b.id AND j.stage IN ('queued', 'in_service', 'paused')
               AND i.status IN ('todo', 'approved')), 0),
             EXISTS (SELECT 1 FROM bay_outages o WHERE o.bay_id = b.id AND o.from_at <= ?1 AND o.to_at > ?1)
         FROM bays b ORDER BY b.id",
    )
    .bind(ts(now))
    .fetch_all(&mut *conn)
    .await?;
    let unassigned: i64 = sqlx::query_scalar(
        "SELECT COALESCE(SUM(i.labor_minutes), 0) FROM jobs j JOIN job_items i ON i.job_id = j.id
         WHERE j.stage = 'checked_in' AND i.status IN ('todo', 'approved')",
    )
    .fetch_one(&mut *conn)
    .await?;
    let bays = rows
        .into_iter()
        .map(|(bay_id, skills, minutes, out_of_service)| {
            Ok(BayLoad {
                out_of_service,
                bay_id,
                skills: skills.split(',').map(|s| s.trim().to_string()).collect(),
                queued_minutes: u32::try_from(minutes)
                    .map_err(|_| StoreError::Corrupt(format!("bay {bay_id}: minutes {minutes}")))?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    let unassigned = u32::try_from(unassigned)
        .map_err(|_| StoreError::Corrupt(format!("unassigned minutes {unassigned}")))?;
    Ok((bays, unassigned))
}

/// The next ticket: `A` and one more than the highest number among jobs still active or
/// created since `day_start`, so a number is never shown twice on the board.
pub async fn next_ticket(
    conn: &mut SqliteConnection,
    day_start: DateTime<Utc>,
) -> Result<String, StoreError> {
    let highest: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(CAST(substr(ticket, 2) AS INTEGER)) FROM jobs
         WHERE stage NOT IN ('delivered', 'cancelled') OR created_at >= ?",
    )
    .bind(ts(day_start))
    .fetch_one(&mut *conn)
    .await?;
    Ok(format!("A{:02}", highest.unwrap_or(0) + 1))
}

/// An earlier check-in with this `Idempotency-Key`: its request's hash and its receipt.
pub async fn checkin_by_key(
    conn: &mut SqliteConnection,
    key: &str,
) -> Result<Option<(String, String)>, StoreError> {
    Ok(
        sqlx::query_as("SELECT request_hash, receipt FROM checkin_keys WHERE key = ?")
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

pub async fn record_checkin_key(
    conn: &mut SqliteConnection,
    key: &str,
    request_hash: &str,
    job_id: i64,
    receipt: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO checkin_keys (key, request_hash, job_id, receipt, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind(key)
        .bind(request_hash)
        .bind(job_id)
        .bind(receipt)
        .bind(ts(now))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A new customer record. A walk-in always gets one, even when the phone is already on
/// record: typing someone's phone at the kiosk must not attach a car to their record.
pub async fn insert_customer(
    conn: &mut SqliteConnection,
    phone: &str,
    name: &str,
) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("INSERT INTO customers (name, phone) VALUES (?, ?) RETURNING id")
            .bind(name)
            .bind(phone)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// The models of the cars on record: the only ones a walk-in's typed model may become.
pub async fn known_models(conn: &mut SqliteConnection) -> Result<Vec<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT DISTINCT model FROM vehicles WHERE model != '' ORDER BY model")
            .fetch_all(&mut *conn)
            .await?,
    )
}

pub async fn insert_vehicle(
    conn: &mut SqliteConnection,
    customer_id: i64,
    plate: &str,
    vin: Option<&str>,
    model: &str,
    fuel_type: FuelType,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO vehicles (customer_id, plate, vin, model, fuel_type, last_mileage_km) VALUES (?, ?, ?, ?, ?, 0) RETURNING id",
    )
    .bind(customer_id)
    .bind(plate)
    .bind(vin)
    .bind(model)
    .bind(fuel_type.as_str())
    .fetch_one(&mut *conn)
    .await?)
}

/// Raises the vehicle's recorded mileage (never lowers it).
pub async fn record_mileage(
    conn: &mut SqliteConnection,
    vehicle_id: i64,
    km: u32,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE vehicles SET last_mileage_km = MAX(last_mileage_km, ?) WHERE id = ?")
        .bind(i64::from(km))
        .bind(vehicle_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A new job as the check-in writes it.
#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    pub ticket: &'a str,
    pub vehicle_id: i64,
    pub appointment_id: Option<i64>,
    pub mileage_km: u32,
    pub concerns: &'a str,
    pub wash: bool,
    pub old_parts: &'a str,
    pub payment_method: &'a str,
    pub waiting: bool,
    pub contact_phone: Option<&'a str>,
    pub language: &'a str,
    pub signature: &'a str,
    pub package_km: Option<u32>,
    pub tracking_token: &'a str,
    pub promised_at: DateTime<Utc>,
}

pub async fn insert_job(
    conn: &mut SqliteConnection,
    job: &NewJob<'_>,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let now = ts(now);
    let promised = ts(job.promised_at);
    Ok(sqlx::query_scalar(
        "INSERT INTO jobs (ticket, stage, vehicle_id, appointment_id, mileage_km, concerns, wash,
            old_parts, payment_method, waiting, contact_phone, language, valuables_acknowledged,
            consent_additional_work, signature, package_km, tracking_token, promised_at, eta,
            stage_since, created_at)
         VALUES (?, 'checked_in', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(job.ticket)
    .bind(job.vehicle_id)
    .bind(job.appointment_id)
    .bind(i64::from(job.mileage_km))
    .bind(job.concerns)
    .bind(job.wash)
    .bind(job.old_parts)
    .bind(job.payment_method)
    .bind(job.waiting)
    .bind(job.contact_phone)
    .bind(job.language)
    .bind(job.signature)
    .bind(job.package_km.map(i64::from))
    .bind(job.tracking_token)
    .bind(&promised)
    .bind(&promised)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *conn)
    .await?)
}

/// One agreed item of the order.
#[derive(Debug, Clone)]
pub struct NewItem<'a> {
    pub service_item_id: i64,
    pub name_zh: &'a str,
    pub name_en: &'a str,
    pub labor_minutes: u32,
    pub labor: Money,
    pub parts: Money,
    pub free: bool,
}

pub async fn insert_order_item(
    conn: &mut SqliteConnection,
    job_id: i64,
    item: &NewItem<'_>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO job_items (job_id, service_item_id, name_zh, name_en, labor_minutes, labor_fen,
            parts_fen, free, kind, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'order', 'todo')",
    )
    .bind(job_id)
    .bind(item.service_item_id)
    .bind(item.name_zh)
    .bind(item.name_en)
    .bind(i64::from(item.labor_minutes))
    .bind(item.labor.fen())
    .bind(item.parts.fen())
    .bind(item.free)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
