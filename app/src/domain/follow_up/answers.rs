//! The words of a follow-up call, as stored and sent: how satisfied the customer is,
//! whether the fault is gone, how the attempt ended, and where the task stands.

use serde::{Deserialize, Serialize};

/// "Are you satisfied with our service?" (请问您对我们的服务满意吗).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    VerySatisfied,
    Satisfied,
    Neutral,
    Dissatisfied,
}

impl Satisfaction {
    /// Every answer, best first.
    pub const ALL: [Satisfaction; 4] = [
        Satisfaction::VerySatisfied,
        Satisfaction::Satisfied,
        Satisfaction::Neutral,
        Satisfaction::Dissatisfied,
    ];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            Satisfaction::VerySatisfied => "very_satisfied",
            Satisfaction::Satisfied => "satisfied",
            Satisfaction::Neutral => "neutral",
            Satisfaction::Dissatisfied => "dissatisfied",
        }
    }

    /// Inverse of [`Satisfaction::as_str`].
    pub fn parse(s: &str) -> Option<Satisfaction> {
        Satisfaction::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Counts towards the satisfaction rate (satisfied or very satisfied).
    pub fn is_satisfied(self) -> bool {
        matches!(self, Satisfaction::VerySatisfied | Satisfaction::Satisfied)
    }
}

/// Is the fault the car came in with gone (确认故障是否彻底排除)?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FaultFixed {
    Yes,
    No,
    /// Maintenance only: there was no fault.
    NotApplicable,
}

impl FaultFixed {
    pub const ALL: [FaultFixed; 3] = [FaultFixed::Yes, FaultFixed::No, FaultFixed::NotApplicable];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            FaultFixed::Yes => "yes",
            FaultFixed::No => "no",
            FaultFixed::NotApplicable => "not_applicable",
        }
    }

    /// Inverse of [`FaultFixed::as_str`].
    pub fn parse(s: &str) -> Option<FaultFixed> {
        FaultFixed::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// How one call went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CallOutcome {
    /// The customer answered and took the follow-up.
    Reached,
    /// No answer, busy, switched off.
    NotReached,
    /// The customer answered but does not want the follow-up (用户不接受回访).
    Declined,
}

impl CallOutcome {
    pub const ALL: [CallOutcome; 3] = [
        CallOutcome::Reached,
        CallOutcome::NotReached,
        CallOutcome::Declined,
    ];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            CallOutcome::Reached => "reached",
            CallOutcome::NotReached => "not_reached",
            CallOutcome::Declined => "declined",
        }
    }

    /// Inverse of [`CallOutcome::as_str`].
    pub fn parse(s: &str) -> Option<CallOutcome> {
        CallOutcome::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Where a follow-up task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    Open,
    /// The customer was reached and answered.
    Done,
    /// [`MAX_ATTEMPTS`] calls did not reach the customer.
    Unreachable,
    /// The customer did not want the follow-up.
    Declined,
}

impl TaskState {
    pub const ALL: [TaskState; 4] = [
        TaskState::Open,
        TaskState::Done,
        TaskState::Unreachable,
        TaskState::Declined,
    ];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskState::Open => "open",
            TaskState::Done => "done",
            TaskState::Unreachable => "unreachable",
            TaskState::Declined => "declined",
        }
    }

    /// Inverse of [`TaskState::as_str`].
    pub fn parse(s: &str) -> Option<TaskState> {
        TaskState::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// No more calls are made on this task.
    pub fn is_closed(self) -> bool {
        self != TaskState::Open
    }
}
