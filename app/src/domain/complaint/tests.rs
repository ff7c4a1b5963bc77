//! Tests of complaint ownership, deadlines, escalation and resolution checks.

use chrono::{NaiveDate, TimeZone};

use super::*;

fn utc(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, m, 0)
        .single()
        .expect("valid instant")
}

fn second() -> Duration {
    Duration::seconds(1)
}

#[test]
fn the_chain_runs_from_the_agent_to_the_manager() {
    assert_eq!(next_owner(Role::FollowUpAgent), Some(Role::Advisor));
    assert_eq!(next_owner(Role::Advisor), Some(Role::ReceptionSupervisor));
    assert_eq!(next_owner(Role::ReceptionSupervisor), Some(Role::Manager));
    assert_eq!(next_owner(Role::Manager), None);
    for outside in [
        Role::Technician,
        Role::TeamLead,
        Role::QcInspector,
        Role::Washer,
        Role::Foreman,
    ] {
        assert_eq!(next_owner(outside), None, "{outside:?}");
    }
}

#[test]
fn severity_sets_the_time_to_act() {
    assert_eq!(Severity::High.time_to_act(), Duration::hours(4));
    assert_eq!(Severity::Normal.time_to_act(), Duration::hours(24));
    assert_eq!(Severity::Low.time_to_act(), Duration::hours(48));
    let opened = utc(23, 2, 0);
    assert_eq!(deadline_after(opened, Severity::High), utc(23, 6, 0));
    assert_eq!(deadline_after(opened, Severity::Normal), utc(24, 2, 0));
    assert_eq!(deadline_after(opened, Severity::Low), utc(25, 2, 0));
}

#[test]
fn nothing_is_due_before_the_deadline() {
    let deadline = utc(23, 6, 0);
    assert!(escalations_due(
        Role::FollowUpAgent,
        deadline,
        Severity::High,
        deadline - second()
    )
    .is_empty());
    assert!(!is_overdue(deadline, deadline - second()));
    assert!(is_overdue(deadline, deadline));
}

#[test]
fn each_deadline_hands_the_complaint_one_step_up() {
    // High: 4 hours per owner. Opened 02:00 UTC, the agent's deadline 06:00.
    let d1 = utc(23, 6, 0);
    let (d2, d3, d4) = (utc(23, 10, 0), utc(23, 14, 0), utc(23, 18, 0));
    let to_advisor = Escalation {
        to: Role::Advisor,
        at: d1,
        next_deadline: d2,
    };
    let to_supervisor = Escalation {
        to: Role::ReceptionSupervisor,
        at: d2,
        next_deadline: d3,
    };
    let to_manager = Escalation {
        to: Role::Manager,
        at: d3,
        next_deadline: d4,
    };
    let due = |now| escalations_due(Role::FollowUpAgent, d1, Severity::High, now);
    assert_eq!(due(d1), [to_advisor]);
    assert_eq!(due(d2 - second()), [to_advisor]);
    assert_eq!(due(d2), [to_advisor, to_supervisor]);
    assert_eq!(due(d3 - second()), [to_advisor, to_supervisor]);
    assert_eq!(due(d3), [to_advisor, to_supervisor, to_manager]);
    assert_eq!(due(d4 - second()), [to_advisor, to_supervisor, to_manager]);

    // Run step by step (the server applying them as they fall due) it is the same.
    assert_eq!(
        escalations_due(Role::Advisor, d2, Severity::High, d2),
        [to_supervisor]
    );
    assert_eq!(
        escalations_due(Role::ReceptionSupervisor, d3, Severity::High, d3),
        [to_manager]
    );
}

#[test]
fn the_manager_keeps_an_overdue_complaint() {
    // Untouched for a week at normal severity: three timestamped steps, then it stays.
    let d1 = utc(2, 9, 0);
    let steps = escalations_due(Role::FollowUpAgent, d1, Severity::Normal, utc(9, 9, 0));
    let path: Vec<_> = steps.iter().map(|s| (s.to, s.at)).collect();
    assert_eq!(
        path,
        [
            (Role::Advisor, utc(2, 9, 0)),
            (Role::ReceptionSupervisor, utc(3, 9, 0)),
            (Role::Manager, utc(4, 9, 0)),
        ]
    );
    let manager_deadline = steps.last().map(|s| s.next_deadline);
    assert_eq!(manager_deadline, Some(utc(5, 9, 0)));
    assert!(
        escalations_due(Role::Manager, utc(5, 9, 0), Severity::Normal, utc(9, 9, 0)).is_empty()
    );
    assert!(is_overdue(utc(5, 9, 0), utc(9, 9, 0)));
    // An owner outside the chain is not moved either.
    assert!(escalations_due(Role::Foreman, d1, Severity::Low, utc(30, 0, 0)).is_empty());
}

#[test]
fn an_escalation_starts_from_the_deadline_not_from_now() {
    // Low (48 h): seen three days late, the advisor's deadline is already behind too.
    let d1 = utc(2, 9, 0);
    let steps = escalations_due(Role::FollowUpAgent, d1, Severity::Low, utc(5, 9, 0));
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0].next_deadline, utc(4, 9, 0));
    assert_eq!(steps[1].at, utc(4, 9, 0));
    assert_eq!(steps[1].to, Role::ReceptionSupervisor);
}

#[test]
fn steps_follow_the_state() {
    use ComplaintState::{Closed, Open};
    assert_eq!(check_step(Open, StepKind::Note), Ok(Open));
    assert_eq!(check_step(Open, StepKind::Escalated), Ok(Open));
    assert_eq!(check_step(Open, StepKind::Resolved), Ok(Closed));
    assert_eq!(
        check_step(Open, StepKind::Reopened),
        Err(ComplaintError::NotClosed)
    );
    assert_eq!(check_step(Closed, StepKind::Reopened), Ok(Open));
    for kind in [StepKind::Note, StepKind::Escalated, StepKind::Resolved] {
        assert_eq!(check_step(Closed, kind), Err(ComplaintError::Closed));
    }
    assert_eq!(ComplaintError::Closed.field(), "state");
    assert_eq!(ComplaintError::NotClosed.field(), "state");
}

#[test]
fn a_resolution_is_told_between_opening_and_now() {
    let opened = utc(23, 2, 0);
    let now = utc(24, 2, 0);
    assert_eq!(
        check_resolution(
            opened,
            utc(23, 12, 0),
            now,
            "  Replaced the pads free of charge.\n"
        ),
        Ok("Replaced the pads free of charge.".to_string())
    );
    assert_eq!(
        check_resolution(opened, utc(22, 23, 0), now, "x"),
        Err(ComplaintError::ToldBeforeOpened)
    );
    assert_eq!(
        check_resolution(opened, utc(24, 3, 0), now, "x"),
        Err(ComplaintError::ToldInFuture)
    );
    assert_eq!(ComplaintError::ToldBeforeOpened.field(), "told_at");
    assert_eq!(ComplaintError::ToldInFuture.field(), "told_at");
    // A minute-precision "told" time in the opening minute, or a device a little fast.
    let opened = utc(23, 2, 0) + Duration::seconds(40);
    assert!(check_resolution(opened, utc(23, 2, 0), now, "Called back").is_ok());
    assert!(check_resolution(opened, now + Duration::seconds(30), now, "Called back").is_ok());
    assert!(check_resolution(opened, opened, opened, "Sorted at the desk").is_ok());
}

#[test]
fn a_resolution_says_what_was_done() {
    let (opened, now) = (utc(23, 2, 0), utc(24, 2, 0));
    for blank in ["", "   ", "\u{200B}\n\t"] {
        let refused = check_resolution(opened, now, now, blank);
        assert_eq!(refused, Err(ComplaintError::ResolutionEmpty), "{blank:?}");
    }
    assert_eq!(ComplaintError::ResolutionEmpty.field(), "resolution");
    let bidi = check_resolution(opened, now, now, "ok \u{202E}evil");
    let expected = ComplaintError::Text {
        field: "resolution",
        error: TextError::Bidi,
    };
    assert_eq!(bidi, Err(expected));
    assert_eq!(expected.field(), "resolution");
    assert_eq!(expected.to_string(), TextError::Bidi.to_string());
    let long = "好".repeat(NOTE_MAX + 1);
    assert_eq!(
        check_resolution(opened, now, now, &long),
        Err(ComplaintError::Text {
            field: "resolution",
            error: TextError::TooLong { max: NOTE_MAX },
        })
    );
    assert!(check_resolution(opened, now, now, &"好".repeat(NOTE_MAX)).is_ok());
}

#[test]
fn errors_read_as_sentences() {
    for e in [
        ComplaintError::Closed,
        ComplaintError::NotClosed,
        ComplaintError::ToldBeforeOpened,
        ComplaintError::ToldInFuture,
        ComplaintError::ResolutionEmpty,
    ] {
        let text = e.to_string();
        assert!(
            text.ends_with('.') && text.starts_with(char::is_uppercase),
            "{text}"
        );
    }
}

#[test]
fn deadlines_are_instants_whatever_the_store_day() {
    // A high complaint opened 22:00 store time falls due 02:00 the next store day.
    let opened = crate::domain::from_store_local(
        NaiveDate::from_ymd_opt(2026, 11, 23)
            .and_then(|d| d.and_hms_opt(22, 0, 0))
            .expect("valid"),
    );
    let due = deadline_after(opened, Severity::High);
    assert_eq!(crate::domain::store_clock(due), "02:00");
    assert_eq!(
        crate::domain::store_date(due),
        NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid")
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
    check(&Channel::ALL, Channel::as_str, Channel::parse);
    check(&Category::ALL, Category::as_str, Category::parse);
    check(&Severity::ALL, Severity::as_str, Severity::parse);
    check(
        &ComplaintState::ALL,
        ComplaintState::as_str,
        ComplaintState::parse,
    );
    check(&StepKind::ALL, StepKind::as_str, StepKind::parse);
    assert_eq!(
        Channel::ManufacturerHotline.as_str(),
        "manufacturer_hotline"
    );
    assert_eq!(Category::RepairQuality.as_str(), "repair_quality");
    assert!(!Channel::BY_HAND.contains(&Channel::FollowUpCall));
    assert!(Channel::BY_HAND.iter().all(|c| Channel::ALL.contains(c)));

    let step = Escalation {
        to: Role::ReceptionSupervisor,
        at: utc(23, 6, 0),
        next_deadline: utc(23, 10, 0),
    };
    let json = serde_json::to_value(step)?;
    assert_eq!(json["to"], "reception_supervisor");
    assert_eq!(json["at"], "2026-11-23T06:00:00Z");
    assert_eq!(serde_json::from_value::<Escalation>(json)?, step);
    Ok(())
}
