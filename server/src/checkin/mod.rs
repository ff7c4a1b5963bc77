//! Self check-in: looking up a returning customer, quoting, and turning a signed
//! check-in into a job: one transaction with its timeline row and event, made once per
//! `Idempotency-Key`.

mod create;
mod desk_request;
pub mod lookup;
mod quote;
pub mod throttle;
mod validate;

use app::domain::text::CONCERNS_MAX;
use app::domain::{FuelType, Mileage, MileageError};
use app::model::{LookupRequest, LookupResult, Quote, QuoteRequest};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

pub use create::check_in;
pub use desk_request::call_advisor;
pub use lookup::{Found, LookupRefs};
use quote::Choice;
pub use throttle::KioskThrottles;
pub use validate::Fields;

use crate::{error::AppError, store, AppState};

/// `POST /api/v1/checkins/lookup`: `None` is a miss (the caller counts it).
pub async fn lookup(
    state: &AppState,
    req: &LookupRequest,
    now: DateTime<Utc>,
) -> Result<Option<LookupResult>, AppError> {
    let mut conn = state.pool.acquire().await?;
    let Some((vehicle, appointment)) = lookup::find(&mut conn, req, now).await? else {
        return Ok(None);
    };
    let last = vehicle.last_mileage_km;
    let car = Car::of(&vehicle);
    let due = quote::price(&mut conn, choice(car, last, true, &[], "", false), now)
        .await?
        .quote
        .package_due;
    lookup::result(&state.lookups, &vehicle, appointment.as_ref(), due).map(Some)
}

/// What picks a car's maintenance schedule: its fuel type and model family.
#[derive(Debug, Clone, Copy)]
struct Car<'a> {
    fuel_type: FuelType,
    model_family: Option<&'a str>,
    done_package_km: Option<u32>,
}

impl<'a> Car<'a> {
    fn of(vehicle: &'a store::VehicleRow) -> Car<'a> {
        Car {
            fuel_type: vehicle.fuel_type,
            model_family: vehicle.model_family.as_deref(),
            done_package_km: vehicle.done_package_km,
        }
    }

    /// A car not on record: the fuel type the customer chose, else petrol (the schedule
    /// every car followed before fuel types; the API documents it), no family.
    fn new(fuel_type: Option<FuelType>) -> Car<'a> {
        Car {
            fuel_type: fuel_type.unwrap_or(FuelType::Petrol),
            model_family: None,
            done_package_km: None,
        }
    }
}

fn choice<'a>(
    car: Car<'a>,
    mileage_km: u32,
    package: bool,
    services: &'a [i64],
    concerns: &'a str,
    wash: bool,
) -> Choice<'a> {
    Choice {
        mileage_km,
        package,
        services,
        concerns,
        wash,
        fuel_type: car.fuel_type,
        model_family: car.model_family,
        done_package_km: car.done_package_km,
    }
}

/// The found vehicle's last mileage, or a `422` when the reference has expired.
async fn found_vehicle(
    state: &AppState,
    conn: &mut SqliteConnection,
    lookup_ref: &str,
) -> Result<(Found, store::VehicleRow), AppError> {
    let expired = || {
        AppError::invalid(
            "lookup_expired",
            "This check-in has timed out. Please find your booking again.",
        )
    };
    let found = state.lookups.get(lookup_ref).ok_or_else(expired)?;
    // A booking is checked in once: a reference to one already used (by another kiosk,
    // or this one's earlier check-in) is spent.
    if let Some(id) = found.appointment_id {
        if !store::appointment_is_open(conn, id).await? {
            return Err(expired());
        }
    }
    let vehicle = store::vehicle_by_id(conn, found.vehicle_id)
        .await?
        .ok_or_else(expired)?;
    Ok((found, vehicle))
}

/// Refuses a reading below the last record, and an implausible jump not yet confirmed.
/// Only a customer who proved who they are (a lookup) is told the recorded figure.
fn check_mileage(km: u32, last_km: u32, confirmed: bool, reveal_last: bool, fields: &mut Fields) {
    let (Ok(now), Ok(last)) = (Mileage::new(km), Mileage::new(last_km)) else {
        return;
    };
    if let Err(e @ MileageError::BelowLast { .. }) = now.check_not_below(last) {
        if reveal_last {
            fields.add("mileage_km", e.to_string());
        } else {
            fields.add(
                "mileage_km",
                "The odometer reading is lower than our last record for this car. Please check it, or ask at the desk.",
            );
        }
    } else if now.is_implausible_jump(last) && !confirmed {
        fields.add(
            "mileage_km",
            format!(
                "That is more than {} km above our last record. Please check the odometer and confirm.",
                Mileage::PLAUSIBLE_JUMP_KM
            ),
        );
    }
}

/// `POST /api/v1/checkins/quote`.
pub async fn quote(
    state: &AppState,
    req: &QuoteRequest,
    now: DateTime<Utc>,
) -> Result<Quote, AppError> {
    let mut conn = state.pool.acquire().await?;
    let mut fields = Fields::default();
    if let Err(e) = Mileage::new(req.mileage_km) {
        fields.add("mileage_km", e.to_string());
    }
    let concerns = validate::text(
        &mut fields,
        "concerns",
        Some(&req.concerns),
        CONCERNS_MAX,
        true,
    );
    let vehicle = match req.lookup_ref.as_deref() {
        Some(r) => Some(found_vehicle(state, &mut conn, r).await?.1),
        None => None,
    };
    if let Some(vehicle) = &vehicle {
        check_mileage(
            req.mileage_km,
            vehicle.last_mileage_km,
            true,
            true,
            &mut fields,
        );
    }
    fields.finish("invalid")?;
    let car = vehicle
        .as_ref()
        .map_or_else(|| Car::new(req.fuel_type), Car::of);
    let c = choice(
        car,
        req.mileage_km,
        req.package,
        &req.services,
        &concerns,
        req.wash,
    );
    Ok(quote::price(&mut conn, c, now).await?.quote)
}
