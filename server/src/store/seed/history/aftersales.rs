//! The history's follow-up calls: every delivery's first call (done with each
//! satisfaction, unreachable after 3 attempts, declined, or still open for the last
//! days, some overdue), second contacts after a problem, and the return jobs and
//! complaints the calls found.

use app::domain::follow_up::{
    first_call_due, record_attempt, second_contact_due, CallFindings, CallOutcome, CallTime,
    FaultFixed, Satisfaction, TaskState,
};
use app::domain::store_date;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::complaints::{self, Opened};
use super::jobs::{self, Delivered, Plan};
use super::people::Car;
use super::{Rng, HISTORY_DAYS};
use crate::store::{self, CallWrite, StoreError};

/// The demo follow-up agent.
pub(super) const AGENT: &str = "吴佳";
const TIMES: &[CallTime] = &[CallTime::Morning, CallTime::Afternoon, CallTime::Evening];

/// A complaint a first call opened.
struct Problem {
    job: usize,
    opened: Opened,
    fault_not_fixed: bool,
}

pub(super) async fn insert(
    conn: &mut SqliteConnection,
    rng: &mut Rng,
    fleet: &[Car],
    delivered: &[Delivered],
    today: NaiveDate,
    cutoff: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut problems = Vec::new();
    for (at, job) in delivered.iter().enumerate() {
        if let Some((opened, fault_not_fixed)) =
            follow_up(conn, rng, job, today, cutoff, true).await?
        {
            problems.push(Problem {
                job: at,
                opened,
                fault_not_fixed,
            });
        }
    }
    let mut returns = 0;
    let mut reopened = false;
    for p in problems {
        let mut earliest = None;
        let original = delivered.get(p.job);
        let day = store_date(p.opened.at) + Duration::days(1);
        if let (true, Some(original)) = (p.fault_not_fixed && day < today, original) {
            if let Some(car) = fleet.get(original.car) {
                returns += 1;
                let index = HISTORY_DAYS - (today - day).num_days();
                let plan = Plan::redo(car, original, day, index, format!("R{returns:02}"));
                let job = jobs::insert_job(conn, rng, &plan).await?;
                store::set_return_job(conn, p.opened.id, job.id).await?;
                earliest = Some(job.delivered_at);
                follow_up(conn, rng, &job, today, cutoff, false).await?;
            }
        }
        complaints::settle(conn, rng, &p.opened, earliest, cutoff, &mut reopened).await?;
    }
    super::hand::by_hand(conn, rng, delivered, today, cutoff, &mut reopened).await
}

/// The first call of a delivered job, as far as the history got before `cutoff`; the
/// complaint it opened, and whether the fault was not fixed. `complaints`: whether the
/// customer may be unhappy (not after a return job).
async fn follow_up(
    conn: &mut SqliteConnection,
    rng: &mut Rng,
    job: &Delivered,
    today: NaiveDate,
    cutoff: DateTime<Utc>,
    complaints: bool,
) -> Result<Option<(Opened, bool)>, StoreError> {
    let call_time = match rng.one_in(15) {
        true => CallTime::NoCalls,
        false => rng.pick(TIMES).copied().unwrap_or(CallTime::Morning),
    };
    let Some(task) = store::schedule_first_call(conn, job.id, call_time, job.delivered_at).await?
    else {
        return Ok(None);
    };
    let Some(due) = first_call_due(job.delivered_at, call_time) else {
        return Ok(None);
    };
    use CallOutcome::{Declined, NotReached, Reached};
    let back = (today - store_date(job.delivered_at)).num_days();
    let roll = rng.below(100);
    let calls: &[CallOutcome] =
        if back <= 2 || (back == 3 && roll.is_multiple_of(2)) || (back <= 6 && roll < 20) {
            // Still on the list: at most one call that found nobody.
            if roll.is_multiple_of(3) {
                &[NotReached]
            } else {
                &[]
            }
        } else if roll < 7 {
            &[NotReached, NotReached, NotReached]
        } else if roll < 12 {
            &[Declined]
        } else if roll < 30 {
            &[NotReached, Reached]
        } else {
            &[Reached]
        };
    let (mut state, mut attempts) = (TaskState::Open, 0u8);
    for (day, &outcome) in (0..).zip(calls) {
        let at = due.from + Duration::days(day) + Duration::minutes(rng.range(0, 100));
        if at >= cutoff {
            break;
        }
        let findings = (outcome == Reached).then(|| findings(rng, job, complaints));
        let (attempt, cleaned) = record_attempt(state, attempts, 1, outcome, findings.as_ref())
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let write = CallWrite {
            expected_attempts: attempts,
            outcome,
            attempt: &attempt,
            findings: cleaned.as_ref(),
            agent: AGENT,
            now: at,
        };
        store::record_call(conn, task, &write).await?;
        (state, attempts) = (attempt.state, attempt.attempts);
        if attempt.complaint {
            let comments = cleaned.map(|f| f.comments).unwrap_or_default();
            let opened =
                complaints::open_from_call(conn, job, task, attempt.fault_not_fixed, &comments, at)
                    .await?;
            if attempt.second_contact {
                second_contact(conn, rng, job, call_time, at, cutoff).await?;
            }
            return Ok(Some((opened, attempt.fault_not_fixed)));
        }
    }
    Ok(None)
}

/// The second contact a week after a call that found a problem: the customer is
/// satisfied now, if the day has come.
async fn second_contact(
    conn: &mut SqliteConnection,
    rng: &mut Rng,
    job: &Delivered,
    call_time: CallTime,
    first: DateTime<Utc>,
    cutoff: DateTime<Utc>,
) -> Result<(), StoreError> {
    let due = second_contact_due(first, call_time);
    let Some(task) = store::insert_task(conn, job.id, 2, call_time, &due, first).await? else {
        return Ok(());
    };
    let at = due.from + Duration::minutes(rng.range(0, 90));
    if at >= cutoff {
        return Ok(());
    }
    let findings = CallFindings {
        satisfaction: Satisfaction::Satisfied,
        fault_fixed: if job.fault {
            FaultFixed::Yes
        } else {
            FaultFixed::NotApplicable
        },
        comments: "问题已经处理好了，谢谢".to_string(),
        reminder_consent: true,
    };
    let (attempt, cleaned) =
        record_attempt(TaskState::Open, 0, 2, CallOutcome::Reached, Some(&findings))
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let write = CallWrite {
        expected_attempts: 0,
        outcome: CallOutcome::Reached,
        attempt: &attempt,
        findings: cleaned.as_ref(),
        agent: AGENT,
        now: at,
    };
    store::record_call(conn, task, &write).await?;
    Ok(())
}

/// What a reached customer says: mostly very satisfied or satisfied; now and then a
/// fault not fixed (only where the job fixed one) or a dissatisfied customer.
fn findings(rng: &mut Rng, job: &Delivered, complaints: bool) -> CallFindings {
    let roll = rng.below(100);
    let mut satisfaction = match roll {
        0..=54 => Satisfaction::VerySatisfied,
        _ if roll < 85 || !complaints => Satisfaction::Satisfied,
        85..=92 => Satisfaction::Neutral,
        _ => Satisfaction::Dissatisfied,
    };
    let fault_fixed = match (job.fault, complaints && rng.one_in(8)) {
        (false, _) => FaultFixed::NotApplicable,
        (true, false) => FaultFixed::Yes,
        (true, true) => {
            satisfaction = if roll.is_multiple_of(2) {
                Satisfaction::Neutral
            } else {
                Satisfaction::Dissatisfied
            };
            FaultFixed::No
        }
    };
    let comments = match (fault_fixed, satisfaction) {
        (FaultFixed::No, _) => "问题还在，没有修好",
        (_, Satisfaction::VerySatisfied) => "服务很好，师傅很专业",
        (_, Satisfaction::Satisfied) => "挺好的，就是等得有点久",
        (_, Satisfaction::Neutral) => "一般吧，价格有点贵",
        (_, Satisfaction::Dissatisfied) => "等了太久，也没人主动告知进度",
    };
    CallFindings {
        satisfaction,
        fault_fixed,
        comments: comments.to_string(),
        reminder_consent: !rng.one_in(4),
    }
}
