use chrono::{Duration, TimeZone};

use super::*;
use crate::domain::{store_clock, store_date};

/// `h:m` store time on 2026-11-24 (UTC+8).
fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, h, m, 0)
        .single()
        .map(|t| t - Duration::hours(8))
        .unwrap_or_default()
}

fn day_clock(t: DateTime<Utc>) -> (u32, String) {
    use chrono::Datelike;
    (store_date(t).day(), store_clock(t))
}

fn job(id: i64, stage: Stage, bay: Option<i64>, pos: Option<i64>, minutes: u32) -> EtaJob {
    EtaJob {
        id,
        stage,
        bay_id: bay,
        queue_pos: pos,
        pause_reason: None,
        wash: false,
        remaining_minutes: minutes,
        worked_minutes: 0,
        stage_since: at(10, 0),
        eta: at(12, 0),
        parts_due: None,
    }
}

#[test]
fn on_time_in_service_counts_off_the_time_worked() {
    let mut j = job(1, Stage::InService, Some(1), None, 60);
    j.worked_minutes = 20;
    // 40 left + 15 checks from 10:20.
    assert_eq!(
        day_clock(job_eta(&j, &[j.clone()], at(10, 20))),
        (24, "11:15".into())
    );
    // Ten minutes later the ETA has not moved: on time.
    j.worked_minutes = 30;
    assert_eq!(
        day_clock(job_eta(&j, &[j.clone()], at(10, 30))),
        (24, "11:15".into())
    );
}

#[test]
fn behind_schedule_the_eta_slides_with_the_clock() {
    let mut j = job(1, Stage::InService, Some(1), None, 30);
    j.worked_minutes = 50;
    // Overrunning: 5 min assumed left + 15 checks.
    assert_eq!(
        day_clock(job_eta(&j, &[j.clone()], at(11, 0))),
        (24, "11:20".into())
    );
    j.worked_minutes = 70;
    assert_eq!(
        day_clock(job_eta(&j, &[j.clone()], at(11, 20))),
        (24, "11:40".into())
    );
}

#[test]
fn paused_for_parts_waits_for_the_next_delivery() {
    let mut j = job(1, Stage::Paused, Some(1), None, 60);
    j.pause_reason = Some(PauseReason::AwaitingParts);
    j.worked_minutes = 30;
    // Parts at 09:30 tomorrow, then 30 left + 15 checks.
    assert_eq!(
        day_clock(job_eta(&j, &[j.clone()], at(14, 0))),
        (25, "10:15".into())
    );
    // Paused for another reason: from now.
    j.pause_reason = Some(PauseReason::Other);
    assert_eq!(
        day_clock(job_eta(&j, &[j.clone()], at(14, 0))),
        (24, "14:45".into())
    );
}

#[test]
fn waiting_for_a_named_part_runs_from_its_expected_delivery() {
    let mut j = job(1, Stage::Paused, Some(1), None, 60);
    j.pause_reason = Some(PauseReason::AwaitingParts);
    j.worked_minutes = 30;
    // Expected in two days (on the shelf 09:30 on the 26th), then 30 left + 15 checks.
    j.parts_due = Some(crate::domain::eta::delivery_arrival(
        store_date(at(14, 0)) + Duration::days(2),
    ));
    assert_eq!(
        day_clock(job_eta(&j, &[j.clone()], at(14, 0))),
        (26, "10:15".into())
    );
    // Received at 14:00: the work runs from now.
    j.parts_due = Some(at(14, 0));
    assert_eq!(
        day_clock(job_eta(&j, &[j.clone()], at(14, 0))),
        (24, "14:45".into())
    );
}

#[test]
fn queued_cars_wait_for_the_work_ahead_at_their_bay_only() {
    let current = job(1, Stage::InService, Some(1), None, 60);
    let first = job(2, Stage::Queued, Some(1), Some(1), 30);
    let second = job(3, Stage::Queued, Some(1), Some(2), 20);
    let elsewhere = job(4, Stage::InService, Some(2), None, 240);
    let all = [current, first, second.clone(), elsewhere];
    // Ahead of the second: 60 + 30; then its own 20 + 15 checks, from 10:00.
    assert_eq!(
        day_clock(job_eta(&second, &all, at(10, 0))),
        (24, "12:05".into())
    );
}

#[test]
fn a_car_waiting_for_parts_does_not_hold_the_queue() {
    let mut current = job(1, Stage::Paused, Some(1), None, 60);
    let next = job(2, Stage::Queued, Some(1), Some(1), 30);
    current.pause_reason = Some(PauseReason::AwaitingApproval);
    let held = job_eta(&next, &[current.clone(), next.clone()], at(10, 0));
    current.pause_reason = Some(PauseReason::AwaitingParts);
    let free = job_eta(&next, &[current, next.clone()], at(10, 0));
    assert_eq!(
        (day_clock(held), day_clock(free)),
        ((24, "11:45".into()), (24, "10:45".into()))
    );
}

#[test]
fn checks_and_wash_count_down_and_ready_keeps_its_time() {
    let mut qc = job(1, Stage::QualityCheck, Some(1), None, 0);
    qc.wash = true;
    qc.stage_since = at(10, 0);
    // 10 of the 15 check minutes done: 5 left, then the 20 min wash.
    assert_eq!(
        day_clock(job_eta(&qc, &[], at(10, 10))),
        (24, "10:35".into())
    );
    let mut washing = job(2, Stage::Washing, None, None, 0);
    washing.stage_since = at(10, 0);
    assert_eq!(
        day_clock(job_eta(&washing, &[], at(10, 5))),
        (24, "10:20".into())
    );
    let mut ready = job(3, Stage::Ready, None, None, 0);
    ready.stage_since = at(10, 30);
    assert_eq!(job_eta(&ready, &[], at(11, 0)), at(10, 30));
}

#[test]
fn an_undispatched_job_keeps_its_promise_until_it_cannot_be_kept() {
    let mut j = job(1, Stage::CheckedIn, None, None, 60);
    j.eta = at(13, 0);
    assert_eq!(job_eta(&j, &[], at(10, 0)), at(13, 0));
    // At 12:30 even an empty workshop needs 15 + 60 + 15 minutes.
    assert_eq!(
        day_clock(job_eta(&j, &[], at(12, 30))),
        (24, "14:00".into())
    );
}

#[test]
fn worked_minutes_add_up_every_stint_in_service() {
    let steps = [
        (Stage::Queued, at(9, 0)),
        (Stage::InService, at(9, 10)),
        (Stage::Paused, at(9, 40)),
        (Stage::InService, at(10, 0)),
    ];
    assert_eq!(worked_minutes(&steps, at(10, 15)), 45);
}

#[test]
fn only_changed_etas_are_reported() {
    let mut j = job(1, Stage::InService, Some(1), None, 45);
    j.eta = at(11, 0);
    assert_eq!(changed_etas(&[j.clone()], at(10, 0)), vec![]);
    assert_eq!(
        changed_etas(&[j.clone()], at(10, 30)),
        vec![(1, at(11, 30))]
    );
}
