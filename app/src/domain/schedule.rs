//! The maintenance schedule: which schedule a car follows (its model family and fuel type)
//! and which package is due at an odometer reading. The schedules themselves are data (the
//! store edits them at /admin); this only decides which entry applies.

use serde::{Deserialize, Serialize};

/// What a car runs on: each has its own schedule (an electric car has no oil to change).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum FuelType {
    Petrol,
    Hybrid,
    Electric,
}

impl FuelType {
    pub const ALL: [FuelType; 3] = [FuelType::Petrol, FuelType::Hybrid, FuelType::Electric];

    pub fn as_str(self) -> &'static str {
        match self {
            FuelType::Petrol => "petrol",
            FuelType::Hybrid => "hybrid",
            FuelType::Electric => "electric",
        }
    }
}

/// Most characters of a model family's name (e.g. "汉", "Camry").
pub const FAMILY_MAX: usize = 40;

/// Which schedule a schedule is: its fuel type and model family (none: the fuel type's
/// default, followed by every car of that fuel without a schedule of its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleKey {
    pub id: i64,
    pub fuel_type: FuelType,
    pub model_family: Option<String>,
}

/// The schedule a car follows: its model family's for its fuel type, else its fuel
/// type's default; none when the store has neither (no package is then offered). Family
/// names compare without case and surrounding spaces.
pub fn choose_schedule(
    schedules: &[ScheduleKey],
    fuel_type: FuelType,
    model_family: Option<&str>,
) -> Option<i64> {
    let family = model_family.map(str::trim).filter(|f| !f.is_empty());
    let same_family = |s: &&ScheduleKey| match (&s.model_family, family) {
        (Some(a), Some(b)) => a.trim().eq_ignore_ascii_case(b),
        _ => false,
    };
    let of_fuel = || schedules.iter().filter(|s| s.fuel_type == fuel_type);
    of_fuel()
        .find(same_family)
        .or_else(|| of_fuel().find(|s| s.model_family.is_none()))
        .map(|s| s.id)
}

/// How far before or after a package's mileage it counts as due.
pub const DUE_WINDOW_KM: u32 = 1_500;

/// A package due now: its index in the schedule, the odometer reading it belongs to
/// (the schedule repeats after its last entry) and whether it is free of charge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub index: usize,
    pub due_km: u32,
    pub free: bool,
}

/// The package due at `mileage_km`, given the schedule's `(km, free)` entries sorted by
/// km. Free packages are free only in the first round of the schedule; a reading
/// between two windows has nothing due.
pub fn due_package(schedule: &[(u32, bool)], mileage_km: u32) -> Option<Due> {
    due_package_after(schedule, mileage_km, None)
}

/// [`due_package`] for a car whose history shows the package of `done_km` done: that
/// package and every earlier one are not due again (a car serviced at 10,000 km that
/// comes back at 10,800 is not offered the 10,000 km package twice).
pub fn due_package_after(
    schedule: &[(u32, bool)],
    mileage_km: u32,
    done_km: Option<u32>,
) -> Option<Due> {
    let cycle = schedule.last()?.0;
    if cycle == 0 {
        return None;
    }
    // Check the round the reading is in and the next one (a reading just under a round's
    // end is due the next round's first package only when that is within the window).
    let round = mileage_km / cycle;
    (round.saturating_sub(1)..=round + 1)
        .flat_map(|r| {
            schedule
                .iter()
                .enumerate()
                .map(move |(index, &(km, free))| (index, r * cycle + km, free && r == 0))
        })
        .filter(|&(_, due_km, _)| due_km.abs_diff(mileage_km) <= DUE_WINDOW_KM)
        .filter(|&(_, due_km, _)| done_km.is_none_or(|done| due_km > done))
        .min_by_key(|&(_, due_km, _)| due_km.abs_diff(mileage_km))
        .map(|(index, due_km, free)| Due {
            index,
            due_km,
            free,
        })
}

/// The schedule entry of the package that falls due at `due_km` (the schedule repeats
/// after its last entry: the 50,000 km package of a 40,000 km cycle is its 10,000 km
/// one); `None` when no entry falls due there.
pub fn package_at(schedule: &[(u32, bool)], due_km: u32) -> Option<usize> {
    let cycle = schedule.last()?.0;
    if cycle == 0 {
        return None;
    }
    schedule
        .iter()
        .position(|&(km, _)| due_km >= km && (due_km - km).is_multiple_of(cycle))
}

/// The next package after `mileage_km` (for "nothing due now; next at 30,000 km").
pub fn next_due_km(schedule: &[(u32, bool)], mileage_km: u32) -> Option<u32> {
    let cycle = schedule.last()?.0;
    if cycle == 0 {
        return None;
    }
    let round = mileage_km / cycle;
    (round..=round + 1)
        .flat_map(|r| schedule.iter().map(move |&(km, _)| r * cycle + km))
        .find(|&km| km > mileage_km)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEDULE: [(u32, bool); 6] = [
        (5_000, true),
        (10_000, false),
        (15_000, false),
        (20_000, false),
        (30_000, false),
        (40_000, false),
    ];

    fn due(km: u32) -> Option<(u32, bool)> {
        due_package(&SCHEDULE, km).map(|d| (d.due_km, d.free))
    }

    #[test]
    fn just_before_a_package_is_due_that_package() {
        assert_eq!(due(19_800), Some((20_000, false)));
        assert_eq!(due(4_900), Some((5_000, true)));
    }

    #[test]
    fn just_past_a_package_is_still_due_it() {
        assert_eq!(due(20_300), Some((20_000, false)));
        assert_eq!(due(5_120), Some((5_000, true)));
    }

    #[test]
    fn between_windows_nothing_is_due_and_the_next_is_named() {
        assert_eq!(due(25_000), None);
        assert_eq!(next_due_km(&SCHEDULE, 25_000), Some(30_000));
        assert_eq!(due(1_000), None);
    }

    #[test]
    fn the_schedule_repeats_and_the_free_first_service_does_not() {
        assert_eq!(due(44_900), Some((45_000, false)));
        assert_eq!(due(49_000), Some((50_000, false)));
        assert_eq!(due(79_700), Some((80_000, false)));
        assert_eq!(due_package(&SCHEDULE, 79_700).map(|d| d.index), Some(5));
    }

    fn key(id: i64, fuel_type: FuelType, family: Option<&str>) -> ScheduleKey {
        ScheduleKey {
            id,
            fuel_type,
            model_family: family.map(str::to_string),
        }
    }

    #[test]
    fn a_car_follows_its_family_schedule_else_its_fuel_default() {
        let schedules = [
            key(1, FuelType::Petrol, None),
            key(2, FuelType::Electric, None),
            key(3, FuelType::Hybrid, None),
            key(4, FuelType::Electric, Some("Han")),
        ];
        assert_eq!(
            choose_schedule(&schedules, FuelType::Electric, Some(" han ")),
            Some(4)
        );
        assert_eq!(
            choose_schedule(&schedules, FuelType::Electric, Some("Seal")),
            Some(2)
        );
        assert_eq!(
            choose_schedule(&schedules, FuelType::Electric, None),
            Some(2)
        );
        assert_eq!(
            choose_schedule(&schedules, FuelType::Hybrid, Some("Han")),
            Some(3)
        );
        assert_eq!(
            choose_schedule(&schedules, FuelType::Petrol, Some("")),
            Some(1)
        );
    }

    #[test]
    fn a_family_schedule_of_another_fuel_is_not_borrowed() {
        let schedules = [key(4, FuelType::Electric, Some("Han"))];
        assert_eq!(
            choose_schedule(&schedules, FuelType::Petrol, Some("Han")),
            None
        );
        assert_eq!(choose_schedule(&schedules, FuelType::Petrol, None), None);
    }

    #[test]
    fn fuel_types_keep_their_wire_words() {
        for f in FuelType::ALL {
            assert_eq!(FuelType::try_from(f.as_str().to_string()), Ok(f));
        }
        assert!(FuelType::try_from("diesel".to_string()).is_err());
    }

    #[test]
    fn an_empty_schedule_has_nothing_due() {
        assert_eq!(due_package(&[], 10_000), None);
    }

    #[test]
    fn a_package_is_found_by_the_kilometres_it_falls_due_at() {
        assert_eq!(package_at(&SCHEDULE, 20_000), Some(3));
        // The second round: 50,000 km is the 10,000 km package again.
        assert_eq!(package_at(&SCHEDULE, 50_000), package_at(&SCHEDULE, 10_000));
        assert_eq!(package_at(&SCHEDULE, 12_345), None);
        assert_eq!(package_at(&[], 10_000), None);
    }

    #[test]
    fn a_package_done_is_not_due_again() {
        // Serviced with the 10,000 km package; back at 10,800 km.
        assert_eq!(
            due_package(&SCHEDULE, 10_800).map(|d| d.due_km),
            Some(10_000)
        );
        assert_eq!(due_package_after(&SCHEDULE, 10_800, Some(10_000)), None);
        // At 14,000 the 15,000 km package is due, history or not.
        assert_eq!(
            due_package_after(&SCHEDULE, 14_000, Some(10_000)).map(|d| d.due_km),
            Some(15_000)
        );
        // An older package done leaves the current one due.
        assert_eq!(
            due_package_after(&SCHEDULE, 10_800, Some(5_000)).map(|d| d.due_km),
            Some(10_000)
        );
        assert_eq!(next_due_km(&[], 10_000), None);
    }
}
