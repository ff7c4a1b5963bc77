//! Appointments (预约): a store day's bookings and load, where work would fit, booking
//! against capacity and parts, and confirming, rescheduling and cancelling, each with
//! its timeline step. A booking that does not fit is refused with the nearest free
//! slots; one whose parts cannot be promised on the day, with the first day they can.

mod book;
mod load;

use app::domain::capacity::{self, Need, SlotLoad};
use app::domain::{store_date, to_store_local, Role};
use app::model::{
    Appointment, AppointmentDay, AppointmentState, Availability, AvailabilityRequest,
};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sqlx::SqliteConnection;

pub use book::{book, change};
pub use load::day_bounds;

use crate::{auth::SessionActor, error::AppError, store, AppState};

/// Minutes after its time an appointment not checked in counts as a no-show.
pub const NO_SHOW_MINUTES: i64 = 30;
/// How far ahead a booking may be.
pub const BOOK_AHEAD_DAYS: i64 = 120;

/// The roles that work before the car arrives; everyone else `403`.
pub fn require_reception(actor: &SessionActor) -> Result<(), AppError> {
    if actor.role.works_reception() {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "the desk, follow-up agents and the reception supervisor only (not a {})",
            Role::as_str(actor.role)
        )))
    }
}

/// `GET /api/v1/appointments?date=`: the day's appointments and load.
pub async fn day(
    state: &AppState,
    actor: &SessionActor,
    date: NaiveDate,
) -> Result<AppointmentDay, AppError> {
    require_reception(actor)?;
    if !YEARS.contains(&date.year()) {
        return Err(AppError::field(
            "date",
            "not a day the store keeps a diary for",
        ));
    }
    let now = state.clock.now();
    let mut conn = state.pool.acquire().await?;
    let (from, to) = day_bounds(date);
    let slots = load::day_load(&mut conn, date, now, None).await?;
    let mut appointments = Vec::new();
    for record in store::appointments_between(&mut conn, from, to).await? {
        appointments.push(view(&mut conn, record, now).await?);
    }
    Ok(AppointmentDay {
        date,
        now,
        appointments,
        slots: load::slot_views(date, &slots, None, now),
    })
}

/// `GET /api/v1/appointments/{id}`.
pub async fn one(state: &AppState, actor: &SessionActor, id: i64) -> Result<Appointment, AppError> {
    require_reception(actor)?;
    let now = state.clock.now();
    let mut conn = state.pool.acquire().await?;
    let record = store::appointment(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    view(&mut conn, record, now).await
}

/// `POST /api/v1/appointments/availability`.
pub async fn availability(
    state: &AppState,
    actor: &SessionActor,
    req: AvailabilityRequest,
) -> Result<Availability, AppError> {
    require_reception(actor)?;
    let now = state.clock.now();
    check_date(req.date, now, "date")?;
    let mut conn = state.pool.acquire().await?;
    let fuel = match req.vehicle_id {
        Some(id) => {
            let v = store::vehicle_by_id(&mut conn, id)
                .await?
                .ok_or_else(|| AppError::field("vehicle_id", "there is no such car"))?;
            (v.fuel_type, v.model_family)
        }
        None => (app::domain::FuelType::Petrol, None),
    };
    let (work, ids) = load::work_of(
        &mut conn,
        (fuel.0, fuel.1.as_deref()),
        req.package_km,
        &req.service_ids,
    )
    .await?;
    availability_in(&mut conn, req.date, work, &ids, now, req.appointment_id).await
}

/// Where `work` fits on `date`, and what its parts say.
pub(crate) async fn availability_in(
    conn: &mut SqliteConnection,
    date: NaiveDate,
    work: Vec<app::model::BookedWork>,
    item_ids: &[i64],
    now: DateTime<Utc>,
    except: Option<i64>,
) -> Result<Availability, AppError> {
    let slots = load::day_load(conn, date, now, except).await?;
    let need = load::needs_of(&work);
    let (shortages, parts_from) = load::parts_check(conn, item_ids, now, except).await?;
    let parts_ok = shortages.is_empty() || parts_from.is_some_and(|d| d <= date);
    let mut views = load::slot_views(date, &slots, Some(&need), now);
    if !parts_ok {
        views.iter_mut().for_each(|s| s.fits = false);
    }
    Ok(Availability {
        date,
        minutes: need.iter().map(|n| n.minutes).sum(),
        work,
        slots: views,
        shortages,
        parts_from,
    })
}

/// The years a day view may ask for (beyond them, dates overflow the store's clock).
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2200;

/// A booking date must be today or later and within [`BOOK_AHEAD_DAYS`].
pub(crate) fn check_date(date: NaiveDate, now: DateTime<Utc>, field: &str) -> Result<(), AppError> {
    let today = store_date(now);
    if date < today {
        return Err(AppError::field(field, "that day is past"));
    }
    if date > today + Duration::days(BOOK_AHEAD_DAYS) {
        return Err(AppError::field(
            field,
            format!("book at most {BOOK_AHEAD_DAYS} days ahead"),
        ));
    }
    Ok(())
}

/// Up to three slot starts nearest to `wanted` where `need` fits, from now on.
pub(crate) fn alternatives(
    date: NaiveDate,
    slots: &[SlotLoad],
    need: &[Need],
    wanted: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<DateTime<Utc>> {
    let not_before = (store_date(now) == date).then(|| to_store_local(now).time());
    capacity::nearest_fitting(slots, need, to_store_local(wanted).time(), not_before, 3)
        .into_iter()
        .map(|t| load::slot_at(date, t))
        .filter(|t| *t >= now)
        .collect()
}

/// The appointment as the desk sees it at `now`.
pub(crate) async fn view(
    conn: &mut SqliteConnection,
    a: store::AppointmentRecord,
    now: DateTime<Utc>,
) -> Result<Appointment, AppError> {
    let open = a.state != AppointmentState::Cancelled && a.job_id.is_none();
    let shortages = if open {
        let ids: Vec<i64> = a.work.iter().map(|w| w.service_item_id).collect();
        load::parts_check(conn, &ids, now, Some(a.id)).await?.0
    } else {
        Vec::new()
    };
    let minutes = load::needs_of(&a.work).iter().map(|n| n.minutes).sum();
    Ok(Appointment {
        no_show: open && now > a.scheduled_at + Duration::minutes(NO_SHOW_MINUTES),
        id: a.id,
        code: a.code,
        version: a.version,
        state: a.state,
        scheduled_at: a.scheduled_at,
        vehicle_id: a.vehicle_id,
        customer_id: a.customer_id,
        customer_name: a.customer_name,
        phone: a.phone,
        plate: a.plate,
        model: a.model,
        package_km: a.package_km,
        concerns: a.concerns,
        work: a.work,
        minutes,
        job_id: a.job_id,
        shortages,
        steps: a.steps,
    })
}
