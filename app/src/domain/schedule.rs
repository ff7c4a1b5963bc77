//! The maintenance schedule: which package is due at an odometer reading. The schedule
//! itself is data (the store edits it); this only decides which entry applies.

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
        .min_by_key(|&(_, due_km, _)| due_km.abs_diff(mileage_km))
        .map(|(index, due_km, free)| Due {
            index,
            due_km,
            free,
        })
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

    #[test]
    fn an_empty_schedule_has_nothing_due() {
        assert_eq!(due_package(&[], 10_000), None);
        assert_eq!(next_due_km(&[], 10_000), None);
    }
}
