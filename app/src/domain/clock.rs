//! The store's clock: the dealership runs on China Standard Time (UTC+8) whatever the
//! zone of the server or the device showing a screen.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

pub const STORE_UTC_OFFSET_HOURS: i64 = 8;

/// The store's calendar date at `at`.
pub fn store_date(at: DateTime<Utc>) -> NaiveDate {
    (at + Duration::hours(STORE_UTC_OFFSET_HOURS)).date_naive()
}

/// "14:05" in the store's time zone.
pub fn store_clock(at: DateTime<Utc>) -> String {
    (at + Duration::hours(STORE_UTC_OFFSET_HOURS))
        .format("%H:%M")
        .to_string()
}

/// The store's zone as a chrono offset.
pub fn store_zone() -> Option<FixedOffset> {
    FixedOffset::east_opt(i32::try_from(STORE_UTC_OFFSET_HOURS * 3600).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn early_utc_morning_is_already_the_next_store_day() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 17, 30, 0).single();
        assert_eq!(at.map(store_date), NaiveDate::from_ymd_opt(2026, 11, 24));
        assert_eq!(at.map(store_clock).as_deref(), Some("01:30"));
    }
}
