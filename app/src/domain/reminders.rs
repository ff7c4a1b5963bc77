//! Reminders (提醒) from a car's service history: how far it drives a day (its mileage
//! trend from its visits), when its next service falls due (the date or the kilometres
//! recorded at delivery, whichever comes first at that pace), and the order of the
//! "due soon" list. A car that drives a lot is reminded earlier.

use chrono::{Days, NaiveDate};

/// A car's pace when its visits cannot tell (fewer than two, too close together, or a
/// reading that went backwards): about 15,000 km a year.
pub const USUAL_KM_PER_DAY: f64 = 40.0;

/// Visits closer together than this say too little about a pace.
pub const MIN_TREND_DAYS: i64 = 14;

/// One visit: the day and the odometer reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub on: NaiveDate,
    pub km: u32,
}

/// Kilometres a day from the visits (in any order): from the earliest to the latest
/// visit, leaving out readings below an earlier one (a typo or a replaced odometer);
/// `None` when fewer than two remain or they are under [`MIN_TREND_DAYS`] apart.
pub fn km_per_day(visits: &[Visit]) -> Option<f64> {
    let mut sorted = visits.to_vec();
    sorted.sort_by_key(|v| (v.on, v.km));
    let mut kept: Vec<Visit> = Vec::with_capacity(sorted.len());
    for v in sorted {
        if kept.last().is_none_or(|last| v.km >= last.km) {
            kept.push(v);
        }
    }
    let (first, last) = (kept.first()?, kept.last()?);
    let days = (last.on - first.on).num_days();
    (days >= MIN_TREND_DAYS).then(|| f64::from(last.km - first.km) / days as f64)
}

/// The next service as recorded at delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextService {
    pub date: Option<NaiveDate>,
    pub km: Option<u32>,
}

/// The day the next service falls due: the recorded date, or the day the car reaches
/// the recorded kilometres at `pace` from its last visit, whichever is first; `None`
/// when nothing was recorded.
pub fn due_on(last: Visit, next: NextService, pace: f64) -> Option<NaiveDate> {
    let by_km = next.km.and_then(|km| {
        let left = f64::from(km.saturating_sub(last.km));
        let days = if pace > 0.0 {
            (left / pace).ceil()
        } else {
            f64::MAX
        };
        // Beyond ~27 years is never: no reminder by kilometres.
        (days < 10_000.0).then(|| last.on.checked_add_days(Days::new(days as u64)))?
    });
    match (by_km, next.date) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The odometer estimated on `today` from the last visit at `pace` km a day.
pub fn estimated_km(last: Visit, pace: f64, today: NaiveDate) -> u32 {
    let days = (today - last.on).num_days().max(0) as f64;
    let km = f64::from(last.km) + pace.max(0.0) * days;
    if km >= f64::from(u32::MAX) {
        u32::MAX
    } else {
        km.round() as u32
    }
}

/// A car on the reminder list.
#[derive(Debug, Clone, PartialEq)]
pub struct DueCar {
    pub vehicle_id: i64,
    pub due_on: NaiveDate,
    /// Kilometres left to the next service at the estimated odometer (`None`: no
    /// kilometres recorded).
    pub km_left: Option<u32>,
    /// It already has an appointment that is not done: left out.
    pub booked: bool,
}

/// The cars due within `days` of `today` (overdue ones too) or within `km` of their
/// next service's kilometres, soonest first, then by vehicle; booked cars left out.
pub fn due_soon(cars: &[DueCar], today: NaiveDate, days: u64, km: u32) -> Vec<&DueCar> {
    let until = today
        .checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX);
    let mut due: Vec<&DueCar> = cars
        .iter()
        .filter(|c| !c.booked && (c.due_on <= until || c.km_left.is_some_and(|left| left <= km)))
        .collect();
    due.sort_by_key(|c| (c.due_on, c.vehicle_id));
    due
}

#[cfg(test)]
mod tests;
