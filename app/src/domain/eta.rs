//! When a car will be ready: standard minutes laid onto the workshop's opening hours,
//! behind the work already queued ahead of it. The kiosk's promised time and the live
//! ETA both come from here.

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::clock::{from_store_local, to_store_local};

/// The workshop's hours (store time). Work does not run outside them.
pub const OPENS: (u32, u32) = (8, 30);
pub const CLOSES: (u32, u32) = (18, 0);
/// Reception to bay: keys, order and car handed to the foreman.
pub const HANDOVER_MINUTES: u32 = 15;
/// Team check and final QC after the work.
pub const CHECKS_MINUTES: u32 = 15;
pub const WASH_MINUTES: u32 = 20;
/// A part not in stock comes from the regional warehouse with the next working
/// day's first delivery, this long after opening.
pub const PARTS_DELIVERY_AFTER_OPENING_MINUTES: u32 = 60;

/// What decides when a car is ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Workload {
    /// Standard minutes of the work queued ahead of it at its bay.
    pub ahead_minutes: u32,
    /// Its own remaining standard minutes.
    pub own_minutes: u32,
    pub wash: bool,
    /// A part it needs is out of stock.
    pub parts_short: bool,
}

fn to_local(at: DateTime<Utc>) -> chrono::NaiveDateTime {
    to_store_local(at)
}

fn to_utc(local: chrono::NaiveDateTime) -> DateTime<Utc> {
    from_store_local(local)
}

fn time(hm: (u32, u32)) -> NaiveTime {
    NaiveTime::from_hms_opt(hm.0, hm.1, 0).unwrap_or(NaiveTime::MIN)
}

/// `from` plus `minutes` of working time: work stops at closing and goes on at the next
/// opening.
pub fn add_working_minutes(from: DateTime<Utc>, minutes: u32) -> DateTime<Utc> {
    let (opens, closes) = (time(OPENS), time(CLOSES));
    let mut at = to_local(from);
    let mut left = i64::from(minutes);
    // Bounded: each pass uses up a working day or finishes.
    for _ in 0..=(left / 60 + 2) {
        if at.time() < opens {
            at = at.date().and_time(opens);
        } else if at.time() >= closes {
            at = (at.date() + Duration::days(1)).and_time(opens);
        }
        let today_left = (at.date().and_time(closes) - at).num_minutes();
        if left <= today_left {
            return round_up_to_five(to_utc(at + Duration::minutes(left)));
        }
        left -= today_left;
        at = (at.date() + Duration::days(1)).and_time(opens);
    }
    round_up_to_five(to_utc(at + Duration::minutes(left)))
}

/// When parts ordered now arrive: with the first delivery of the next opening (this
/// morning's, if the workshop has not opened yet).
pub fn parts_arrival(now: DateTime<Utc>) -> DateTime<Utc> {
    let local = to_local(now);
    let day = if local.time() < time(OPENS) {
        local.date()
    } else {
        local.date() + Duration::days(1)
    };
    delivery_arrival(day)
}

/// When a delivery expected on `day` (store date) is on the shelf: that morning's
/// delivery, this long after opening.
pub fn delivery_arrival(day: chrono::NaiveDate) -> DateTime<Utc> {
    let opening = day.and_time(time(OPENS));
    to_utc(opening + Duration::minutes(i64::from(PARTS_DELIVERY_AFTER_OPENING_MINUTES)))
}

/// When the car will be ready, starting from `now`.
pub fn ready_at(now: DateTime<Utc>, work: Workload) -> DateTime<Utc> {
    let mut start = add_working_minutes(now, HANDOVER_MINUTES.saturating_add(work.ahead_minutes));
    if work.parts_short {
        start = start.max(parts_arrival(now));
    }
    let wash = if work.wash { WASH_MINUTES } else { 0 };
    add_working_minutes(
        start,
        work.own_minutes
            .saturating_add(CHECKS_MINUTES)
            .saturating_add(wash),
    )
}

fn round_up_to_five(at: DateTime<Utc>) -> DateTime<Utc> {
    let secs = at.timestamp();
    let step = 300;
    let rounded = (secs + step - 1).div_euclid(step) * step;
    DateTime::from_timestamp(rounded, 0).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::store_clock;
    use chrono::TimeZone;

    /// `h:m` store time on 2026-11-24 (UTC+8).
    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, h, m, 0)
            .single()
            .map(|t| t - Duration::hours(8))
            .unwrap_or_default()
    }

    fn day_and_clock(t: DateTime<Utc>) -> (u32, String) {
        use chrono::Datelike;
        (crate::domain::store_date(t).day(), store_clock(t))
    }

    #[test]
    fn an_empty_workshop_promises_handover_work_and_checks() {
        let work = Workload {
            own_minutes: 30,
            ..Workload::default()
        };
        assert_eq!(
            day_and_clock(ready_at(at(10, 0), work)),
            (24, "11:00".into())
        );
    }

    #[test]
    fn work_queued_ahead_and_a_wash_push_the_time_back() {
        let work = Workload {
            ahead_minutes: 90,
            own_minutes: 30,
            wash: true,
            parts_short: false,
        };
        assert_eq!(
            day_and_clock(ready_at(at(10, 0), work)),
            (24, "12:50".into())
        );
    }

    #[test]
    fn work_past_closing_continues_next_morning() {
        let work = Workload {
            own_minutes: 120,
            ..Workload::default()
        };
        // 16:40 + 15 handover = 16:55; 65 min today, 55 + 15 checks tomorrow from 08:30.
        assert_eq!(
            day_and_clock(ready_at(at(16, 40), work)),
            (25, "09:40".into())
        );
    }

    #[test]
    fn arriving_before_opening_starts_at_opening() {
        assert_eq!(
            day_and_clock(add_working_minutes(at(7, 0), 30)),
            (24, "09:00".into())
        );
    }

    #[test]
    fn a_part_out_of_stock_waits_for_the_next_delivery() {
        let work = Workload {
            own_minutes: 60,
            parts_short: true,
            ..Workload::default()
        };
        // Parts at 09:30 the next day, then 60 + 15 minutes.
        assert_eq!(
            day_and_clock(ready_at(at(10, 0), work)),
            (25, "10:45".into())
        );
    }

    #[test]
    fn parts_ordered_before_opening_come_that_morning() {
        assert_eq!(day_and_clock(parts_arrival(at(7, 0))), (24, "09:30".into()));
        assert_eq!(
            day_and_clock(parts_arrival(at(8, 30))),
            (25, "09:30".into())
        );
    }

    #[test]
    fn times_round_up_to_five_minutes() {
        assert_eq!(
            day_and_clock(add_working_minutes(at(10, 1), 0)),
            (24, "10:05".into())
        );
    }
}
