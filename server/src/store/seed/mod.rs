//! Demo store: what a new database starts with (settings, bays and teams, staff, parts, service
//! items, the maintenance schedule, customers, today's appointments and jobs, and three
//! months of deterministic history in `history/`). The rows themselves are in `data.rs`,
//! the demo jobs and their timelines in `jobs.rs`, the Argon2id helpers for passwords and
//! PINs in `secrets.rs`.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, SecondsFormat, Utc};
use sqlx::{Sqlite, SqliteExecutor, SqlitePool, Transaction};

mod data;
mod history;
mod job_data;
mod jobs;
mod schedules;
mod secrets;

pub use data::{DEMO_CUSTOMERS, DEMO_PLATES};
pub use history::{GENERATED_CUSTOMERS, HISTORY_DAYS, SEED as HISTORY_SEED};
use job_data::Day;
use secrets::hash_demo_secrets;
pub use secrets::{hash_secret, verify_secret};

/// The store's clock: China Standard Time is UTC+8 all year (no daylight saving).
use app::domain::{from_store_local, store_date};

type Tx<'c> = Transaction<'c, Sqlite>;

/// Seeds the demo store when the database is new (no bays yet). Returns true when it seeded.
pub async fn seed_demo_store_if_new(
    pool: &SqlitePool,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    if bay_count(pool).await? > 0 {
        return Ok(false);
    }
    // Argon2 is slow on purpose: hash before the transaction, off the async workers.
    let hashes = hash_demo_secrets().await?;
    let mut tx = pool.begin().await?;
    // Checked again inside the transaction: another seeder may have got there first.
    if bay_count(&mut *tx).await? > 0 {
        return Ok(false);
    }
    let clock = Clock::new(now);
    insert_workshop(&mut tx, hashes).await?;
    insert_catalogue(&mut tx, &clock).await?;
    insert_customers(&mut tx, &clock).await?;
    for (index, job) in job_data::JOBS.iter().enumerate() {
        jobs::insert_job(&mut tx, &clock, index, job).await?;
    }
    reserve_open_jobs(&mut tx).await?;
    // The demo jobs' ETAs as the live clock computes them, so a new store starts
    // consistent (its delays come from work overrunning, not from made-up times).
    crate::eta::refresh_etas(&mut tx, now, crate::eta::Announce::Nothing)
        .await
        .map_err(|e| match e {
            super::StoreError::Sql(e) => e,
            other => sqlx::Error::Protocol(other.to_string()),
        })?;
    // Three months of past jobs, calls and complaints, from a fixed seed.
    history::insert_history(&mut tx, clock.today)
        .await
        .map_err(|e| match e {
            super::StoreError::Sql(e) => e,
            other => sqlx::Error::Protocol(other.to_string()),
        })?;
    tx.commit().await?;
    Ok(true)
}

/// The demo's open jobs hold the parts their work still needs.
async fn reserve_open_jobs(tx: &mut Tx<'_>) -> Result<(), sqlx::Error> {
    let open: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM jobs WHERE stage NOT IN ('delivered', 'cancelled')")
            .fetch_all(&mut **tx)
            .await?;
    for job_id in open {
        super::reserve(tx, job_id, None)
            .await
            .map_err(|e| match e {
                super::StoreError::Sql(e) => e,
                other => sqlx::Error::Protocol(other.to_string()),
            })?;
    }
    Ok(())
}

async fn bay_count<'e>(executor: impl SqliteExecutor<'e>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM bays")
        .fetch_one(executor)
        .await
}

/// Seed rows name each other by code; a dangling name is a bug in `data.rs`.
fn unknown(what: &str, name: &str) -> sqlx::Error {
    sqlx::Error::InvalidArgument(format!("demo seed data names an unknown {what}: {name}"))
}

/// An `INSERT … SELECT … WHERE code = ?` that wrote no row named a service item that is not there.
fn found_service_item(
    inserted: &sqlx::sqlite::SqliteQueryResult,
    code: &str,
) -> Result<(), sqlx::Error> {
    match inserted.rows_affected() {
        1 => Ok(()),
        _ => Err(unknown("service item", code)),
    }
}

/// Row ids follow the order of the data tables, from 1.
fn id(index: usize) -> i64 {
    index as i64 + 1
}

/// Every technician as (bay id, is lead, name, PIN), in id order: two per bay, lead first.
fn technicians() -> impl Iterator<Item = (i64, bool, &'static str, String)> {
    data::BAYS.iter().enumerate().flat_map(|(index, bay)| {
        let n = id(index);
        [
            (n, true, bay.lead, format!("{n}{n}{n}{n}")),
            (n, false, bay.technician, format!("{n}{n}{n}0")),
        ]
    })
}

struct Clock {
    now: DateTime<Utc>,
    /// Today's date in the store's time zone.
    today: NaiveDate,
}

impl Clock {
    fn new(now: DateTime<Utc>) -> Self {
        let today = store_date(now);
        Self { now, today }
    }

    /// The instant `minutes` after the store's midnight, `days` days from today.
    fn store_time(&self, days: i64, minutes: i64) -> DateTime<Utc> {
        let midnight =
            from_store_local((self.today + Duration::days(days)).and_time(NaiveTime::MIN));
        midnight + Duration::minutes(minutes)
    }

    fn job_time(&self, day: Day, minutes: i64) -> DateTime<Utc> {
        match day {
            Day::Today => self.now + Duration::minutes(minutes),
            Day::Yesterday => self.store_time(-1, minutes),
        }
    }

    fn date_before(&self, days: i64) -> String {
        (self.today - Duration::days(days))
            .format("%Y-%m-%d")
            .to_string()
    }
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

async fn insert_workshop(tx: &mut Tx<'_>, hashes: Vec<String>) -> Result<(), sqlx::Error> {
    let mut hashes = hashes.into_iter();
    for (key, value) in data::SETTINGS {
        sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?)")
            .bind(key)
            .bind(value)
            .execute(&mut **tx)
            .await?;
    }
    for (index, bay) in data::BAYS.iter().enumerate() {
        sqlx::query(
            "INSERT INTO bays (id, name_zh, name_en, team_name, skills) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id(index))
        .bind(bay.name_zh)
        .bind(bay.name_en)
        .bind(bay.team_name)
        .bind(bay.skills)
        .execute(&mut **tx)
        .await?;
    }
    for (index, ((bay_id, is_lead, name, _), pin_hash)) in
        technicians().zip(hashes.by_ref()).enumerate()
    {
        sqlx::query(
            "INSERT INTO technicians (id, name, bay_id, is_lead, pin_hash) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id(index))
        .bind(name)
        .bind(bay_id)
        .bind(is_lead)
        .bind(pin_hash)
        .execute(&mut **tx)
        .await?;
    }
    for (index, ((username, role, name), hash)) in
        data::STAFF.iter().zip(hashes.by_ref()).enumerate()
    {
        sqlx::query(
            "INSERT INTO staff (id, username, display_name, role, password_hash) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id(index))
        .bind(username)
        .bind(name)
        .bind(role)
        .bind(hash)
        .execute(&mut **tx)
        .await?;
    }
    for ((username, _), pin_hash) in data::STAFF_PINS.iter().zip(hashes) {
        sqlx::query("UPDATE staff SET pin_hash = ? WHERE username = ?")
            .bind(pin_hash)
            .bind(username)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

async fn insert_catalogue(tx: &mut Tx<'_>, clock: &Clock) -> Result<(), sqlx::Error> {
    for (index, p) in data::PARTS.iter().enumerate() {
        sqlx::query(
            "INSERT INTO parts (id, code, name_zh, name_en, price_fen, on_hand, reorder_point, \
             on_order, expected_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id(index))
        .bind(p.code)
        .bind(p.name_zh)
        .bind(p.name_en)
        .bind(p.price_fen)
        .bind(p.on_hand)
        .bind(p.reorder_point)
        .bind(p.on_order.map_or(0, |(qty, _)| qty))
        .bind(
            p.on_order
                .map(|(_, days)| (clock.today + Duration::days(days)).to_string()),
        )
        .execute(&mut **tx)
        .await?;
    }
    for (index, item) in data::SERVICE_ITEMS.iter().enumerate() {
        let (part, part_qty) = item.part.map_or((None, 0), |(code, qty)| (Some(code), qty));
        sqlx::query(
            "INSERT INTO service_items \
             (id, code, name_zh, name_en, labor_minutes, skill, part_id, part_qty) \
             VALUES (?, ?, ?, ?, ?, ?, (SELECT id FROM parts WHERE code = ?), ?)",
        )
        .bind(id(index))
        .bind(item.code)
        .bind(item.name_zh)
        .bind(item.name_en)
        .bind(item.minutes)
        .bind(item.skill)
        .bind(part)
        .bind(part_qty)
        .execute(&mut **tx)
        .await?;
    }
    for (fuel, packages) in schedules::SCHEDULES {
        let schedule_id: i64 = sqlx::query_scalar(
            "INSERT INTO maintenance_schedules (fuel_type, model_family) VALUES (?, NULL) RETURNING id",
        )
        .bind(fuel)
        .fetch_one(&mut **tx)
        .await?;
        for package in *packages {
            let package_id: i64 = sqlx::query_scalar(
                "INSERT INTO maintenance_packages (schedule_id, km, name_zh, name_en, free) \
                 VALUES (?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(schedule_id)
            .bind(package.km)
            .bind(package.name_zh)
            .bind(package.name_en)
            .bind(package.free)
            .fetch_one(&mut **tx)
            .await?;
            for code in package.items {
                let inserted = sqlx::query(
                    "INSERT INTO maintenance_package_items (package_id, service_item_id) \
                     SELECT ?, id FROM service_items WHERE code = ?",
                )
                .bind(package_id)
                .bind(code)
                .execute(&mut **tx)
                .await?;
                found_service_item(&inserted, code)?;
            }
        }
    }
    Ok(())
}

async fn insert_customers(tx: &mut Tx<'_>, clock: &Clock) -> Result<(), sqlx::Error> {
    for (index, (name, phone)) in DEMO_CUSTOMERS.iter().enumerate() {
        sqlx::query("INSERT INTO customers (id, name, phone) VALUES (?, ?, ?)")
            .bind(id(index))
            .bind(name)
            .bind(phone)
            .execute(&mut **tx)
            .await?;
    }
    for (index, v) in data::VEHICLES.iter().enumerate() {
        sqlx::query(
            "INSERT INTO vehicles (id, customer_id, plate, vin, model, colour, last_mileage_km, \
             fuel_type, model_family) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id(index))
        .bind(v.customer)
        .bind(v.plate)
        .bind(v.vin)
        .bind(v.model)
        .bind(v.colour)
        .bind(v.km)
        .bind(v.fuel)
        .bind(v.family)
        .execute(&mut **tx)
        .await?;
    }
    for (plate, days_ago, km, summary) in data::HISTORY {
        sqlx::query(
            "INSERT INTO service_history (vehicle_id, done_on, mileage_km, summary) \
             VALUES ((SELECT id FROM vehicles WHERE plate = ?), ?, ?, ?)",
        )
        .bind(plate)
        .bind(clock.date_before(*days_ago))
        .bind(km)
        .bind(summary)
        .execute(&mut **tx)
        .await?;
    }
    for (code, plate, minute_of_day, package_km, note) in data::APPOINTMENTS {
        let at = rfc3339(clock.store_time(0, *minute_of_day));
        sqlx::query(
            "INSERT INTO appointments (code, vehicle_id, scheduled_at, note, package_km, state, created_at) \
             VALUES (?, (SELECT id FROM vehicles WHERE plate = ?), ?, ?, ?, 'confirmed', ?)",
        )
        .bind(code)
        .bind(plate)
        .bind(&at)
        .bind(note)
        .bind(package_km)
        .bind(&at)
        .execute(&mut **tx)
        .await?;
        // The package's items on the default schedule of the car's fuel type.
        sqlx::query(
            "INSERT INTO appointment_items (appointment_id, service_item_id) \
             SELECT a.id, i.service_item_id FROM appointments a \
             JOIN vehicles v ON v.id = a.vehicle_id \
             JOIN maintenance_schedules s ON s.fuel_type = v.fuel_type AND s.model_family IS NULL \
             JOIN maintenance_packages p ON p.schedule_id = s.id AND p.km = a.package_km \
             JOIN maintenance_package_items i ON i.package_id = p.id \
             WHERE a.code = ?",
        )
        .bind(code)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
