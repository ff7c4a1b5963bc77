//! Finding a returning customer at the kiosk: by plate and the phone's last four digits
//! or by appointment code. A miss reveals nothing; a hit gives a short-lived reference
//! that stands in for the plate and phone for the rest of the check-in.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use app::domain::{fold_identifier, mask_name, mask_plate, store_date, Plate};
use app::model::{AppointmentView, LookupRequest, LookupResult};
use chrono::{DateTime, Duration as Days, Utc};
use sqlx::SqliteConnection;

use crate::{
    auth::new_token,
    error::AppError,
    store::{self, AppointmentRow, VehicleRow},
};

/// How long a lookup's reference stays good.
pub const LOOKUP_TTL: Duration = Duration::from_secs(30 * 60);

/// Who a lookup found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub vehicle_id: i64,
    pub appointment_id: Option<i64>,
}

/// Lookup references handed to kiosks, in memory: a restart only means looking up again.
#[derive(Default)]
pub struct LookupRefs {
    refs: Mutex<HashMap<String, (Found, Instant)>>,
}

impl LookupRefs {
    pub fn issue(&self, found: Found) -> String {
        let token = new_token();
        if let Ok(mut refs) = self.refs.lock() {
            let now = Instant::now();
            refs.retain(|_, (_, at)| now.duration_since(*at) < LOOKUP_TTL);
            refs.insert(token.clone(), (found, now));
        }
        token
    }

    pub fn get(&self, token: &str) -> Option<Found> {
        let refs = self.refs.lock().ok()?;
        refs.get(token)
            .filter(|(_, at)| at.elapsed() < LOOKUP_TTL)
            .map(|(found, _)| *found)
    }
}

/// The store day `[start, end)` around `now`, in UTC.
pub fn store_day(now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let midnight = store_date(now).and_time(chrono::NaiveTime::MIN);
    let midnight = app::domain::from_store_local(midnight);
    (midnight, midnight + Days::days(1))
}

/// The vehicle and today's appointment `req` names, if it names one exactly.
pub async fn find(
    conn: &mut SqliteConnection,
    req: &LookupRequest,
    now: DateTime<Utc>,
) -> Result<Option<(VehicleRow, Option<AppointmentRow>)>, AppError> {
    let (from, to) = store_day(now);
    if let Some(code) = req.appointment_code.as_deref() {
        // Typed codes follow the identifier rule: full-width folded, zero-width dropped.
        let code = fold_identifier(code).to_ascii_uppercase();
        if code.is_empty() || code.len() > 32 {
            return Ok(None);
        }
        // Only today's bookings check in at the kiosk; another day's goes to the desk.
        let Some(appointment) = store::appointment_by_code(conn, &code)
            .await?
            .filter(|a| is_within(a, from, to))
        else {
            return Ok(None);
        };
        let vehicle = store::vehicle_by_id(conn, appointment.vehicle_id).await?;
        return Ok(vehicle.map(|v| (v, Some(appointment))));
    }
    let (Some(plate), Some(last4)) = (req.plate.as_deref(), req.phone_last4.as_deref()) else {
        return Err(AppError::invalid(
            "lookup_incomplete",
            "Give the plate and the last four digits of the phone, or an appointment code.",
        ));
    };
    let Ok(plate) = Plate::parse(plate) else {
        return Ok(None);
    };
    let last4 = fold_identifier(last4);
    let last4 = last4.as_str();
    let Some(vehicle) = store::vehicle_by_plate(conn, plate.as_str()).await? else {
        return Ok(None);
    };
    if last4.len() != 4 || !vehicle.phone.ends_with(last4) {
        return Ok(None);
    }
    let appointment = store::appointment_of_vehicle(conn, vehicle.id, from, to).await?;
    Ok(Some((vehicle, appointment)))
}

/// The appointment is scheduled in `[from, to)`.
pub fn is_within(a: &AppointmentRow, from: DateTime<Utc>, to: DateTime<Utc>) -> bool {
    store::parse_ts(&a.scheduled_at).is_ok_and(|at| from <= at && at < to)
}

pub fn appointment_view(a: &AppointmentRow) -> Result<AppointmentView, AppError> {
    Ok(AppointmentView {
        code: a.code.clone(),
        scheduled_at: store::parse_ts(&a.scheduled_at)?,
        note: a.note.clone(),
    })
}

/// What the kiosk may show, with a fresh reference.
pub fn result(
    refs: &LookupRefs,
    vehicle: &VehicleRow,
    appointment: Option<&AppointmentRow>,
    package_due: Option<app::model::PackageView>,
) -> Result<LookupResult, AppError> {
    let lookup_ref = refs.issue(Found {
        vehicle_id: vehicle.id,
        appointment_id: appointment.map(|a| a.id),
    });
    Ok(LookupResult {
        lookup_ref,
        customer_name_masked: mask_name(&vehicle.customer_name),
        plate_masked: mask_plate(&vehicle.plate),
        model: vehicle.model.clone(),
        fuel_type: vehicle.fuel_type,
        last_mileage_km: vehicle.last_mileage_km,
        appointment: appointment.map(appointment_view).transpose()?,
        package_due,
    })
}
