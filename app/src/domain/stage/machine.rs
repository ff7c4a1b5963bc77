//! Job stage rules: which roles may take which action from which stage, and what it leads to.

use super::{Action, ActionKind, PauseReason, Role, Stage};

/// Where an action may be taken from, and by whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub from: &'static [Stage],
    pub by: &'static [Role],
}

/// The rule table of the service lane; one arm per action kind.
pub fn rule(action: ActionKind) -> Rule {
    use Role::*;
    use Stage::*;
    match action {
        ActionKind::Assign => Rule {
            from: &[CheckedIn, Queued],
            by: &[Foreman, Advisor, Manager],
        },
        ActionKind::Start => Rule {
            from: &[Queued],
            by: &[Technician, TeamLead],
        },
        ActionKind::Pause => Rule {
            from: &[InService],
            by: &[Technician, TeamLead],
        },
        ActionKind::Resume => Rule {
            from: &[Paused],
            by: &[Technician, TeamLead],
        },
        ActionKind::FinishWork => Rule {
            from: &[InService],
            by: &[Technician, TeamLead],
        },
        ActionKind::TeamCheck => Rule {
            from: &[QualityCheck],
            by: &[TeamLead],
        },
        ActionKind::QcPass => Rule {
            from: &[QualityCheck],
            by: &[QcInspector],
        },
        ActionKind::QcFail => Rule {
            from: &[QualityCheck],
            by: &[QcInspector],
        },
        ActionKind::FinishWash => Rule {
            from: &[Washing],
            by: &[Washer],
        },
        ActionKind::Deliver => Rule {
            from: &[Ready],
            by: &[Advisor, Manager],
        },
        ActionKind::Cancel => Rule {
            from: &[CheckedIn, Queued],
            by: &[Advisor, Manager],
        },
    }
}

/// What the stage machine needs to know about a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobFacts {
    pub stage: Stage,
    pub wash_requested: bool,
    pub team_check_passed: bool,
    /// Every item to do is ticked done or has a note saying why not.
    pub checklist_done: bool,
}

/// The job's stage and facts after an accepted action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub to: Stage,
    pub team_check_passed: bool,
    pub pause_reason: Option<PauseReason>,
}

/// Why an action was refused; `Display` is shown to staff as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("Your role ({}) cannot {}.", .role.phrase(), .action.phrase())]
    Forbidden { role: Role, action: ActionKind },
    #[error("You cannot {} while the job is {}.", .action.phrase(), .from.phrase())]
    IllegalTransition { from: Stage, action: ActionKind },
    #[error("Quality control can only pass after the team lead has passed the team check.")]
    TeamCheckMissing,
    #[error("Please write a note saying what failed quality control.")]
    NoteRequired,
    #[error("Tick every checklist item (or note why it was not done) before finishing.")]
    ChecklistIncomplete,
    #[error("Confirm the self-check before finishing the work.")]
    SelfCheckRequired,
}

impl Refusal {
    /// Stable machine-readable code for the API.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Forbidden { .. } => "forbidden",
            Refusal::IllegalTransition { .. } => "illegal_transition",
            Refusal::TeamCheckMissing => "team_check_missing",
            Refusal::NoteRequired => "note_required",
            Refusal::ChecklistIncomplete => "checklist_incomplete",
            Refusal::SelfCheckRequired => "self_check_required",
        }
    }
}

/// Checks role, then stage, then the payload-independent precondition of `kind`.
fn check(facts: &JobFacts, kind: ActionKind, role: Role) -> Result<(), Refusal> {
    let rule = rule(kind);
    if !rule.by.contains(&role) {
        return Err(Refusal::Forbidden { role, action: kind });
    }
    if !rule.from.contains(&facts.stage) {
        return Err(Refusal::IllegalTransition {
            from: facts.stage,
            action: kind,
        });
    }
    if kind == ActionKind::QcPass && !facts.team_check_passed {
        return Err(Refusal::TeamCheckMissing);
    }
    if kind == ActionKind::FinishWork && !facts.checklist_done {
        return Err(Refusal::ChecklistIncomplete);
    }
    Ok(())
}

/// Applies `action` by someone with `role` to a job, or says why not.
///
/// Order of checks: role (`Forbidden`), stage (`IllegalTransition`), preconditions.
pub fn apply(facts: &JobFacts, action: &Action, role: Role) -> Result<Outcome, Refusal> {
    check(facts, action.kind(), role)?;
    let mut team_check_passed = facts.team_check_passed;
    let mut pause_reason = None;
    let to = match action {
        Action::Assign { .. } => Stage::Queued,
        Action::Start | Action::Resume => Stage::InService,
        Action::Pause { reason, .. } => {
            pause_reason = Some(*reason);
            Stage::Paused
        }
        Action::FinishWork { self_check, .. } => {
            if !self_check {
                return Err(Refusal::SelfCheckRequired);
            }
            Stage::QualityCheck
        }
        Action::TeamCheck { passed, .. } => {
            team_check_passed = *passed;
            if *passed {
                Stage::QualityCheck
            } else {
                Stage::InService
            }
        }
        Action::QcPass if facts.wash_requested => Stage::Washing,
        Action::QcPass => Stage::Ready,
        Action::QcFail { note } => {
            if note.trim().is_empty() {
                return Err(Refusal::NoteRequired);
            }
            team_check_passed = false;
            Stage::InService
        }
        Action::FinishWash => Stage::Ready,
        Action::Deliver { .. } => Stage::Delivered,
        Action::Cancel { .. } => Stage::Cancelled,
    };
    Ok(Outcome {
        to,
        team_check_passed,
        pause_reason,
    })
}

/// The action kinds `apply` would accept from this role at this stage, in `ActionKind::ALL`
/// order (payload fields such as notes are not judged).
pub fn available_actions(facts: &JobFacts, role: Role) -> Vec<ActionKind> {
    ActionKind::ALL
        .into_iter()
        .filter(|kind| check(facts, *kind, role).is_ok())
        .collect()
}
