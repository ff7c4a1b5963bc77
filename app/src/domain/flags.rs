//! Status flags shown on job cards: a return visit (返修), waiting for approval or parts,
//! running late, ready.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::stage::{PauseReason, Stage};

/// A badge on a job card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// A return job (返修): it redoes an earlier job's work.
    Return,
    AwaitingApproval,
    AwaitingParts,
    Delayed,
    Ready,
}

impl Flag {
    /// Every flag, in the order [`flags`] returns them.
    pub const ALL: [Flag; 5] = [
        Flag::Return,
        Flag::AwaitingApproval,
        Flag::AwaitingParts,
        Flag::Delayed,
        Flag::Ready,
    ];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Return => "return",
            Flag::AwaitingApproval => "awaiting_approval",
            Flag::AwaitingParts => "awaiting_parts",
            Flag::Delayed => "delayed",
            Flag::Ready => "ready",
        }
    }

    /// Inverse of [`Flag::as_str`].
    pub fn parse(s: &str) -> Option<Flag> {
        Flag::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The flags of a job, in [`Flag::ALL`] order.
///
/// The pause reason only counts while the job is actually paused.
pub fn flags(
    is_return: bool,
    stage: Stage,
    pause_reason: Option<PauseReason>,
    pending_approval: bool,
    eta: DateTime<Utc>,
    promised_at: DateTime<Utc>,
) -> Vec<Flag> {
    let paused_for = |reason| stage == Stage::Paused && pause_reason == Some(reason);
    let mut out = Vec::new();
    if is_return {
        out.push(Flag::Return);
    }
    if pending_approval || paused_for(PauseReason::AwaitingApproval) {
        out.push(Flag::AwaitingApproval);
    }
    if paused_for(PauseReason::AwaitingParts) {
        out.push(Flag::AwaitingParts);
    }
    if stage.is_active() && stage != Stage::Ready && eta > promised_at {
        out.push(Flag::Delayed);
    }
    if stage == Stage::Ready {
        out.push(Flag::Ready);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;

    fn times(late_minutes: i64) -> (DateTime<Utc>, DateTime<Utc>) {
        let promised = DateTime::<Utc>::from_timestamp(1_780_000_000, 0).unwrap_or_default();
        (promised + TimeDelta::minutes(late_minutes), promised)
    }

    fn at(stage: Stage, reason: Option<PauseReason>, pending: bool, late: i64) -> Vec<Flag> {
        let (eta, promised) = times(late);
        flags(false, stage, reason, pending, eta, promised)
    }

    #[test]
    fn a_return_job_says_so_first() {
        let (eta, promised) = times(30);
        assert_eq!(
            flags(true, Stage::InService, None, false, eta, promised),
            vec![Flag::Return, Flag::Delayed]
        );
    }

    #[test]
    fn on_time_job_has_no_flags() {
        assert_eq!(at(Stage::InService, None, false, 0), vec![]);
        assert_eq!(at(Stage::InService, None, false, -30), vec![]);
    }

    #[test]
    fn approval_and_parts() {
        let approval = Some(PauseReason::AwaitingApproval);
        let parts = Some(PauseReason::AwaitingParts);
        let other = Some(PauseReason::Other);
        assert_eq!(
            at(Stage::Paused, approval, false, 0),
            vec![Flag::AwaitingApproval]
        );
        assert_eq!(
            at(Stage::InService, None, true, 0),
            vec![Flag::AwaitingApproval]
        );
        assert_eq!(
            at(Stage::Paused, parts, false, 0),
            vec![Flag::AwaitingParts]
        );
        assert_eq!(
            at(Stage::Paused, parts, true, 5),
            vec![Flag::AwaitingApproval, Flag::AwaitingParts, Flag::Delayed]
        );
        assert_eq!(at(Stage::Paused, other, false, 0), vec![]);
        // A stale reason on a job that is no longer paused is ignored.
        assert_eq!(at(Stage::InService, parts, false, 0), vec![]);
    }

    #[test]
    fn delayed_only_while_active_and_not_ready() {
        assert_eq!(at(Stage::Queued, None, false, 1), vec![Flag::Delayed]);
        assert_eq!(at(Stage::Washing, None, false, 1), vec![Flag::Delayed]);
        assert_eq!(at(Stage::Ready, None, false, 1), vec![Flag::Ready]);
        assert_eq!(at(Stage::Delivered, None, false, 1), vec![]);
        assert_eq!(at(Stage::Cancelled, None, false, 1), vec![]);
    }

    #[test]
    fn wire_strings() -> Result<(), serde_json::Error> {
        for f in Flag::ALL {
            assert_eq!(serde_json::to_string(&f)?, format!("\"{}\"", f.as_str()));
            assert_eq!(Flag::parse(f.as_str()), Some(f));
        }
        Ok(())
    }
}
