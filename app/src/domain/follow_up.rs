//! After-delivery calls (回访): when the first call and a second contact fall due in the
//! store's days, the customer's preferred call time, and what one call attempt records
//! (satisfaction, whether the fault is gone, whether it opens a complaint).
//!
//! Seed 001: "回访应做到时效性,要求用户服务离站三天之内进行" (call within three days of
//! the car leaving); seed 000: ask at delivery when the customer can take the call, and
//! call again about a week after the first contact.

mod answers;
#[cfg(test)]
mod tests;

pub use answers::{CallOutcome, FaultFixed, Satisfaction, TaskState};

use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::clock::{from_store_local, store_date};
use super::text::{clean_block, TextError};

/// Calls that do not reach the customer before the task is closed as unreachable.
pub const MAX_ATTEMPTS: u8 = 3;
/// The first call is due by the end of this store day after the delivery day.
pub const FIRST_CALL_DAYS: i64 = 3;
/// A second contact opens this many store days after the first call's day.
pub const SECOND_CONTACT_DAYS: i64 = 7;
/// A second contact is due by the end of this many store days after it opens.
pub const SECOND_CONTACT_SPAN_DAYS: i64 = 2;
/// The agent's notes of one call (the customer's words, suggestions).
pub const COMMENTS_MAX: usize = 1000;

/// `h:m:s` as a constant (out-of-range arguments never occur: every call is below).
const fn hms(h: u32, m: u32, s: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(h, m, s) {
        Some(t) => t,
        None => NaiveTime::MIN,
    }
}

/// The last second of a store day: a due date "by Thursday" includes all of Thursday.
const END_OF_DAY: NaiveTime = hms(23, 59, 59);
/// Where a task without a preferred window starts its day.
const DAY_START: NaiveTime = hms(9, 0, 0);

/// When the customer said they can take the call (asked at delivery).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CallTime {
    Morning,
    Afternoon,
    Evening,
    /// The customer does not want a follow-up call.
    NoCalls,
}

impl CallTime {
    /// Every preference, in the order of the day.
    pub const ALL: [CallTime; 4] = [
        CallTime::Morning,
        CallTime::Afternoon,
        CallTime::Evening,
        CallTime::NoCalls,
    ];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            CallTime::Morning => "morning",
            CallTime::Afternoon => "afternoon",
            CallTime::Evening => "evening",
            CallTime::NoCalls => "no_calls",
        }
    }

    /// Inverse of [`CallTime::as_str`].
    pub fn parse(s: &str) -> Option<CallTime> {
        CallTime::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The window to call in, store local time (start, end); `None` for no calls.
    pub fn window(self) -> Option<(NaiveTime, NaiveTime)> {
        match self {
            CallTime::Morning => Some((hms(9, 0, 0), hms(12, 0, 0))),
            CallTime::Afternoon => Some((hms(14, 0, 0), hms(17, 30, 0))),
            CallTime::Evening => Some((hms(18, 30, 0), hms(20, 30, 0))),
            CallTime::NoCalls => None,
        }
    }
}

/// When a call is due: not before `from`, at the latest `by` (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DueWindow {
    pub from: DateTime<Utc>,
    pub by: DateTime<Utc>,
}

/// `time` on the store day `days_later` days after `day` (the store keeps a fixed
/// offset, so a store day is always 24 hours).
fn store_instant(day: NaiveDate, days_later: i64, time: NaiveTime) -> DateTime<Utc> {
    from_store_local(day.and_time(time)) + Duration::days(days_later)
}

/// The first call after a delivery: from the preferred window on the next store day,
/// by the end of the [`FIRST_CALL_DAYS`]th store day after the delivery's (delivered
/// Monday → by Thursday 23:59:59); `None` when the customer wants no calls.
pub fn first_call_due(delivered_at: DateTime<Utc>, call_time: CallTime) -> Option<DueWindow> {
    let (start, _) = call_time.window()?;
    let day = store_date(delivered_at);
    Some(DueWindow {
        from: store_instant(day, 1, start),
        by: store_instant(day, FIRST_CALL_DAYS, END_OF_DAY),
    })
}

/// The second contact after a first call that found a complaint: from the preferred
/// window (09:00 without one) [`SECOND_CONTACT_DAYS`] store days after the call's day,
/// by the end of the [`SECOND_CONTACT_SPAN_DAYS`]th day after that.
pub fn second_contact_due(first_call_at: DateTime<Utc>, call_time: CallTime) -> DueWindow {
    let start = call_time.window().map_or(DAY_START, |(start, _)| start);
    let day = store_date(first_call_at);
    DueWindow {
        from: store_instant(day, SECOND_CONTACT_DAYS, start),
        by: store_instant(
            day,
            SECOND_CONTACT_DAYS + SECOND_CONTACT_SPAN_DAYS,
            END_OF_DAY,
        ),
    }
}

/// A call made at `at` keeps the promise (early calls count too).
pub fn on_time(due: &DueWindow, at: DateTime<Utc>) -> bool {
    at <= due.by
}

/// The call is late at `now`.
pub fn is_overdue(due: &DueWindow, now: DateTime<Utc>) -> bool {
    now > due.by
}

/// What the customer said on a call that reached them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CallFindings {
    pub satisfaction: Satisfaction,
    pub fault_fixed: FaultFixed,
    /// The agent's notes: the customer's words, complaints, suggestions.
    pub comments: String,
    /// The customer agrees to be reminded of the next service (提醒车辆下次保养时间).
    pub reminder_consent: bool,
}

/// A follow-up task after one more call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    pub state: TaskState,
    /// Calls made so far, this one included.
    pub attempts: u8,
    /// The call found a complaint: the customer is dissatisfied or the fault is not fixed.
    pub complaint: bool,
    pub fault_not_fixed: bool,
    /// A second contact is to be scheduled (a complaint found on the first contact).
    pub second_contact: bool,
}

/// Why a call could not be recorded; `Display` is shown next to [`FollowUpError::field`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpError {
    /// The task is done, unreachable or declined.
    Closed,
    /// A call that reached the customer must say what they answered.
    FindingsMissing,
    /// Only a call that reached the customer has answers.
    FindingsUnexpected,
    Comments(TextError),
}

impl FollowUpError {
    /// The request field the refusal is about.
    pub fn field(&self) -> &'static str {
        match self {
            FollowUpError::Closed => "state",
            FollowUpError::FindingsMissing | FollowUpError::FindingsUnexpected => "findings",
            FollowUpError::Comments(_) => "comments",
        }
    }
}

impl fmt::Display for FollowUpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FollowUpError::Closed => {
                f.write_str("This follow-up is already closed; no more calls can be recorded.")
            }
            FollowUpError::FindingsMissing => f.write_str(
                "The customer was reached: record their satisfaction and whether the fault \
                 is fixed.",
            ),
            FollowUpError::FindingsUnexpected => f.write_str(
                "Only a call that reached the customer records their answers; leave them empty.",
            ),
            FollowUpError::Comments(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for FollowUpError {}

/// One more call on a task in `state` after `attempts` calls, on contact `contact`
/// (1 = the first call after delivery, 2 = the second contact). Returns the task after
/// the call and, for a reached customer, the findings with the comments cleaned
/// ([`clean_block`], trimmed).
pub fn record_attempt(
    state: TaskState,
    attempts: u8,
    contact: u8,
    outcome: CallOutcome,
    findings: Option<&CallFindings>,
) -> Result<(Attempt, Option<CallFindings>), FollowUpError> {
    if state.is_closed() {
        return Err(FollowUpError::Closed);
    }
    let attempts = attempts.saturating_add(1);
    let quiet = |state| Attempt {
        state,
        attempts,
        complaint: false,
        fault_not_fixed: false,
        second_contact: false,
    };
    match outcome {
        CallOutcome::NotReached | CallOutcome::Declined if findings.is_some() => {
            Err(FollowUpError::FindingsUnexpected)
        }
        CallOutcome::NotReached => {
            let state = if attempts >= MAX_ATTEMPTS {
                TaskState::Unreachable
            } else {
                TaskState::Open
            };
            Ok((quiet(state), None))
        }
        CallOutcome::Declined => Ok((quiet(TaskState::Declined), None)),
        CallOutcome::Reached => {
            let findings = findings.ok_or(FollowUpError::FindingsMissing)?;
            let comments = clean_block(&findings.comments, COMMENTS_MAX)
                .map_err(FollowUpError::Comments)?
                .trim()
                .to_string();
            let fault_not_fixed = findings.fault_fixed == FaultFixed::No;
            let complaint = findings.satisfaction == Satisfaction::Dissatisfied || fault_not_fixed;
            let attempt = Attempt {
                state: TaskState::Done,
                attempts,
                complaint,
                fault_not_fixed,
                second_contact: complaint && contact == 1,
            };
            let cleaned = CallFindings {
                satisfaction: findings.satisfaction,
                fault_fixed: findings.fault_fixed,
                comments,
                reminder_consent: findings.reminder_consent,
            };
            Ok((attempt, Some(cleaned)))
        }
    }
}
