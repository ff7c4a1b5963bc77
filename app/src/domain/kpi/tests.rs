use chrono::{Duration, TimeZone};

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `h:mi` store time (UTC+8) on the given day.
fn local(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, mi, 0).unwrap() - Duration::hours(8)
}

/// `h:mi` store time on a day of November 2026 (the 23rd is a Monday).
fn nov(d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    local(2026, 11, d, h, mi)
}

fn job(id: i64, customer_id: i64, delivered_at: DateTime<Utc>) -> DeliveredJob {
    DeliveredJob {
        id,
        customer_id,
        delivered_at,
        promised_at: delivered_at,
        ready_at: None,
        qc_first_pass: Some(true),
        is_return: false,
        checkin: None,
        stage_minutes: Vec::new(),
        follow_up: FollowUpFact::Pending,
    }
}

fn complaint(id: i64, opened_at: DateTime<Utc>, deadline: DateTime<Utc>) -> ComplaintFact {
    ComplaintFact {
        id,
        opened_at,
        deadline,
        resolved_at: None,
    }
}

/// The week of Monday 2026-11-23: seven jobs of five customers, customer 1 with two cars
/// and an older visit, customer 4 seen in October; one job just after midnight on the
/// Monday after; one in January.
fn facts() -> Facts {
    use FollowUpFact::*;
    use Verdict::*;
    let jobs = vec![
        DeliveredJob {
            promised_at: nov(23, 11, 0),
            ready_at: Some(nov(23, 9, 30)),
            checkin: Some((CheckinChannel::Kiosk, 90)),
            stage_minutes: vec![
                (Stage::CheckedIn, 10),
                (Stage::Queued, 20),
                (Stage::InService, 60),
                (Stage::QualityCheck, 10),
                (Stage::Ready, 30),
            ],
            follow_up: Reached(VerySatisfied),
            ..job(101, 1, nov(23, 10, 0))
        },
        DeliveredJob {
            promised_at: nov(24, 15, 0),
            ready_at: Some(nov(24, 15, 30)),
            qc_first_pass: Some(false),
            checkin: Some((CheckinChannel::Desk, 400)),
            stage_minutes: vec![
                (Stage::InService, 90),
                (Stage::Paused, 30),
                (Stage::InService, 30),
                (Stage::QualityCheck, 20),
                (Stage::Washing, 25),
            ],
            follow_up: Reached(Satisfied),
            ..job(102, 1, nov(24, 16, 0))
        },
        DeliveredJob {
            qc_first_pass: None,
            is_return: true,
            checkin: Some((CheckinChannel::Kiosk, 150)),
            stage_minutes: vec![(Stage::InService, 45)],
            follow_up: Reached(NotSatisfied),
            ..job(103, 2, nov(25, 12, 0))
        },
        DeliveredJob {
            promised_at: nov(26, 17, 30),
            ready_at: Some(nov(26, 17, 0)),
            follow_up: NoCalls,
            ..job(104, 3, nov(26, 18, 0))
        },
        DeliveredJob {
            follow_up: Unreachable,
            ..job(105, 4, nov(28, 9, 0))
        },
        // 23:59 on Sunday in the store is 15:59 UTC.
        DeliveredJob {
            follow_up: Declined,
            ..job(
                106,
                2,
                Utc.with_ymd_and_hms(2026, 11, 29, 15, 59, 0).unwrap(),
            )
        },
        job(107, 5, nov(29, 10, 0)),
        // 00:01 on Monday the 30th in the store is 16:01 UTC on Sunday.
        DeliveredJob {
            follow_up: Reached(VerySatisfied),
            ..job(
                108,
                6,
                Utc.with_ymd_and_hms(2026, 11, 29, 16, 1, 0).unwrap(),
            )
        },
        job(109, 2, local(2027, 1, 5, 11, 0)),
    ];
    let first_visits = BTreeMap::from([
        (1, local(2025, 6, 1, 10, 0)),
        (4, local(2026, 10, 2, 10, 0)),
    ]);
    let complaints = vec![
        ComplaintFact {
            resolved_at: Some(nov(24, 13, 30)),
            ..complaint(1, nov(23, 10, 0), nov(25, 10, 0))
        },
        ComplaintFact {
            resolved_at: Some(local(2026, 12, 2, 9, 0)),
            ..complaint(2, nov(24, 9, 0), nov(26, 9, 0))
        },
        complaint(3, nov(27, 12, 0), nov(29, 12, 0)),
        complaint(4, nov(28, 12, 0), local(2026, 12, 5, 12, 0)),
    ];
    let bay = |d: u32, labour_minutes: i64, available_minutes: i64| BayDay {
        date: date(2026, 11, d),
        labour_minutes,
        available_minutes,
    };
    Facts {
        jobs,
        first_visits,
        complaints,
        bay_days: vec![
            bay(23, 600, 960),
            bay(24, 300, 480),
            bay(24, 0, 0),
            bay(28, 0, 0),
            bay(29, 30, 0),
        ],
    }
}

/// "Now" for the figures: Thursday 2026-12-03, 12:00 in the store.
fn now() -> DateTime<Utc> {
    local(2026, 12, 3, 12, 0)
}

fn only(period: Period, d: NaiveDate) -> Measures {
    let mut all = by_period(period, d, d, &facts(), now());
    assert_eq!(all.len(), 1);
    all.remove(0)
}

fn ratio(num: u32, den: u32) -> Ratio {
    Ratio { num, den }
}

#[test]
fn periods_read_and_write_their_wire_strings() {
    for p in Period::ALL {
        assert_eq!(Period::parse(p.as_str()), Some(p));
        assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
    }
    for c in CheckinChannel::ALL {
        assert_eq!(CheckinChannel::parse(c.as_str()), Some(c));
        assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
    }
    assert_eq!(Period::parse("year"), None);
}

#[test]
fn weeks_start_on_monday_and_months_on_the_first() {
    let sunday = date(2026, 11, 29);
    assert_eq!(Period::Day.start_of(sunday), sunday);
    assert_eq!(Period::Week.start_of(sunday), date(2026, 11, 23));
    assert_eq!(
        Period::Week.start_of(date(2026, 11, 23)),
        date(2026, 11, 23)
    );
    assert_eq!(Period::Month.start_of(sunday), date(2026, 11, 1));
    assert_eq!(Period::Day.next(sunday), date(2026, 11, 30));
    assert_eq!(Period::Week.next(sunday), date(2026, 11, 30));
    assert_eq!(Period::Month.next(date(2026, 12, 31)), date(2027, 1, 1));
    assert_eq!(Period::Month.next(date(2027, 1, 31)), date(2027, 2, 1));
}

#[test]
fn ratios_round_to_the_nearest_per_mille_and_show_no_data_as_a_dash() {
    assert_eq!(ratio(7, 8).per_mille(), Some(875));
    assert_eq!(ratio(7, 8).percent_text(), "87.5%");
    assert_eq!(ratio(2, 3).percent_text(), "66.7%");
    assert_eq!(ratio(1, 2000).per_mille(), Some(1));
    assert_eq!(ratio(3, 3).percent_text(), "100%");
    assert_eq!(ratio(0, 3).percent_text(), "0%");
    assert_eq!(ratio(0, 0).per_mille(), None);
    assert_eq!(ratio(0, 0).percent_text(), "—");
}

#[test]
fn an_empty_period_has_no_data_rather_than_zero() {
    let all = by_period(
        Period::Day,
        date(2026, 11, 24),
        date(2026, 11, 24),
        &Facts::default(),
        now(),
    );
    assert_eq!(all.len(), 1);
    let m = &all[0];
    assert_eq!(m.period_start, date(2026, 11, 24));
    for f in [
        &m.follow_up,
        &m.satisfaction,
        &m.delight,
        &m.returning,
        &m.on_time,
        &m.qc_first_pass,
        &m.returns,
    ] {
        assert_eq!(f, &Figure::default());
        assert_eq!(f.ratio.per_mille(), None);
    }
    assert!(m.stage_minutes.iter().all(|s| s.minutes.mean().is_none()));
    assert!(m
        .checkin_seconds
        .iter()
        .all(|c| c.seconds.rounded().is_none()));
    assert_eq!(m.bay_utilisation.per_mille(), None);
    assert_eq!(m.complaints, Complaints::default());
}

#[test]
fn a_job_counts_on_its_store_day_not_its_utc_day() {
    let all = by_period(
        Period::Day,
        date(2026, 11, 29),
        date(2026, 11, 30),
        &facts(),
        now(),
    );
    let days: Vec<_> = all.iter().map(|m| m.period_start).collect();
    assert_eq!(days, [date(2026, 11, 29), date(2026, 11, 30)]);
    assert_eq!(all[0].returns.den_ids, [106, 107]);
    assert_eq!(all[1].returns.den_ids, [108]);
}

#[test]
fn the_week_adds_up_to_exact_figures() {
    // Asked for by its Sunday: the week starts six days before.
    let m = only(Period::Week, date(2026, 11, 29));
    assert_eq!(m.period_start, date(2026, 11, 23));

    // No calls (104) is left out; unreachable, declined and pending are not.
    assert_eq!(m.follow_up.ratio, ratio(3, 6));
    assert_eq!(m.follow_up.num_ids, [101, 102, 103]);
    assert_eq!(m.follow_up.den_ids, [101, 102, 103, 105, 106, 107]);
    assert_eq!(m.follow_up.ratio.percent_text(), "50%");

    assert_eq!(m.satisfaction.ratio, ratio(2, 3));
    assert_eq!(m.satisfaction.num_ids, [101, 102]);

    // Five customers: customer 1's two cars count once.
    assert_eq!(m.delight.ratio, ratio(1, 5));
    assert_eq!(m.delight.num_ids, [101]);
    assert_eq!(m.delight.den_ids, [101, 102, 103, 104, 105, 106, 107]);
    assert_eq!(m.returning.ratio, ratio(2, 5));
    assert_eq!(m.returning.num_ids, [101, 102, 105]);

    // 102 was ready after its promise; 103 has no ready time and left on the minute.
    assert_eq!(m.on_time.ratio, ratio(6, 7));
    assert_eq!(m.on_time.ratio.percent_text(), "85.7%");
    assert_eq!(m.on_time.den_ids.len(), 7);
    assert_eq!(m.qc_first_pass.ratio, ratio(5, 6));
    assert_eq!(m.qc_first_pass.num_ids, [101, 104, 105, 106, 107]);
    assert_eq!(m.returns.ratio, ratio(1, 7));
    assert_eq!(m.returns.num_ids, [103]);
}

#[test]
fn stage_and_check_in_times_average_the_jobs_that_had_them() {
    let m = only(Period::Week, date(2026, 11, 23));
    let stages: Vec<_> = m
        .stage_minutes
        .iter()
        .map(|s| (s.stage, s.minutes.rounded(), s.minutes.ids.clone()))
        .collect();
    assert_eq!(
        stages,
        [
            (Stage::CheckedIn, Some(10), vec![101]),
            (Stage::Queued, Some(20), vec![101]),
            // 102 was in service twice: 90 + 30.
            (Stage::InService, Some(75), vec![101, 102, 103]),
            (Stage::Paused, Some(30), vec![102]),
            (Stage::QualityCheck, Some(15), vec![101, 102]),
            (Stage::Washing, Some(25), vec![102]),
            (Stage::Ready, Some(30), vec![101]),
        ]
    );
    let checkin: Vec<_> = m
        .checkin_seconds
        .iter()
        .map(|c| (c.channel, c.seconds.mean(), c.seconds.ids.clone()))
        .collect();
    assert_eq!(
        checkin,
        [
            (CheckinChannel::Kiosk, Some(120.0), vec![101, 103]),
            (CheckinChannel::Desk, Some(400.0), vec![102]),
        ]
    );
}

#[test]
fn a_returning_customer_is_one_seen_before_the_period() {
    // Monday: customer 1's first car, returning on their 2025 visit.
    let monday = only(Period::Day, date(2026, 11, 23));
    assert_eq!(monday.returning.ratio, ratio(1, 1));
    // Sunday: customer 2 came back from Wednesday; customer 5 is new.
    let sunday = only(Period::Day, date(2026, 11, 29));
    assert_eq!(sunday.returning.ratio, ratio(1, 2));
    assert_eq!(sunday.returning.num_ids, [106]);
    // Customer 2 in January, on their November visits alone.
    let january = only(Period::Month, date(2027, 1, 20));
    assert_eq!(january.returning.ratio, ratio(1, 1));
}

#[test]
fn months_run_from_the_first_with_empty_months_in_place() {
    let all = by_period(
        Period::Month,
        date(2026, 11, 15),
        date(2027, 1, 10),
        &facts(),
        now(),
    );
    let starts: Vec<_> = all.iter().map(|m| m.period_start).collect();
    assert_eq!(
        starts,
        [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)]
    );
    assert_eq!(all[0].returns.ratio, ratio(1, 8));
    assert_eq!(all[0].delight.ratio, ratio(2, 6));
    assert_eq!(all[1].returns.ratio.per_mille(), None);
    assert_eq!(all[1].follow_up.ratio.percent_text(), "—");
    assert_eq!(all[2].returns.den_ids, [109]);
    assert!(by_period(
        Period::Day,
        date(2026, 11, 2),
        date(2026, 11, 1),
        &facts(),
        now()
    )
    .is_empty());
}

#[test]
fn complaints_are_overdue_at_the_period_end_or_now() {
    let week = only(Period::Week, date(2026, 11, 23));
    assert_eq!(week.complaints.opened, [1, 2, 3, 4]);
    assert_eq!(week.complaints.resolved, [1]);
    // 2 and 3 were open past their deadline on Sunday night; 4's deadline is in December.
    assert_eq!(week.complaints.overdue, [2, 3]);
    // 1 took 27 h 30 min, inside its deadline.
    assert_eq!(week.complaints.minutes_to_resolve.rounded(), Some(1650));

    // The current week is judged at noon on Thursday: 2 was resolved on Wednesday.
    let current = only(Period::Week, date(2026, 12, 3));
    assert_eq!(current.complaints.opened, Vec::<i64>::new());
    assert_eq!(current.complaints.resolved, [2]);
    assert_eq!(current.complaints.overdue, [3]);
    assert_eq!(
        current.complaints.minutes_to_resolve.mean(),
        Some(8.0 * 24.0 * 60.0)
    );

    // Overdue from the day its deadline passed, never in a period not yet begun.
    assert_eq!(
        only(Period::Day, date(2026, 11, 25)).complaints.overdue,
        Vec::<i64>::new()
    );
    assert_eq!(
        only(Period::Day, date(2026, 11, 26)).complaints.overdue,
        [2]
    );
    assert_eq!(
        only(Period::Week, date(2026, 12, 7)).complaints.overdue,
        Vec::<i64>::new()
    );
}

#[test]
fn bay_utilisation_sums_the_store_days_and_needs_open_bays() {
    let week = only(Period::Week, date(2026, 11, 23));
    assert_eq!(week.bay_utilisation, ratio(930, 1440));
    assert_eq!(week.bay_utilisation.percent_text(), "64.6%");
    assert_eq!(
        only(Period::Day, date(2026, 11, 24)).bay_utilisation,
        ratio(300, 480)
    );
    // Labour clocked on a day with no bay hours is no data, not a division by zero.
    assert_eq!(
        only(Period::Day, date(2026, 11, 29))
            .bay_utilisation
            .per_mille(),
        None
    );
    assert_eq!(
        only(Period::Day, date(2026, 11, 28))
            .bay_utilisation
            .per_mille(),
        None
    );
}
