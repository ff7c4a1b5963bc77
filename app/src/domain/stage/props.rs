//! Property tests of the stage machine against an independent model of api.md's table:
//! any sequence of actions by any roles moves a job only along the table's edges, every
//! edge the table allows is accepted, and the checks (team check before QC, a checklist
//! before finishing) hold whatever came before.

use proptest::prelude::*;

use super::{apply, Action, JobFacts, PauseReason, Role, Stage};

/// api.md's table, written out again: the stage an action leads to, or none.
fn model_edge(facts: &JobFacts, action: &Action) -> Option<Stage> {
    use Stage::*;
    match (facts.stage, action) {
        (CheckedIn | Queued, Action::Assign { .. }) => Some(Queued),
        (Queued, Action::Start) => Some(InService),
        (InService, Action::Pause { .. }) => Some(Paused),
        (Paused, Action::Resume) => Some(InService),
        (
            InService,
            Action::FinishWork {
                self_check: true, ..
            },
        ) if facts.checklist_done => Some(QualityCheck),
        (QualityCheck, Action::TeamCheck { passed: true, .. }) => Some(QualityCheck),
        (QualityCheck, Action::TeamCheck { passed: false, .. }) => Some(InService),
        (QualityCheck, Action::QcPass) if facts.team_check_passed => {
            Some(if facts.wash_requested { Washing } else { Ready })
        }
        (QualityCheck, Action::QcFail { note }) if !note.trim().is_empty() => Some(InService),
        (Washing, Action::FinishWash) => Some(Ready),
        (Ready, Action::Deliver { .. }) => Some(Delivered),
        (CheckedIn | Queued, Action::Cancel { .. }) => Some(Cancelled),
        _ => None,
    }
}

/// api.md's "by" column (the manager may do what the desk does).
fn model_may(role: Role, action: &Action) -> bool {
    use Role::*;
    match action {
        Action::Assign { .. } => matches!(role, Foreman | Advisor | Manager),
        Action::Start | Action::Pause { .. } | Action::Resume | Action::FinishWork { .. } => {
            matches!(role, Technician | TeamLead)
        }
        Action::TeamCheck { .. } => role == TeamLead,
        Action::QcPass | Action::QcFail { .. } => role == QcInspector,
        Action::FinishWash => role == Washer,
        Action::Deliver { .. } | Action::Cancel { .. } => matches!(role, Advisor | Manager),
    }
}

fn any_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        (1i64..7).prop_map(|bay_id| Action::Assign {
            bay_id,
            position: None
        }),
        Just(Action::Start),
        prop_oneof![
            Just(PauseReason::AwaitingParts),
            Just(PauseReason::AwaitingApproval),
            Just(PauseReason::Other)
        ]
        .prop_map(|reason| Action::Pause { reason, note: None }),
        Just(Action::Resume),
        any::<bool>().prop_map(|self_check| Action::FinishWork {
            note: None,
            self_check
        }),
        any::<bool>().prop_map(|passed| Action::TeamCheck { passed, note: None }),
        Just(Action::QcPass),
        prop_oneof![Just(String::new()), Just("brake pads".to_string())]
            .prop_map(|note| Action::QcFail { note }),
        Just(Action::FinishWash),
        Just(Action::Deliver {
            next_service_km: None,
            next_service_date: None,
            old_parts_handled: true,
            payment_method: None,
            call_time: None,
        }),
        Just(Action::Cancel { note: None }),
    ]
}

fn any_role() -> impl Strategy<Value = Role> {
    proptest::sample::select(Role::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_sequence_follows_the_table(
        wash_requested in any::<bool>(),
        steps in proptest::collection::vec((any_action(), any_role(), any::<bool>()), 1..60),
    ) {
        let mut facts = JobFacts {
            stage: Stage::CheckedIn,
            wash_requested,
            team_check_passed: false,
            checklist_done: false,
        };
        for (action, role, checklist_done) in steps {
            facts.checklist_done = checklist_done;
            let expected = model_may(role, &action).then(|| model_edge(&facts, &action)).flatten();
            match apply(&facts, &action, role) {
                Ok(outcome) => {
                    prop_assert_eq!(Some(outcome.to), expected, "{:?} by {:?} from {:?}", action, role, facts);
                    // A failed check or a return to work always needs a new team check.
                    if outcome.to == Stage::InService {
                        prop_assert!(!outcome.team_check_passed || facts.stage != Stage::QualityCheck);
                    }
                    facts.stage = outcome.to;
                    facts.team_check_passed = outcome.team_check_passed;
                }
                Err(refusal) => {
                    prop_assert_eq!(expected, None, "{:?} by {:?} from {:?} refused: {}", action, role, facts, refusal);
                }
            }
            if matches!(facts.stage, Stage::Delivered | Stage::Cancelled) {
                // Terminal: nothing moves the job again, whoever asks.
                let cancel = Action::Cancel { note: None };
                for role in Role::ALL {
                    let (start, cancel) = (apply(&facts, &Action::Start, role), apply(&facts, &cancel, role));
                    prop_assert!(start.is_err() && cancel.is_err());
                }
            }
        }
    }
}
