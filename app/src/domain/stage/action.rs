//! The action payload a staff member sends to move a job: `{"action":"pause","reason":...}`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ActionKind, PauseReason};
use crate::domain::follow_up::CallTime;
use crate::domain::text::{clean_block, TextError, NOTE_MAX};

/// One requested move of a job, tagged on the wire by its `action` string.
///
/// Works both standalone and `#[serde(flatten)]`ed into a request struct.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    Assign {
        bay_id: i64,
        /// Where in the bay's queue (1 = next); the end when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<u32>,
    },
    Start,
    Pause {
        reason: PauseReason,
        #[serde(default)]
        note: Option<String>,
    },
    Resume,
    FinishWork {
        #[serde(default)]
        note: Option<String>,
        /// The technician confirms the self-check (自检) is done.
        #[serde(default)]
        self_check: bool,
    },
    TeamCheck {
        passed: bool,
        #[serde(default)]
        note: Option<String>,
    },
    QcPass,
    QcFail {
        note: String,
    },
    FinishWash,
    /// Hand the car back: the delivery checklist (`domain::delivery`) must be complete.
    Deliver {
        #[serde(default)]
        next_service_km: Option<u32>,
        #[serde(default)]
        next_service_date: Option<NaiveDate>,
        /// The old parts were shown and handed over (`take`) or left for disposal.
        #[serde(default)]
        old_parts_handled: bool,
        /// How the customer paid, when it differs from the check-in's choice.
        #[serde(default)]
        payment_method: Option<String>,
        /// When the customer prefers the follow-up call (回访), or that they want none.
        #[serde(default)]
        call_time: Option<CallTime>,
    },
    Cancel {
        #[serde(default)]
        note: Option<String>,
    },
}

impl Action {
    /// The kind of this action, without its payload.
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Assign { .. } => ActionKind::Assign,
            Action::Start => ActionKind::Start,
            Action::Pause { .. } => ActionKind::Pause,
            Action::Resume => ActionKind::Resume,
            Action::FinishWork { .. } => ActionKind::FinishWork,
            Action::TeamCheck { .. } => ActionKind::TeamCheck,
            Action::QcPass => ActionKind::QcPass,
            Action::QcFail { .. } => ActionKind::QcFail,
            Action::FinishWash => ActionKind::FinishWash,
            Action::Deliver { .. } => ActionKind::Deliver,
            Action::Cancel { .. } => ActionKind::Cancel,
        }
    }

    /// Cleans the action's note in place by the one text rule (`domain::text`): zero-width
    /// characters removed, at most `NOTE_MAX` characters, no bidi or control characters.
    /// The server calls it before anything else, so a refused note changes nothing.
    pub fn clean_note(&mut self) -> Result<(), TextError> {
        let note = match self {
            Action::Pause { note, .. }
            | Action::FinishWork { note, .. }
            | Action::TeamCheck { note, .. }
            | Action::Cancel { note } => note.as_mut(),
            Action::QcFail { note } => Some(note),
            Action::Assign { .. }
            | Action::Start
            | Action::Resume
            | Action::QcPass
            | Action::FinishWash
            | Action::Deliver { .. } => None,
        };
        if let Some(note) = note {
            *note = clean_block(note, NOTE_MAX)?.trim().to_string();
        }
        Ok(())
    }

    /// The staff note attached to the action, trimmed; `None` when absent or blank.
    pub fn note(&self) -> Option<&str> {
        let note = match self {
            Action::Pause { note, .. }
            | Action::FinishWork { note, .. }
            | Action::TeamCheck { note, .. }
            | Action::Cancel { note } => note.as_deref(),
            Action::QcFail { note } => Some(note.as_str()),
            Action::Assign { .. }
            | Action::Start
            | Action::Resume
            | Action::QcPass
            | Action::FinishWash
            | Action::Deliver { .. } => None,
        };
        note.map(str::trim).filter(|n| !n.is_empty())
    }
}
