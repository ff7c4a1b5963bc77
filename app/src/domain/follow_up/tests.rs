//! Tests of follow-up due windows and call recording (store zone UTC+8, the default).

use chrono::{Duration, NaiveDate, Weekday};

use super::*;
use crate::domain::{store_clock, to_store_local};

/// The instant of a store-local wall-clock time.
fn store(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    let local = NaiveDate::from_ymd_opt(y, mo, d)
        .and_then(|day| day.and_hms_opt(h, mi, s))
        .expect("valid store time");
    from_store_local(local)
}

fn findings(satisfaction: Satisfaction, fault_fixed: FaultFixed) -> CallFindings {
    CallFindings {
        satisfaction,
        fault_fixed,
        comments: String::new(),
        reminder_consent: true,
    }
}

fn reached(
    contact: u8,
    f: &CallFindings,
) -> Result<(Attempt, Option<CallFindings>), FollowUpError> {
    record_attempt(TaskState::Open, 0, contact, CallOutcome::Reached, Some(f))
}

#[test]
fn a_monday_delivery_is_called_from_tuesday_to_thursday_night() {
    use chrono::Datelike;
    let delivered = store(2026, 11, 23, 16, 0, 0);
    assert_eq!(store_date(delivered).weekday(), Weekday::Mon);
    let due = first_call_due(delivered, CallTime::Afternoon).expect("calls wanted");
    assert_eq!(due.from, store(2026, 11, 24, 14, 0, 0));
    assert_eq!(due.by, store(2026, 11, 26, 23, 59, 59));
    assert_eq!(store_date(due.by).weekday(), Weekday::Thu);
    // In UTC the store's Thursday night is Thursday afternoon.
    assert_eq!(due.by.to_rfc3339(), "2026-11-26T15:59:59+00:00");
    for (call_time, clock) in [
        (CallTime::Morning, "09:00"),
        (CallTime::Afternoon, "14:00"),
        (CallTime::Evening, "18:30"),
    ] {
        let due = first_call_due(delivered, call_time).expect("calls wanted");
        assert_eq!(store_clock(due.from), clock);
        assert_eq!(store_date(due.from).weekday(), Weekday::Tue);
        assert_eq!(due.by, store(2026, 11, 26, 23, 59, 59));
    }
}

#[test]
fn the_store_day_of_the_delivery_counts_not_the_utc_day() {
    // 23:50 store time on Dec 1 is Dec 1 (15:50 UTC); 00:10 on Dec 2 is Dec 2, though
    // it is still Dec 1 in UTC.
    let late = first_call_due(store(2026, 12, 1, 23, 50, 0), CallTime::Morning);
    let early = first_call_due(store(2026, 12, 2, 0, 10, 0), CallTime::Morning);
    assert_eq!(
        late.map(|d| (d.from, d.by)),
        Some((store(2026, 12, 2, 9, 0, 0), store(2026, 12, 4, 23, 59, 59)))
    );
    assert_eq!(
        early.map(|d| (d.from, d.by)),
        Some((store(2026, 12, 3, 9, 0, 0), store(2026, 12, 5, 23, 59, 59)))
    );
    assert_eq!(
        store(2026, 12, 2, 0, 10, 0).to_rfc3339(),
        "2026-12-01T16:10:00+00:00"
    );
}

#[test]
fn the_last_second_of_the_third_day_is_on_time_and_the_next_is_late() {
    let due = first_call_due(store(2026, 11, 23, 16, 0, 0), CallTime::Evening).expect("due");
    let last = store(2026, 11, 26, 23, 59, 59);
    let next = store(2026, 11, 27, 0, 0, 0);
    assert!(on_time(&due, last));
    assert!(!is_overdue(&due, last));
    assert!(!on_time(&due, next));
    assert!(is_overdue(&due, next));
    // A call before the window (the customer rang back early) still keeps the promise.
    assert!(on_time(&due, store(2026, 11, 23, 18, 0, 0)));
}

#[test]
fn a_customer_who_wants_no_calls_gets_no_task() {
    assert_eq!(CallTime::NoCalls.window(), None);
    assert_eq!(
        first_call_due(store(2026, 11, 23, 16, 0, 0), CallTime::NoCalls),
        None
    );
}

#[test]
fn windows_are_ordered_and_inside_the_day() {
    for call_time in CallTime::ALL {
        if let Some((start, end)) = call_time.window() {
            assert!(start < end, "{call_time:?}");
        }
    }
    let spans: Vec<_> = CallTime::ALL.iter().filter_map(|c| c.window()).collect();
    assert!(
        spans.windows(2).all(|w| w[0].1 <= w[1].0),
        "windows do not overlap"
    );
}

#[test]
fn a_second_contact_opens_a_week_after_the_first_call() {
    let call = store(2026, 11, 25, 19, 5, 0);
    let due = second_contact_due(call, CallTime::Evening);
    assert_eq!(due.from, store(2026, 12, 2, 18, 30, 0));
    assert_eq!(due.by, store(2026, 12, 4, 23, 59, 59));
    // Without a preferred window (the customer asked for no routine calls, but has a
    // complaint to hear back about), from 09:00.
    let due = second_contact_due(call, CallTime::NoCalls);
    assert_eq!(due.from, store(2026, 12, 2, 9, 0, 0));
    // The call's store day counts: 00:30 on Nov 26 is Nov 26 (UTC: Nov 25).
    let due = second_contact_due(store(2026, 11, 26, 0, 30, 0), CallTime::Morning);
    assert_eq!(due.from, store(2026, 12, 3, 9, 0, 0));
    assert_eq!(to_store_local(due.by).to_string(), "2026-12-05 23:59:59");
    assert_eq!(
        due.by - due.from,
        Duration::days(2) + Duration::seconds(15 * 3600 - 1)
    );
}

#[test]
fn three_unanswered_calls_close_the_task_as_unreachable() {
    let (first, none) =
        record_attempt(TaskState::Open, 0, 1, CallOutcome::NotReached, None).expect("first");
    assert_eq!(
        (first.state, first.attempts, none),
        (TaskState::Open, 1, None)
    );
    let (second, _) = record_attempt(
        first.state,
        first.attempts,
        1,
        CallOutcome::NotReached,
        None,
    )
    .expect("second");
    assert_eq!((second.state, second.attempts), (TaskState::Open, 2));
    let (third, _) = record_attempt(
        second.state,
        second.attempts,
        1,
        CallOutcome::NotReached,
        None,
    )
    .expect("third");
    assert_eq!(
        third,
        Attempt {
            state: TaskState::Unreachable,
            attempts: MAX_ATTEMPTS,
            complaint: false,
            fault_not_fixed: false,
            second_contact: false,
        }
    );
    assert!(third.state.is_closed());
    let fourth = record_attempt(
        third.state,
        third.attempts,
        1,
        CallOutcome::NotReached,
        None,
    );
    assert_eq!(fourth, Err(FollowUpError::Closed));
    assert_eq!(FollowUpError::Closed.field(), "state");
}

#[test]
fn an_unanswered_call_has_no_answers() {
    let f = findings(Satisfaction::Satisfied, FaultFixed::Yes);
    for outcome in [CallOutcome::NotReached, CallOutcome::Declined] {
        let refused = record_attempt(TaskState::Open, 0, 1, outcome, Some(&f));
        assert_eq!(refused, Err(FollowUpError::FindingsUnexpected));
    }
    assert_eq!(FollowUpError::FindingsUnexpected.field(), "findings");
}

#[test]
fn a_declined_call_closes_the_task() {
    let (attempt, none) =
        record_attempt(TaskState::Open, 1, 1, CallOutcome::Declined, None).expect("declined");
    assert_eq!(
        (attempt.state, attempt.attempts, none),
        (TaskState::Declined, 2, None)
    );
    assert!(!attempt.complaint && !attempt.second_contact);
    assert!(TaskState::Declined.is_closed());
    let again = record_attempt(
        attempt.state,
        attempt.attempts,
        1,
        CallOutcome::Reached,
        None,
    );
    assert_eq!(again, Err(FollowUpError::Closed));
}

#[test]
fn a_reached_call_needs_answers_and_closes_the_task_done() {
    let missing = record_attempt(TaskState::Open, 0, 1, CallOutcome::Reached, None);
    assert_eq!(missing, Err(FollowUpError::FindingsMissing));
    assert_eq!(FollowUpError::FindingsMissing.field(), "findings");

    let happy = findings(Satisfaction::VerySatisfied, FaultFixed::Yes);
    let (attempt, kept) = reached(1, &happy).expect("reached");
    assert_eq!(
        attempt,
        Attempt {
            state: TaskState::Done,
            attempts: 1,
            complaint: false,
            fault_not_fixed: false,
            second_contact: false,
        }
    );
    assert_eq!(kept, Some(happy));
    assert!(TaskState::Done.is_closed() && !TaskState::Open.is_closed());
}

#[test]
fn each_kind_of_problem_is_a_complaint() {
    // (satisfaction, fault fixed) → (complaint, fault not fixed)
    let cases = [
        (
            Satisfaction::Satisfied,
            FaultFixed::NotApplicable,
            false,
            false,
        ),
        (Satisfaction::Neutral, FaultFixed::Yes, false, false),
        (Satisfaction::Dissatisfied, FaultFixed::Yes, true, false),
        (
            Satisfaction::Dissatisfied,
            FaultFixed::NotApplicable,
            true,
            false,
        ),
        (Satisfaction::Satisfied, FaultFixed::No, true, true),
        (Satisfaction::Dissatisfied, FaultFixed::No, true, true),
    ];
    for (satisfaction, fault_fixed, complaint, not_fixed) in cases {
        let (attempt, _) = reached(1, &findings(satisfaction, fault_fixed)).expect("reached");
        assert_eq!(
            (attempt.complaint, attempt.fault_not_fixed),
            (complaint, not_fixed),
            "{satisfaction:?} {fault_fixed:?}"
        );
        assert_eq!(attempt.second_contact, complaint);
    }
}

#[test]
fn only_the_first_contact_asks_for_a_second() {
    let unhappy = findings(Satisfaction::Dissatisfied, FaultFixed::No);
    let (first, _) = reached(1, &unhappy).expect("first contact");
    assert!(first.complaint && first.second_contact);
    let (second, _) = reached(2, &unhappy).expect("second contact");
    assert!(second.complaint && !second.second_contact);
}

#[test]
fn comments_are_cleaned_and_bidi_refused() {
    let mut f = findings(Satisfaction::Satisfied, FaultFixed::Yes);
    f.comments = "  刹车\u{200B}很好，\n谢谢  ".into();
    let (_, kept) = reached(1, &f).expect("clean comments");
    assert_eq!(
        kept.map(|k| k.comments).as_deref(),
        Some("刹车很好，\n谢谢")
    );

    f.comments = "fine \u{202E}dlrow".into();
    let refused = reached(1, &f);
    assert_eq!(refused, Err(FollowUpError::Comments(TextError::Bidi)));
    let e = FollowUpError::Comments(TextError::Bidi);
    assert_eq!(e.field(), "comments");
    assert!(e.to_string().contains("text-direction"));

    f.comments = "好".repeat(COMMENTS_MAX + 1);
    let too_long = reached(1, &f);
    assert_eq!(
        too_long,
        Err(FollowUpError::Comments(TextError::TooLong {
            max: COMMENTS_MAX
        }))
    );
}

#[test]
fn errors_read_as_sentences() {
    for e in [
        FollowUpError::Closed,
        FollowUpError::FindingsMissing,
        FollowUpError::FindingsUnexpected,
        FollowUpError::Comments(TextError::Control),
    ] {
        let text = e.to_string();
        assert!(text.ends_with('.'), "{text}");
        assert!(text.starts_with(char::is_uppercase), "{text}");
    }
}

#[test]
fn satisfied_means_satisfied_or_better() {
    let satisfied: Vec<_> = Satisfaction::ALL
        .into_iter()
        .filter(|s| s.is_satisfied())
        .collect();
    assert_eq!(
        satisfied,
        [Satisfaction::VerySatisfied, Satisfaction::Satisfied]
    );
}

#[test]
fn wire_strings_round_trip() -> Result<(), serde_json::Error> {
    fn check<T>(all: &[T], as_str: fn(T) -> &'static str, parse: fn(&str) -> Option<T>)
    where
        T: Copy + PartialEq + std::fmt::Debug + Serialize + for<'de> Deserialize<'de>,
    {
        for &v in all {
            let json = serde_json::to_string(&v).expect("serialize");
            assert_eq!(json, format!("\"{}\"", as_str(v)));
            assert_eq!(serde_json::from_str::<T>(&json).ok(), Some(v));
            assert_eq!(parse(as_str(v)), Some(v));
        }
        assert_eq!(parse("Nonsense"), None);
    }
    check(&CallTime::ALL, CallTime::as_str, CallTime::parse);
    check(
        &Satisfaction::ALL,
        Satisfaction::as_str,
        Satisfaction::parse,
    );
    check(&FaultFixed::ALL, FaultFixed::as_str, FaultFixed::parse);
    check(&CallOutcome::ALL, CallOutcome::as_str, CallOutcome::parse);
    check(&TaskState::ALL, TaskState::as_str, TaskState::parse);
    assert_eq!(CallTime::NoCalls.as_str(), "no_calls");
    assert_eq!(FaultFixed::NotApplicable.as_str(), "not_applicable");

    let f = findings(Satisfaction::VerySatisfied, FaultFixed::NotApplicable);
    let json = serde_json::to_value(&f)?;
    assert_eq!(json["satisfaction"], "very_satisfied");
    assert_eq!(json["fault_fixed"], "not_applicable");
    assert_eq!(serde_json::from_value::<CallFindings>(json)?, f);

    let due = second_contact_due(store(2026, 11, 25, 10, 0, 0), CallTime::Morning);
    let json = serde_json::to_value(due)?;
    assert_eq!(json["from"], "2026-12-02T01:00:00Z");
    assert_eq!(serde_json::from_value::<DueWindow>(json)?, due);
    Ok(())
}
