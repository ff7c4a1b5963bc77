//! The customer's file SQL (客户档案): search, a customer with their cars, a car's
//! visits (written by delivery, or older records), the corrections the desk makes, and
//! what the reminder list reads of every car (visits, next service, bookings, calls).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::{parse_ts, ts, StoreError};

/// A search hit: the customer and their plates.
pub async fn search_customers(
    conn: &mut SqliteConnection,
    plate: Option<&str>,
    text: &str,
    digits: Option<&str>,
) -> Result<Vec<(i64, String, String, String)>, StoreError> {
    let like = format!("%{}%", text.replace(['%', '_'], ""));
    let phone_like = digits.map(|d| format!("%{d}%"));
    Ok(sqlx::query_as(
        "SELECT c.id, c.name, c.phone, COALESCE((SELECT group_concat(plate, ',') FROM
             (SELECT plate FROM vehicles WHERE customer_id = c.id ORDER BY id)), '')
         FROM customers c WHERE c.name LIKE ?1
            OR (?2 IS NOT NULL AND c.phone LIKE ?2)
            OR EXISTS (SELECT 1 FROM vehicles v WHERE v.customer_id = c.id
                       AND (v.plate = ?3 OR upper(COALESCE(v.vin, '')) = upper(?4)))
         ORDER BY c.name, c.id LIMIT 20",
    )
    .bind(like)
    .bind(phone_like)
    .bind(plate)
    .bind(text)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn customer(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<(i64, String, String, bool)>, StoreError> {
    Ok(
        sqlx::query_as("SELECT id, name, phone, messages_ok FROM customers WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// A car on file with the next service its last delivery recorded.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CarRow {
    pub id: i64,
    pub customer_id: i64,
    pub plate: String,
    pub vin: Option<String>,
    pub model: String,
    pub colour: Option<String>,
    pub last_mileage_km: u32,
    pub next_service_km: Option<u32>,
    pub next_service_date: Option<String>,
}

const CAR_SELECT: &str =
    "SELECT v.id, v.customer_id, v.plate, v.vin, v.model, v.colour, v.last_mileage_km,
    (SELECT j.next_service_km FROM jobs j WHERE j.vehicle_id = v.id AND j.delivered_at IS NOT NULL
     ORDER BY j.delivered_at DESC LIMIT 1) AS next_service_km,
    (SELECT j.next_service_date FROM jobs j WHERE j.vehicle_id = v.id AND j.delivered_at IS NOT NULL
     ORDER BY j.delivered_at DESC LIMIT 1) AS next_service_date
    FROM vehicles v";

pub async fn cars_of(
    conn: &mut SqliteConnection,
    customer_id: i64,
) -> Result<Vec<CarRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{CAR_SELECT} WHERE v.customer_id = ? ORDER BY v.id"
    ))
    .bind(customer_id)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn car(conn: &mut SqliteConnection, id: i64) -> Result<Option<CarRow>, StoreError> {
    Ok(sqlx::query_as(&format!("{CAR_SELECT} WHERE v.id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Every car on file (the reminder list reads them all).
pub async fn all_cars(conn: &mut SqliteConnection) -> Result<Vec<CarRow>, StoreError> {
    Ok(sqlx::query_as(&format!("{CAR_SELECT} ORDER BY v.id"))
        .fetch_all(&mut *conn)
        .await?)
}

/// One visit as stored: a history record, or a delivered job without one.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VisitRow {
    /// YYYY-MM-DD for a record; the delivery's timestamp for a job without one.
    pub done: String,
    pub from_history: bool,
    pub mileage_km: u32,
    pub summary: String,
    pub package_km: Option<u32>,
    pub job_id: Option<i64>,
    pub ticket: Option<String>,
    pub total_fen: Option<i64>,
    pub follow_up_state: Option<String>,
    pub satisfaction: Option<String>,
    pub complaint_ids: Option<String>,
}

/// The car's visits, in no particular order.
pub async fn visits_of(
    conn: &mut SqliteConnection,
    vehicle_id: i64,
) -> Result<Vec<VisitRow>, StoreError> {
    Ok(sqlx::query_as(
        "WITH v AS (
            SELECT h.done_on AS done, 1 AS from_history, h.mileage_km, h.summary, h.package_km, h.job_id
              FROM service_history h WHERE h.vehicle_id = ?1
            UNION ALL
            SELECT j.delivered_at, 0, j.mileage_km,
                   COALESCE((SELECT group_concat(i.name_zh, '、') FROM job_items i
                             WHERE i.job_id = j.id AND i.status = 'done'), ''),
                   j.package_km, j.id
              FROM jobs j WHERE j.vehicle_id = ?1 AND j.delivered_at IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM service_history h WHERE h.job_id = j.id))
         SELECT v.done, v.from_history, v.mileage_km, v.summary, v.package_km, v.job_id,
                j.ticket, json_extract(inv.body, '$.total_fen') AS total_fen,
                (SELECT f.state FROM follow_ups f WHERE f.job_id = v.job_id ORDER BY f.contact DESC LIMIT 1) AS follow_up_state,
                (SELECT f.satisfaction FROM follow_ups f WHERE f.job_id = v.job_id AND f.satisfaction IS NOT NULL
                 ORDER BY f.contact DESC LIMIT 1) AS satisfaction,
                (SELECT group_concat(c.id, ',') FROM complaints c WHERE c.job_id = v.job_id) AS complaint_ids
           FROM v LEFT JOIN jobs j ON j.id = v.job_id LEFT JOIN invoices inv ON inv.job_id = v.job_id",
    )
    .bind(vehicle_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Every car's visits as the reminder list needs them: `(vehicle_id, done, from_history,
/// mileage_km)` (`done` as `visits_of` gives it), in one read for the whole file.
pub async fn visit_points(
    conn: &mut SqliteConnection,
) -> Result<Vec<(i64, String, bool, u32)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT vehicle_id, done_on, 1, mileage_km FROM service_history
         UNION ALL
         SELECT vehicle_id, delivered_at, 0, mileage_km FROM jobs
          WHERE delivered_at IS NOT NULL
            AND id NOT IN (SELECT job_id FROM service_history WHERE job_id IS NOT NULL)",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// Writes the visit a delivery made into the car's history.
pub async fn record_visit(
    conn: &mut SqliteConnection,
    job_id: i64,
    vehicle_id: i64,
    done_on: NaiveDate,
    mileage_km: u32,
    summary: &str,
    package_km: Option<u32>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO service_history (vehicle_id, done_on, mileage_km, summary, job_id, package_km)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(vehicle_id)
    .bind(done_on.format("%Y-%m-%d").to_string())
    .bind(mileage_km)
    .bind(summary)
    .bind(job_id)
    .bind(package_km)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn update_customer(
    conn: &mut SqliteConnection,
    id: i64,
    name: &str,
    phone: &str,
    messages_ok: bool,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE customers SET name = ?, phone = ?, messages_ok = ? WHERE id = ?")
        .bind(name)
        .bind(phone)
        .bind(messages_ok)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn update_vehicle(
    conn: &mut SqliteConnection,
    id: i64,
    plate: &str,
    vin: Option<&str>,
    model: &str,
    colour: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE vehicles SET plate = ?, vin = ?, model = ?, colour = ? WHERE id = ?")
        .bind(plate)
        .bind(vin)
        .bind(model)
        .bind(colour)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// What the reminder list needs of a car beyond its row: whether it has an open booking
/// from `from` on, the customer's "no messages" and the last reminder call.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReminderFacts {
    pub vehicle_id: i64,
    pub customer_name: String,
    pub phone: String,
    pub messages_ok: bool,
    pub booked: bool,
    /// The latest follow-up call's answer to "may we remind you?" (`None`: not asked).
    pub reminder_consent: Option<bool>,
    pub call_at: Option<String>,
    pub call_agent: Option<String>,
    pub call_outcome: Option<String>,
    pub call_note: Option<String>,
}

pub async fn reminder_facts(
    conn: &mut SqliteConnection,
    from: DateTime<Utc>,
) -> Result<Vec<ReminderFacts>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT v.id AS vehicle_id, c.name AS customer_name, c.phone, c.messages_ok,
            EXISTS (SELECT 1 FROM appointments a WHERE a.vehicle_id = v.id AND a.state != 'cancelled'
                    AND a.scheduled_at >= ?1 AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.appointment_id = a.id)) AS booked,
            (SELECT f.reminder_consent FROM follow_ups f JOIN jobs j ON j.id = f.job_id
              WHERE j.vehicle_id = v.id AND f.reminder_consent IS NOT NULL ORDER BY f.closed_at DESC LIMIT 1) AS reminder_consent,
            r.at AS call_at, r.agent AS call_agent, r.outcome AS call_outcome, r.note AS call_note
         FROM vehicles v JOIN customers c ON c.id = v.customer_id
         LEFT JOIN reminder_calls r ON r.id = (SELECT MAX(id) FROM reminder_calls WHERE vehicle_id = v.id)
         ORDER BY v.id",
    )
    .bind(ts(from))
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn insert_reminder_call(
    conn: &mut SqliteConnection,
    vehicle_id: i64,
    at: DateTime<Utc>,
    agent: &str,
    outcome: &str,
    note: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO reminder_calls (vehicle_id, at, agent, outcome, note) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(vehicle_id)
    .bind(ts(at))
    .bind(agent)
    .bind(outcome)
    .bind(note)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A visit's timestamp or date as its store day (`parse_ts` for a delivery).
pub fn visit_day(done: &str, from_history: bool) -> Result<NaiveDate, StoreError> {
    if from_history {
        NaiveDate::parse_from_str(done, "%Y-%m-%d")
            .map_err(|_| StoreError::Corrupt(format!("visit day {done:?}")))
    } else {
        parse_ts(done).map(app::domain::store_date)
    }
}

/// The maintenance package a job was booked with, by its kilometres.
pub async fn package_of_job(
    conn: &mut SqliteConnection,
    job_id: i64,
) -> Result<Option<u32>, StoreError> {
    let km: Option<Option<i64>> = sqlx::query_scalar("SELECT package_km FROM jobs WHERE id = ?")
        .bind(job_id)
        .fetch_optional(&mut *conn)
        .await?;
    km.flatten()
        .map(|km| {
            u32::try_from(km)
                .map_err(|_| StoreError::Corrupt(format!("job {job_id}: package_km {km}")))
        })
        .transpose()
}
