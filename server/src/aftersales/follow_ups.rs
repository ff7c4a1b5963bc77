//! The call list and each call recorded: a call that finds a problem opens a complaint
//! (owned by the follow-up agent, the chain's first step) and, on a first contact, puts
//! a second contact on the list about a week later.

use app::domain::complaint::{deadline_after, Category, Channel, Severity, StepKind};
use app::domain::follow_up::{record_attempt, second_contact_due, FollowUpError};
use app::domain::Role;
use app::model::{CallRecord, FollowUpList, FollowUpTask};
use chrono::{DateTime, Duration, Utc};
use sqlx::SqliteConnection;

use super::{announce_complaint, announce_task, require_aftersales};
use crate::{auth::SessionActor, error::AppError, store, AppState};

/// Closed calls stay on the list this long.
const DONE_SHOWN_DAYS: i64 = 7;

/// The call list at the clock's now: overdue, due today, later, then done, each by
/// deadline. With `agent`, only that agent's calls and those nobody has made yet.
pub async fn list(
    state: &AppState,
    actor: &SessionActor,
    agent: Option<&str>,
) -> Result<FollowUpList, AppError> {
    require_aftersales(actor)?;
    let now = state.clock.now();
    let mut conn = state.pool.acquire().await?;
    let mut tasks =
        store::follow_up_tasks(&mut conn, now - Duration::days(DONE_SHOWN_DAYS), now).await?;
    let mut agents: Vec<String> = tasks.iter().filter_map(|t| t.agent.clone()).collect();
    agents.sort();
    agents.dedup();
    if let Some(agent) = agent.map(str::trim).filter(|a| !a.is_empty()) {
        tasks.retain(|t| t.agent.as_deref().is_none_or(|a| a == agent));
    }
    tasks.sort_by_key(|t| (t.bucket, t.due.by, t.id));
    Ok(FollowUpList { now, tasks, agents })
}

/// One call on the list, as the agent's screen shows it.
pub async fn task(
    state: &AppState,
    actor: &SessionActor,
    id: i64,
) -> Result<FollowUpTask, AppError> {
    require_aftersales(actor)?;
    let mut conn = state.pool.acquire().await?;
    store::follow_up_task(&mut conn, id, state.clock.now())
        .await?
        .ok_or(AppError::NotFound)
}

/// Records one attempt at a call.
pub async fn record(
    state: &AppState,
    actor: &SessionActor,
    id: i64,
    req: CallRecord,
) -> Result<FollowUpTask, AppError> {
    require_aftersales(actor)?;
    let (actor, now) = (actor.clone(), state.clock.now());
    state
        .change(move |tx| Box::pin(async move { record_in(tx, &actor, id, &req, now).await }))
        .await
}

fn conflict(task: &FollowUpTask) -> AppError {
    match serde_json::to_value(task) {
        Ok(current) => AppError::VersionConflict(Box::new(current)),
        Err(e) => AppError::Internal(format!("writing follow-up {} as JSON: {e}", task.id)),
    }
}

async fn record_in(
    tx: &mut SqliteConnection,
    actor: &SessionActor,
    id: i64,
    req: &CallRecord,
    now: DateTime<Utc>,
) -> Result<FollowUpTask, AppError> {
    let task = store::follow_up_task(&mut *tx, id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    if task.attempts != req.expected_attempts {
        return Err(conflict(&task));
    }
    let (attempt, findings) = record_attempt(
        task.state,
        task.attempts,
        task.contact,
        req.outcome,
        req.findings.as_ref(),
    )
    .map_err(|e| match e {
        FollowUpError::Closed => AppError::Conflict {
            code: "follow_up_closed",
            message: e.to_string(),
        },
        other => AppError::field(other.field(), other.to_string()),
    })?;
    let write = store::CallWrite {
        expected_attempts: req.expected_attempts,
        outcome: req.outcome,
        attempt: &attempt,
        findings: findings.as_ref(),
        agent: &actor.name,
        now,
    };
    if !store::record_call(&mut *tx, id, &write).await? {
        return Err(conflict(&task));
    }
    if attempt.second_contact {
        let due = second_contact_due(now, task.call_time);
        let job = task.facts.job_id;
        if let Some(second) =
            store::insert_task(&mut *tx, job, 2, task.call_time, &due, now).await?
        {
            announce_task(&mut *tx, second, now).await?;
        }
    }
    if attempt.complaint {
        let comments = findings.as_ref().map_or("", |f| f.comments.as_str());
        let complaint =
            open_from_call(tx, actor, &task, attempt.fault_not_fixed, comments, now).await?;
        announce_complaint(&mut *tx, complaint, now).await?;
    }
    announce_task(&mut *tx, id, now).await
}

/// A call that found the customer dissatisfied or the fault not fixed opens a
/// complaint: repair quality when the fault is not fixed (high: the car may be unsafe),
/// else "other" at normal severity, owned by the follow-up agent.
async fn open_from_call(
    tx: &mut SqliteConnection,
    actor: &SessionActor,
    task: &FollowUpTask,
    fault_not_fixed: bool,
    comments: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let (category, severity) = if fault_not_fixed {
        (Category::RepairQuality, Severity::High)
    } else {
        (Category::Other, Severity::Normal)
    };
    let summary = if comments.is_empty() {
        if fault_not_fixed {
            "回访: 故障未排除 / follow-up call: fault not fixed"
        } else {
            "回访: 客户不满意 / follow-up call: customer dissatisfied"
        }
    } else {
        comments
    };
    let owner = Role::FollowUpAgent;
    let id = store::insert_complaint(
        &mut *tx,
        &store::NewComplaintRow {
            job_id: Some(task.facts.job_id),
            follow_up_id: Some(task.id),
            channel: Channel::FollowUpCall,
            category,
            severity,
            summary,
            customer_name: &task.facts.customer_name,
            customer_phone: &task.facts.phone,
            owner,
            deadline: deadline_after(now, severity),
            at: now,
        },
    )
    .await?;
    store::insert_step(
        &mut *tx,
        id,
        &store::StepRow {
            at: now,
            kind: StepKind::Opened,
            actor_role: Some(actor.role),
            actor_name: &actor.name,
            owner,
            note: summary,
            promise: "",
        },
    )
    .await?;
    Ok(id)
}
