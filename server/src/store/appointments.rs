//! Appointment SQL (预约): an appointment with its car, customer, booked work, timeline
//! and the job it became; a day's bookings; booking, rescheduling and cancelling; the
//! bays' hours and the parts promised to other bookings, for capacity and the parts check.

use app::model::{AppointmentState, AppointmentStep, AppointmentStepKind, BookedWork};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::{parse_ts, ts, StoreError};

/// An appointment as stored, with its car and customer.
#[derive(Debug, Clone)]
pub struct AppointmentRecord {
    pub id: i64,
    pub code: String,
    pub version: i64,
    pub state: AppointmentState,
    pub scheduled_at: DateTime<Utc>,
    pub vehicle_id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub phone: String,
    pub plate: String,
    pub model: String,
    pub package_km: Option<u32>,
    pub concerns: String,
    pub job_id: Option<i64>,
    pub work: Vec<BookedWork>,
    pub steps: Vec<AppointmentStep>,
}

type Row = (
    i64,
    String,
    i64,
    String,
    String,
    i64,
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    String,
    Option<i64>,
);

const SELECT: &str = "SELECT a.id, a.code, a.version, a.state, a.scheduled_at, a.vehicle_id,
    v.customer_id, c.name, c.phone, v.plate, v.model, a.package_km,
    CASE WHEN a.concerns = '' THEN a.note ELSE a.concerns END,
    (SELECT j.id FROM jobs j WHERE j.appointment_id = a.id ORDER BY j.id LIMIT 1)
    FROM appointments a JOIN vehicles v ON v.id = a.vehicle_id JOIN customers c ON c.id = v.customer_id";

async fn complete(conn: &mut SqliteConnection, row: Row) -> Result<AppointmentRecord, StoreError> {
    let (
        id,
        code,
        version,
        state,
        at,
        vehicle_id,
        customer_id,
        name,
        phone,
        plate,
        model,
        km,
        concerns,
        job_id,
    ) = row;
    let state = AppointmentState::parse(&state)
        .ok_or_else(|| StoreError::Corrupt(format!("appointment {id}: state {state:?}")))?;
    let package_km = km
        .map(|km| {
            u32::try_from(km).map_err(|_| StoreError::Corrupt(format!("appointment {id}: km {km}")))
        })
        .transpose()?;
    Ok(AppointmentRecord {
        id,
        code,
        version,
        state,
        scheduled_at: parse_ts(&at)?,
        vehicle_id,
        customer_id,
        customer_name: name,
        phone,
        plate,
        model,
        package_km,
        concerns,
        job_id,
        work: booked_work(conn, id).await?,
        steps: steps(conn, id).await?,
    })
}

async fn booked_work(conn: &mut SqliteConnection, id: i64) -> Result<Vec<BookedWork>, StoreError> {
    let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT s.id, s.name_zh, s.name_en, s.skill, s.labor_minutes FROM appointment_items i
         JOIN service_items s ON s.id = i.service_item_id WHERE i.appointment_id = ? ORDER BY s.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(service_item_id, name_zh, name_en, skill, minutes)| {
            Ok(BookedWork {
                service_item_id,
                name_zh,
                name_en,
                skill,
                minutes: u32::try_from(minutes)
                    .map_err(|_| StoreError::Corrupt(format!("item {service_item_id}: minutes")))?,
            })
        })
        .collect()
}

async fn steps(conn: &mut SqliteConnection, id: i64) -> Result<Vec<AppointmentStep>, StoreError> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT at, kind, actor_name, note FROM appointment_steps WHERE appointment_id = ? ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(at, kind, actor_name, note)| {
            Ok(AppointmentStep {
                at: parse_ts(&at)?,
                kind: AppointmentStepKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("appointment step {kind:?}")))?,
                actor_name,
                note,
            })
        })
        .collect()
}

pub async fn appointment(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<AppointmentRecord>, StoreError> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE a.id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => complete(conn, row).await.map(Some),
        None => Ok(None),
    }
}

/// Appointments scheduled in `[from, to)`, cancelled ones too, by time.
pub async fn appointments_between(
    conn: &mut SqliteConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<AppointmentRecord>, StoreError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE a.scheduled_at >= ? AND a.scheduled_at < ? ORDER BY a.scheduled_at, a.id"
    ))
    .bind(ts(from))
    .bind(ts(to))
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(complete(conn, row).await?);
    }
    Ok(out)
}

/// The car's appointments not checked in, not cancelled, from `from` on, soonest first.
pub async fn open_appointments_of(
    conn: &mut SqliteConnection,
    vehicle_id: i64,
    from: DateTime<Utc>,
) -> Result<Vec<(i64, String, DateTime<Utc>)>, StoreError> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT a.id, a.code, a.scheduled_at FROM appointments a
         WHERE a.vehicle_id = ? AND a.state != 'cancelled' AND a.scheduled_at >= ?
           AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.appointment_id = a.id)
         ORDER BY a.scheduled_at",
    )
    .bind(vehicle_id)
    .bind(ts(from))
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, code, at)| Ok((id, code, parse_ts(&at)?)))
        .collect()
}

/// Whether an appointment already has this code.
pub async fn appointment_code_taken(
    conn: &mut SqliteConnection,
    code: &str,
) -> Result<bool, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM appointments WHERE code = ?)")
            .bind(code)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// A new appointment to store.
pub struct NewAppointment<'a> {
    pub code: &'a str,
    pub vehicle_id: i64,
    pub scheduled_at: DateTime<Utc>,
    pub package_km: Option<u32>,
    pub concerns: &'a str,
    pub item_ids: &'a [i64],
    pub at: DateTime<Utc>,
}

pub async fn insert_appointment(
    conn: &mut SqliteConnection,
    new: &NewAppointment<'_>,
) -> Result<i64, StoreError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO appointments (code, vehicle_id, scheduled_at, note, package_km, concerns, created_at)
         VALUES (?, ?, ?, '', ?, ?, ?) RETURNING id",
    )
    .bind(new.code)
    .bind(new.vehicle_id)
    .bind(ts(new.scheduled_at))
    .bind(new.package_km)
    .bind(new.concerns)
    .bind(ts(new.at))
    .fetch_one(&mut *conn)
    .await?;
    for item in new.item_ids {
        sqlx::query("INSERT OR IGNORE INTO appointment_items (appointment_id, service_item_id) VALUES (?, ?)")
            .bind(id)
            .bind(item)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

/// Moves the appointment to `state` and `scheduled_at` if it is still at `expected`
/// version; false when someone changed it first.
pub async fn update_appointment(
    conn: &mut SqliteConnection,
    id: i64,
    expected: i64,
    state: AppointmentState,
    scheduled_at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE appointments SET state = ?, scheduled_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
    )
    .bind(state.as_str())
    .bind(ts(scheduled_at))
    .bind(id)
    .bind(expected)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_appointment_step(
    conn: &mut SqliteConnection,
    id: i64,
    kind: AppointmentStepKind,
    actor_name: &str,
    note: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO appointment_steps (appointment_id, at, kind, actor_name, note) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(ts(at))
    .bind(kind.as_str())
    .bind(actor_name)
    .bind(note)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Every bay's skills and store-local hours, and whether it is in service: no outage
/// overlapping `[from, to)` (a bay out for part of a day is left out of that day).
pub async fn bay_hours(
    conn: &mut SqliteConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(i64, String, String, String, bool)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT b.id, b.skills, b.opens_at, b.closes_at,
            NOT EXISTS (SELECT 1 FROM bay_outages o WHERE o.bay_id = b.id AND o.from_at < ? AND o.to_at > ?)
         FROM bays b ORDER BY b.id",
    )
    .bind(ts(to))
    .bind(ts(from))
    .fetch_all(&mut *conn)
    .await?)
}

/// Units of each part promised to open appointments (not checked in, not cancelled,
/// from `from` on), leaving out `except`.
pub async fn parts_promised_to_bookings(
    conn: &mut SqliteConnection,
    from: DateTime<Utc>,
    except: Option<i64>,
) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT s.part_id, SUM(s.part_qty) FROM appointments a
         JOIN appointment_items i ON i.appointment_id = a.id
         JOIN service_items s ON s.id = i.service_item_id
         WHERE s.part_id IS NOT NULL AND a.state != 'cancelled' AND a.scheduled_at >= ?
           AND a.id IS NOT ? AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.appointment_id = a.id)
         GROUP BY s.part_id",
    )
    .bind(ts(from))
    .bind(except)
    .fetch_all(&mut *conn)
    .await?)
}

/// Work in the workshop today, not yet done: `(skill, minutes)` per open item of every
/// job checked in and not yet through the bay.
pub async fn work_in_progress(
    conn: &mut SqliteConnection,
) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT s.skill, SUM(i.labor_minutes) FROM jobs j JOIN job_items i ON i.job_id = j.id
         JOIN service_items s ON s.id = i.service_item_id
         WHERE j.stage IN ('checked_in', 'queued', 'in_service', 'paused')
           AND i.status IN ('todo', 'approved')
         GROUP BY s.skill",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// A part the booked items need, with its stock.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PartNeed {
    pub part_id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub needed: i64,
    pub on_hand: i64,
    pub reserved: i64,
    pub on_order: i64,
    /// YYYY-MM-DD, the next delivery.
    pub expected_on: Option<String>,
}

/// Units of each part the service items use.
pub async fn parts_needed(
    conn: &mut SqliteConnection,
    item_ids: &[i64],
) -> Result<Vec<PartNeed>, StoreError> {
    if item_ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids = serde_json::to_string(item_ids).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(sqlx::query_as(
        "SELECT p.id AS part_id, p.code, p.name_zh, p.name_en, SUM(s.part_qty) AS needed,
            p.on_hand, p.reserved, p.on_order, p.expected_on
         FROM service_items s JOIN parts p ON p.id = s.part_id
         WHERE s.id IN (SELECT value FROM json_each(?)) AND s.part_qty > 0
         GROUP BY p.id ORDER BY p.id",
    )
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?)
}
