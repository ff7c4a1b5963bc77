//! Complaints (投诉): where they come from, who owns one, when its owner must act, how an
//! untouched complaint climbs the chain follow-up agent → service advisor → reception
//! supervisor → service manager, and the check on a recorded resolution.
//!
//! Seed 001: "处理客户投诉应先由投诉所涉及的最基层的公司正式员工进行处理。受理范围超出职能
//! 权限后,转交上一级职能人进行处理;处理客户投诉的职能层次和责任人顺序为:回访员 ― 服务顾问
//! ― 接待主管 ― 服务经理。"

#[cfg(test)]
mod tests;

use std::fmt;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::text::{clean_block, TextError, NOTE_MAX};
use super::Role;

/// Who owns a complaint, first to last: each hands it up when they cannot act in time.
pub const CHAIN: [Role; 4] = [
    Role::FollowUpAgent,
    Role::Advisor,
    Role::ReceptionSupervisor,
    Role::Manager,
];

/// How far a "customer told" time may lie before the opening or after the server's
/// clock: the screens send minutes (a `datetime-local` input) and device clocks drift.
pub const TOLD_SLACK_SECS: i64 = 60;

/// How the complaint reached the store (seed 001: 来电, 来店, BBS/网站, 向厂商投诉).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Found on an after-delivery call (opened by the follow-up, not by hand).
    FollowUpCall,
    Phone,
    InStore,
    /// A website, forum or social-media post.
    Online,
    /// Forwarded by the manufacturer's hotline.
    ManufacturerHotline,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::FollowUpCall,
        Channel::Phone,
        Channel::InStore,
        Channel::Online,
        Channel::ManufacturerHotline,
    ];

    /// The channels a desk may choose when it records a complaint by hand.
    pub const BY_HAND: [Channel; 4] = [
        Channel::Phone,
        Channel::InStore,
        Channel::Online,
        Channel::ManufacturerHotline,
    ];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::FollowUpCall => "follow_up_call",
            Channel::Phone => "phone",
            Channel::InStore => "in_store",
            Channel::Online => "online",
            Channel::ManufacturerHotline => "manufacturer_hotline",
        }
    }

    /// Inverse of [`Channel::as_str`].
    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// What the complaint is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// The work: the fault is back or was never fixed.
    RepairQuality,
    /// The car was late, or the customer was not told.
    Delay,
    Price,
    /// How staff treated the customer.
    Attitude,
    /// Parts: availability, or not genuine.
    Parts,
    Other,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::RepairQuality,
        Category::Delay,
        Category::Price,
        Category::Attitude,
        Category::Parts,
        Category::Other,
    ];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::RepairQuality => "repair_quality",
            Category::Delay => "delay",
            Category::Price => "price",
            Category::Attitude => "attitude",
            Category::Parts => "parts",
            Category::Other => "other",
        }
    }

    /// Inverse of [`Category::as_str`].
    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// How urgent the complaint is; sets how long each owner has to act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Normal,
    High,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Low, Severity::Normal, Severity::High];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Normal => "normal",
            Severity::High => "high",
        }
    }

    /// Inverse of [`Severity::as_str`].
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// How long an owner has before the complaint passes up the chain. The longest is
    /// seed 000's two days (仍不能解决的,要在两日内报告业务主管).
    pub fn time_to_act(self) -> Duration {
        match self {
            Severity::High => Duration::hours(4),
            Severity::Normal => Duration::hours(24),
            Severity::Low => Duration::hours(48),
        }
    }
}

/// Whether anyone still has to act on the complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintState {
    Open,
    Closed,
}

impl ComplaintState {
    pub const ALL: [ComplaintState; 2] = [ComplaintState::Open, ComplaintState::Closed];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            ComplaintState::Open => "open",
            ComplaintState::Closed => "closed",
        }
    }

    /// Inverse of [`ComplaintState::as_str`].
    pub fn parse(s: &str) -> Option<ComplaintState> {
        ComplaintState::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// One entry of a complaint's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Opened,
    /// Progress, or what the customer was told (让客户随时了解处理的进程).
    Note,
    /// Handed up the chain, by hand or because the owner's time ran out.
    Escalated,
    Resolved,
    Reopened,
}

impl StepKind {
    pub const ALL: [StepKind; 5] = [
        StepKind::Opened,
        StepKind::Note,
        StepKind::Escalated,
        StepKind::Resolved,
        StepKind::Reopened,
    ];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Opened => "opened",
            StepKind::Note => "note",
            StepKind::Escalated => "escalated",
            StepKind::Resolved => "resolved",
            StepKind::Reopened => "reopened",
        }
    }

    /// Inverse of [`StepKind::as_str`].
    pub fn parse(s: &str) -> Option<StepKind> {
        StepKind::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The owner after `owner` in [`CHAIN`]; `None` at the service manager or for a role
/// outside the chain.
pub fn next_owner(owner: Role) -> Option<Role> {
    let at = CHAIN.iter().position(|r| *r == owner)?;
    CHAIN.get(at + 1).copied()
}

/// When an owner who takes the complaint at `at` must have acted.
pub fn deadline_after(at: DateTime<Utc>, severity: Severity) -> DateTime<Utc> {
    at + severity.time_to_act()
}

/// The complaint is past its owner's deadline (from the deadline instant on, when it
/// also passes up the chain).
pub fn is_overdue(deadline: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now >= deadline
}

/// One hand-over up the chain because an owner's time ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Escalation {
    pub to: Role,
    /// The deadline that ran out.
    pub at: DateTime<Utc>,
    /// The new owner's deadline.
    pub next_deadline: DateTime<Utc>,
}

/// The hand-overs an open complaint owned by `owner` with `deadline` has gone through by
/// `now`, in order: each at the deadline that ran out, giving the next owner a fresh
/// [`Severity::time_to_act`]. The service manager is the end: past their deadline the
/// complaint stays with them, overdue.
pub fn escalations_due(
    owner: Role,
    deadline: DateTime<Utc>,
    severity: Severity,
    now: DateTime<Utc>,
) -> Vec<Escalation> {
    let mut steps = Vec::new();
    let (mut owner, mut deadline) = (owner, deadline);
    while is_overdue(deadline, now) {
        let Some(to) = next_owner(owner) else { break };
        let next_deadline = deadline_after(deadline, severity);
        steps.push(Escalation {
            to,
            at: deadline,
            next_deadline,
        });
        (owner, deadline) = (to, next_deadline);
    }
    steps
}

/// The state a complaint is in after a step of `kind`, or why the step is refused: only
/// a closed complaint is reopened, and nothing else happens to a closed one.
pub fn check_step(state: ComplaintState, kind: StepKind) -> Result<ComplaintState, ComplaintError> {
    match (state, kind) {
        (ComplaintState::Closed, StepKind::Reopened) => Ok(ComplaintState::Open),
        (ComplaintState::Closed, _) => Err(ComplaintError::Closed),
        (ComplaintState::Open, StepKind::Reopened) => Err(ComplaintError::NotClosed),
        (ComplaintState::Open, StepKind::Resolved) => Ok(ComplaintState::Closed),
        (ComplaintState::Open, _) => Ok(ComplaintState::Open),
    }
}

/// Why a complaint step was refused; `Display` is shown next to [`ComplaintError::field`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComplaintError {
    /// The complaint is closed: reopen it first.
    Closed,
    /// Only a closed complaint is reopened.
    NotClosed,
    /// The customer was told of the outcome before the complaint was opened.
    ToldBeforeOpened,
    /// The customer was told of the outcome later than now.
    ToldInFuture,
    /// A resolution must say what was done.
    ResolutionEmpty,
    Text {
        field: &'static str,
        error: TextError,
    },
}

impl ComplaintError {
    /// The request field the refusal is about.
    pub fn field(&self) -> &'static str {
        match *self {
            ComplaintError::Closed | ComplaintError::NotClosed => "state",
            ComplaintError::ToldBeforeOpened | ComplaintError::ToldInFuture => "told_at",
            ComplaintError::ResolutionEmpty => "resolution",
            ComplaintError::Text { field, .. } => field,
        }
    }
}

impl fmt::Display for ComplaintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ComplaintError::Closed => {
                f.write_str("This complaint is closed; reopen it to record anything more.")
            }
            ComplaintError::NotClosed => {
                f.write_str("This complaint is still open, so there is nothing to reopen.")
            }
            ComplaintError::ToldBeforeOpened => f.write_str(
                "The customer cannot have been told the outcome before the complaint was opened.",
            ),
            ComplaintError::ToldInFuture => {
                f.write_str("The time the customer was told is in the future.")
            }
            ComplaintError::ResolutionEmpty => f.write_str("Say how the complaint was resolved."),
            ComplaintError::Text { error, .. } => error.fmt(f),
        }
    }
}

impl std::error::Error for ComplaintError {}

/// A resolution as recorded: the customer told of it (处理结果要及时反馈给客户) no
/// earlier than the opening and no later than now (each within [`TOLD_SLACK_SECS`]),
/// the text cleaned ([`clean_block`], [`NOTE_MAX`]), trimmed and not empty.
pub fn check_resolution(
    opened_at: DateTime<Utc>,
    told_at: DateTime<Utc>,
    now: DateTime<Utc>,
    resolution: &str,
) -> Result<String, ComplaintError> {
    let slack = Duration::seconds(TOLD_SLACK_SECS);
    if told_at + slack < opened_at {
        return Err(ComplaintError::ToldBeforeOpened);
    }
    if told_at > now + slack {
        return Err(ComplaintError::ToldInFuture);
    }
    let text = clean_block(resolution, NOTE_MAX)
        .map_err(|error| ComplaintError::Text {
            field: "resolution",
            error,
        })?
        .trim()
        .to_string();
    if text.is_empty() {
        return Err(ComplaintError::ResolutionEmpty);
    }
    Ok(text)
}
