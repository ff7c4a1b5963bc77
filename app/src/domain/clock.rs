//! The store's clock: the dealership's own UTC offset (a setting, `PITWALL_TZ`, default
//! China Standard Time, UTC+8) whatever the zone of the server or the device showing a
//! screen. The offset is set once at start (the server from its configuration, the
//! browser from the page it was served) and read by every date and time shown or bucketed.

use std::sync::atomic::{AtomicI32, Ordering};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, Offset, Utc};

/// The default store zone, in seconds east of UTC: UTC+8.
pub const DEFAULT_STORE_OFFSET_SECS: i32 = 8 * 3600;

static STORE_OFFSET_SECS: AtomicI32 = AtomicI32::new(DEFAULT_STORE_OFFSET_SECS);

/// Sets the store's zone for this process (the server at start, the browser at hydration).
pub fn set_store_zone(zone: FixedOffset) {
    STORE_OFFSET_SECS.store(zone.local_minus_utc(), Ordering::Relaxed);
}

/// The store's zone as a chrono offset.
pub fn store_zone() -> FixedOffset {
    let secs = STORE_OFFSET_SECS.load(Ordering::Relaxed);
    // Always valid: only `set_store_zone` writes it, from an offset.
    FixedOffset::east_opt(secs).unwrap_or_else(|| Utc.fix())
}

/// The store's wall clock at `at`.
pub fn to_store_local(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&store_zone()).naive_local()
}

/// The instant of a wall-clock time in the store (a fixed offset: never ambiguous).
pub fn from_store_local(local: NaiveDateTime) -> DateTime<Utc> {
    local.and_utc() - Duration::seconds(i64::from(store_zone().local_minus_utc()))
}

/// The store's calendar date at `at`.
pub fn store_date(at: DateTime<Utc>) -> NaiveDate {
    to_store_local(at).date()
}

/// "14:05" in the store's time zone.
pub fn store_clock(at: DateTime<Utc>) -> String {
    to_store_local(at).format("%H:%M").to_string()
}

/// A UTC offset as written in `PITWALL_TZ`: `+08:00`, `+0800`, `+08`, `-05:30`, `Z` or
/// `UTC`; at most ±14:00 (the widest offset in use). The error says what is accepted.
pub fn parse_utc_offset(text: &str) -> Result<FixedOffset, String> {
    let refuse = || {
        format!(
            "{text:?} is not a UTC offset: write it as +08:00 or -05:30 (a zone name such \
             as Asia/Shanghai is not accepted: the store keeps one fixed offset)"
        )
    };
    let t = text.trim();
    if t.eq_ignore_ascii_case("z") || t.eq_ignore_ascii_case("utc") {
        return FixedOffset::east_opt(0).ok_or_else(refuse);
    }
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'+') => (1, &t[1..]),
        Some(b'-') => (-1, &t[1..]),
        _ => return Err(refuse()),
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    let colons = rest.matches(':').count();
    let well_formed = rest.chars().all(|c| c.is_ascii_digit() || c == ':')
        && match (rest.len(), colons) {
            (2, 0) | (4, 0) => true,
            (5, 1) => rest.as_bytes().get(2) == Some(&b':'),
            _ => false,
        };
    if !well_formed {
        return Err(refuse());
    }
    let hours: i32 = digits
        .get(0..2)
        .and_then(|h| h.parse().ok())
        .ok_or_else(refuse)?;
    let minutes: i32 = match digits.get(2..4) {
        Some(m) => m.parse().map_err(|_| refuse())?,
        None => 0,
    };
    if minutes >= 60 || hours * 60 + minutes > 14 * 60 {
        return Err(refuse());
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60)).ok_or_else(refuse)
}

/// An offset as `PITWALL_TZ` and the page carry it: `+08:00`.
pub fn format_utc_offset(zone: FixedOffset) -> String {
    zone.to_string()
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

    #[test]
    fn offsets_are_read_as_written_and_nonsense_refused() {
        let secs = |t: &str| parse_utc_offset(t).map(|z| z.local_minus_utc());
        assert_eq!(secs("+08:00"), Ok(8 * 3600));
        assert_eq!(secs("+0800"), Ok(8 * 3600));
        assert_eq!(secs("+08"), Ok(8 * 3600));
        assert_eq!(secs("-05:30"), Ok(-(5 * 3600 + 30 * 60)));
        assert_eq!(secs("UTC"), Ok(0));
        assert_eq!(secs("Z"), Ok(0));
        for bad in [
            "",
            "8",
            "08:00",
            "+8:00",
            "+08:0",
            "+25:00",
            "+14:30",
            "+08:60",
            "Asia/Shanghai",
            "+08:00x",
        ] {
            let e = parse_utc_offset(bad).expect_err(bad);
            assert!(
                e.contains("+08:00"),
                "{bad}: the message shows the form: {e}"
            );
        }
        assert_eq!(
            parse_utc_offset("+05:45").map(format_utc_offset).as_deref(),
            Ok("+05:45")
        );
    }

    #[test]
    fn a_round_trip_through_the_store_clock_is_exact() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 17, 30, 0).single();
        assert_eq!(at.map(|t| from_store_local(to_store_local(t))), at);
    }
}
