//! Job stage machine vocabulary: stages, actions, roles and pause reasons with their wire strings.
//!
//! The rules (who may do what from which stage) live in `machine`, the action payload in `action`.

mod action;
mod machine;
#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod wire_tests;

use serde::{Deserialize, Serialize};

pub use action::Action;
pub use machine::{apply, available_actions, rule, JobFacts, Outcome, Refusal, Rule};

/// Where a job is in the service lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    CheckedIn,
    Queued,
    InService,
    Paused,
    QualityCheck,
    Washing,
    Ready,
    Delivered,
    Cancelled,
}

impl Stage {
    /// Every stage, in lane order.
    pub const ALL: [Stage; 9] = [
        Stage::CheckedIn,
        Stage::Queued,
        Stage::InService,
        Stage::Paused,
        Stage::QualityCheck,
        Stage::Washing,
        Stage::Ready,
        Stage::Delivered,
        Stage::Cancelled,
    ];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::CheckedIn => "checked_in",
            Stage::Queued => "queued",
            Stage::InService => "in_service",
            Stage::Paused => "paused",
            Stage::QualityCheck => "quality_check",
            Stage::Washing => "washing",
            Stage::Ready => "ready",
            Stage::Delivered => "delivered",
            Stage::Cancelled => "cancelled",
        }
    }

    /// Inverse of [`Stage::as_str`].
    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// False once the job is finished (delivered or cancelled).
    pub fn is_active(self) -> bool {
        !matches!(self, Stage::Delivered | Stage::Cancelled)
    }

    /// English phrase completing "while the job is …".
    pub(crate) fn phrase(self) -> &'static str {
        match self {
            Stage::CheckedIn => "checked in",
            Stage::Queued => "queued",
            Stage::InService => "in service",
            Stage::Paused => "paused",
            Stage::QualityCheck => "in quality check",
            Stage::Washing => "in the wash",
            Stage::Ready => "ready for pickup",
            Stage::Delivered => "delivered",
            Stage::Cancelled => "cancelled",
        }
    }
}

/// The kind of an [`Action`], without its payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Assign,
    Start,
    Pause,
    Resume,
    FinishWork,
    TeamCheck,
    QcPass,
    QcFail,
    FinishWash,
    Deliver,
    Cancel,
}

impl ActionKind {
    /// Every action kind, in lane order (the order buttons are shown in).
    pub const ALL: [ActionKind; 11] = [
        ActionKind::Assign,
        ActionKind::Start,
        ActionKind::Pause,
        ActionKind::Resume,
        ActionKind::FinishWork,
        ActionKind::TeamCheck,
        ActionKind::QcPass,
        ActionKind::QcFail,
        ActionKind::FinishWash,
        ActionKind::Deliver,
        ActionKind::Cancel,
    ];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Assign => "assign",
            ActionKind::Start => "start",
            ActionKind::Pause => "pause",
            ActionKind::Resume => "resume",
            ActionKind::FinishWork => "finish_work",
            ActionKind::TeamCheck => "team_check",
            ActionKind::QcPass => "qc_pass",
            ActionKind::QcFail => "qc_fail",
            ActionKind::FinishWash => "finish_wash",
            ActionKind::Deliver => "deliver",
            ActionKind::Cancel => "cancel",
        }
    }

    /// Inverse of [`ActionKind::as_str`].
    pub fn parse(s: &str) -> Option<ActionKind> {
        ActionKind::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// English phrase completing "cannot …".
    pub(crate) fn phrase(self) -> &'static str {
        match self {
            ActionKind::Assign => "assign a bay",
            ActionKind::Start => "start work",
            ActionKind::Pause => "pause work",
            ActionKind::Resume => "resume work",
            ActionKind::FinishWork => "finish work",
            ActionKind::TeamCheck => "record the team check",
            ActionKind::QcPass => "pass quality control",
            ActionKind::QcFail => "fail quality control",
            ActionKind::FinishWash => "finish the wash",
            ActionKind::Deliver => "deliver the car",
            ActionKind::Cancel => "cancel the job",
        }
    }
}

/// A staff member's role; decides which actions they may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Technician,
    TeamLead,
    QcInspector,
    Washer,
    Foreman,
    Advisor,
    Manager,
    /// 回访员: calls customers after delivery; first owner of a complaint.
    FollowUpAgent,
    /// 接待主管: the service desk's supervisor; third step of a complaint's escalation.
    ReceptionSupervisor,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 9] = [
        Role::Technician,
        Role::TeamLead,
        Role::QcInspector,
        Role::Washer,
        Role::Foreman,
        Role::Advisor,
        Role::Manager,
        Role::FollowUpAgent,
        Role::ReceptionSupervisor,
    ];

    /// The roles of a desk account (technicians and team leads are bay accounts).
    pub const STAFF: [Role; 7] = [
        Role::Advisor,
        Role::Foreman,
        Role::QcInspector,
        Role::Washer,
        Role::FollowUpAgent,
        Role::ReceptionSupervisor,
        Role::Manager,
    ];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Technician => "technician",
            Role::TeamLead => "team_lead",
            Role::QcInspector => "qc_inspector",
            Role::Washer => "washer",
            Role::Foreman => "foreman",
            Role::Advisor => "advisor",
            Role::Manager => "manager",
            Role::FollowUpAgent => "follow_up_agent",
            Role::ReceptionSupervisor => "reception_supervisor",
        }
    }

    /// Inverse of [`Role::as_str`].
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Works after delivery: reads and records follow-up calls, owns and works on
    /// complaints, opens return jobs (the complaint chain's four roles).
    pub fn works_aftersales(self) -> bool {
        matches!(
            self,
            Role::FollowUpAgent | Role::Advisor | Role::ReceptionSupervisor | Role::Manager
        )
    }

    /// Works before the car arrives: books appointments, works the reminder list, reads
    /// and corrects the customer's file and sees the messages sent (the desk, the
    /// follow-up agent and the reception supervisor).
    pub fn works_reception(self) -> bool {
        matches!(
            self,
            Role::Advisor
                | Role::Foreman
                | Role::Manager
                | Role::FollowUpAgent
                | Role::ReceptionSupervisor
        )
    }

    /// English name of the role, as staff say it.
    pub(crate) fn phrase(self) -> &'static str {
        match self {
            Role::Technician => "technician",
            Role::TeamLead => "team lead",
            Role::QcInspector => "QC inspector",
            Role::Washer => "washer",
            Role::Foreman => "foreman",
            Role::Advisor => "service advisor",
            Role::Manager => "manager",
            Role::FollowUpAgent => "follow-up agent",
            Role::ReceptionSupervisor => "reception supervisor",
        }
    }
}

/// Why work on a job is paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PauseReason {
    AwaitingParts,
    AwaitingApproval,
    Other,
}

impl PauseReason {
    /// Every pause reason.
    pub const ALL: [PauseReason; 3] = [
        PauseReason::AwaitingParts,
        PauseReason::AwaitingApproval,
        PauseReason::Other,
    ];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            PauseReason::AwaitingParts => "awaiting_parts",
            PauseReason::AwaitingApproval => "awaiting_approval",
            PauseReason::Other => "other",
        }
    }

    /// Inverse of [`PauseReason::as_str`].
    pub fn parse(s: &str) -> Option<PauseReason> {
        PauseReason::ALL.into_iter().find(|v| v.as_str() == s)
    }
}
