//! Tests of the stage machine, against tables written independently of `rule`.

use super::*;
use ActionKind as K;
use Stage as S;

/// Every legal (from, action, to) move, with a passed team check and no wash requested.
const LEGAL: &[(Stage, ActionKind, Stage)] = &[
    (S::CheckedIn, K::Assign, S::Queued),
    (S::Queued, K::Assign, S::Queued),
    (S::Queued, K::Start, S::InService),
    (S::InService, K::Pause, S::Paused),
    (S::Paused, K::Resume, S::InService),
    (S::InService, K::FinishWork, S::QualityCheck),
    (S::QualityCheck, K::TeamCheck, S::QualityCheck),
    (S::QualityCheck, K::QcPass, S::Ready),
    (S::QualityCheck, K::QcFail, S::InService),
    (S::Washing, K::FinishWash, S::Ready),
    (S::Ready, K::Deliver, S::Delivered),
    (S::CheckedIn, K::Cancel, S::Cancelled),
    (S::Queued, K::Cancel, S::Cancelled),
];

/// Who may take each action.
fn allowed(kind: ActionKind) -> &'static [Role] {
    match kind {
        K::Assign => &[Role::Foreman, Role::Advisor, Role::Manager],
        K::Start | K::Pause | K::Resume | K::FinishWork => &[Role::Technician, Role::TeamLead],
        K::TeamCheck => &[Role::TeamLead],
        K::QcPass | K::QcFail => &[Role::QcInspector],
        K::FinishWash => &[Role::Washer],
        K::Deliver | K::Cancel => &[Role::Advisor, Role::Manager],
    }
}

fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default()
}

/// A well-formed action of each kind.
pub(super) fn sample(kind: ActionKind) -> Action {
    match kind {
        K::Assign => Action::Assign {
            bay_id: 3,
            position: None,
        },
        K::Start => Action::Start,
        K::Pause => Action::Pause {
            reason: PauseReason::AwaitingParts,
            note: None,
        },
        K::Resume => Action::Resume,
        K::FinishWork => Action::FinishWork {
            note: None,
            self_check: true,
        },
        K::TeamCheck => Action::TeamCheck {
            passed: true,
            note: None,
        },
        K::QcPass => Action::QcPass,
        K::QcFail => Action::QcFail {
            note: "brake squeal".into(),
        },
        K::FinishWash => Action::FinishWash,
        K::Deliver => Action::Deliver {
            next_service_km: Some(25_000),
            next_service_date: Some(date()),
            old_parts_handled: true,
            payment_method: None,
            call_time: None,
        },
        K::Cancel => Action::Cancel { note: None },
    }
}

fn facts(stage: Stage) -> JobFacts {
    JobFacts {
        stage,
        wash_requested: false,
        team_check_passed: true,
        checklist_done: true,
    }
}

#[test]
fn finishing_needs_the_whole_checklist_and_the_self_check() {
    let mut f = facts(S::InService);
    f.checklist_done = false;
    let finish = sample(K::FinishWork);
    assert_eq!(
        apply(&f, &finish, Role::Technician),
        Err(Refusal::ChecklistIncomplete)
    );
    assert!(!available_actions(&f, Role::Technician).contains(&K::FinishWork));
    let unchecked = Action::FinishWork {
        note: None,
        self_check: false,
    };
    assert_eq!(
        apply(&facts(S::InService), &unchecked, Role::TeamLead),
        Err(Refusal::SelfCheckRequired)
    );
    assert_eq!(
        apply(&facts(S::InService), &finish, Role::TeamLead).map(|o| o.to),
        Ok(S::QualityCheck)
    );
}

#[test]
fn every_stage_action_pair_follows_the_table() {
    for stage in Stage::ALL {
        for kind in ActionKind::ALL {
            let role = allowed(kind)[0];
            let got = apply(&facts(stage), &sample(kind), role);
            let want = LEGAL
                .iter()
                .find(|(from, k, _)| *from == stage && *k == kind);
            match want {
                Some((_, _, to)) => {
                    assert_eq!(got.map(|o| o.to), Ok(*to), "{stage:?} {kind:?}");
                }
                None => assert_eq!(
                    got,
                    Err(Refusal::IllegalTransition {
                        from: stage,
                        action: kind
                    }),
                    "{stage:?} {kind:?}"
                ),
            }
        }
    }
}

#[test]
fn rule_matches_independent_tables() {
    for kind in ActionKind::ALL {
        let r = rule(kind);
        let mut by = allowed(kind).to_vec();
        by.sort_by_key(|r| r.as_str());
        let mut got_by = r.by.to_vec();
        got_by.sort_by_key(|r| r.as_str());
        assert_eq!(got_by, by, "{kind:?}");
        for stage in Stage::ALL {
            let legal = LEGAL.iter().any(|(f, k, _)| *f == stage && *k == kind);
            assert_eq!(r.from.contains(&stage), legal, "{stage:?} {kind:?}");
        }
    }
}

#[test]
fn every_role_action_pair_is_checked() {
    for kind in ActionKind::ALL {
        let from = LEGAL.iter().find(|(_, k, _)| *k == kind).map(|l| l.0);
        let from = from.unwrap_or(Stage::Delivered);
        for role in Role::ALL {
            let got = apply(&facts(from), &sample(kind), role);
            if allowed(kind).contains(&role) {
                assert!(got.is_ok(), "{role:?} {kind:?}: {got:?}");
            } else {
                assert_eq!(got, Err(Refusal::Forbidden { role, action: kind }));
            }
        }
    }
}

#[test]
fn role_is_checked_before_stage() {
    let got = apply(&facts(S::Delivered), &Action::Start, Role::Washer);
    let want = Refusal::Forbidden {
        role: Role::Washer,
        action: K::Start,
    };
    assert_eq!(got, Err(want));
}

#[test]
fn qc_pass_goes_to_wash_only_when_requested() {
    let mut f = facts(S::QualityCheck);
    let to = |f: &JobFacts| apply(f, &Action::QcPass, Role::QcInspector).map(|o| o.to);
    assert_eq!(to(&f), Ok(S::Ready));
    f.wash_requested = true;
    assert_eq!(to(&f), Ok(S::Washing));
    f.team_check_passed = false;
    assert_eq!(to(&f), Err(Refusal::TeamCheckMissing));
}

#[test]
fn team_check_sets_and_clears_the_fact() {
    let mut f = facts(S::QualityCheck);
    f.team_check_passed = false;
    let pass = Action::TeamCheck {
        passed: true,
        note: None,
    };
    let out = apply(&f, &pass, Role::TeamLead);
    assert_eq!(
        out.map(|o| (o.to, o.team_check_passed)),
        Ok((S::QualityCheck, true))
    );
    let fail = Action::TeamCheck {
        passed: false,
        note: Some("loose clamp".into()),
    };
    let out = apply(&facts(S::QualityCheck), &fail, Role::TeamLead);
    assert_eq!(
        out.map(|o| (o.to, o.team_check_passed)),
        Ok((S::InService, false))
    );
}

#[test]
fn qc_fail_needs_a_note_and_resets_team_check() {
    let blank = Action::QcFail {
        note: "  \n".into(),
    };
    let got = apply(&facts(S::QualityCheck), &blank, Role::QcInspector);
    assert_eq!(got, Err(Refusal::NoteRequired));
    let out = apply(
        &facts(S::QualityCheck),
        &sample(K::QcFail),
        Role::QcInspector,
    );
    assert_eq!(
        out.map(|o| (o.to, o.team_check_passed)),
        Ok((S::InService, false))
    );
    // Stage is checked before the note.
    let got = apply(&facts(S::Ready), &blank, Role::QcInspector);
    assert!(matches!(got, Err(Refusal::IllegalTransition { .. })));
}

#[test]
fn pause_reason_is_set_by_pause_and_cleared_by_resume() {
    let pause = Action::Pause {
        reason: PauseReason::AwaitingApproval,
        note: None,
    };
    let out = apply(&facts(S::InService), &pause, Role::Technician);
    let want = Some(PauseReason::AwaitingApproval);
    assert_eq!(out.map(|o| (o.to, o.pause_reason)), Ok((S::Paused, want)));
    let out = apply(&facts(S::Paused), &Action::Resume, Role::TeamLead);
    assert_eq!(
        out.map(|o| (o.to, o.pause_reason)),
        Ok((S::InService, None))
    );
}

#[test]
fn available_actions_lists_legal_buttons() {
    let mut f = facts(S::QualityCheck);
    assert_eq!(
        available_actions(&f, Role::QcInspector),
        vec![K::QcPass, K::QcFail]
    );
    f.team_check_passed = false;
    assert_eq!(available_actions(&f, Role::QcInspector), vec![K::QcFail]);
    assert_eq!(available_actions(&f, Role::TeamLead), vec![K::TeamCheck]);
    assert_eq!(available_actions(&f, Role::Washer), vec![]);
    let q = facts(S::Queued);
    assert_eq!(
        available_actions(&q, Role::Advisor),
        vec![K::Assign, K::Cancel]
    );
    assert_eq!(available_actions(&q, Role::Technician), vec![K::Start]);
    let i = facts(S::InService);
    assert_eq!(
        available_actions(&i, Role::TeamLead),
        vec![K::Pause, K::FinishWork]
    );
    assert_eq!(
        available_actions(&facts(S::Delivered), Role::Manager),
        vec![]
    );
}

#[test]
fn refusals_have_codes_and_readable_messages() {
    let r = Refusal::Forbidden {
        role: Role::Technician,
        action: K::Deliver,
    };
    assert_eq!(r.code(), "forbidden");
    assert_eq!(
        r.to_string(),
        "Your role (technician) cannot deliver the car."
    );
    let r = Refusal::IllegalTransition {
        from: S::Ready,
        action: K::Start,
    };
    assert_eq!(r.code(), "illegal_transition");
    assert_eq!(
        r.to_string(),
        "You cannot start work while the job is ready for pickup."
    );
    assert_eq!(Refusal::TeamCheckMissing.code(), "team_check_missing");
    assert_eq!(Refusal::NoteRequired.code(), "note_required");
}

#[test]
fn only_delivered_and_cancelled_are_inactive() {
    let inactive: Vec<Stage> = Stage::ALL.into_iter().filter(|s| !s.is_active()).collect();
    assert_eq!(inactive, vec![S::Delivered, S::Cancelled]);
}
