//! After the car leaves (售后): the follow-up call list and each call recorded
//! (`follow_ups`), complaints with their owners, steps and return jobs (`complaints`),
//! and the sweep that escalates every complaint whose deadline the clock has passed.

pub mod complaints;
pub mod follow_ups;
pub mod kpis;
mod return_job;

use app::domain::complaint::{escalations_due, StepKind};
use app::model::{ComplaintView, FollowUpTask};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use crate::{auth::SessionActor, error::AppError, store, AppState};

/// A follow-up call as it is now, with its event for the `aftersales` channel.
pub(crate) async fn announce_task(
    tx: &mut SqliteConnection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<FollowUpTask, AppError> {
    let task = store::follow_up_task(&mut *tx, id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    store::append_follow_up_event(&mut *tx, &task).await?;
    Ok(task)
}

/// A complaint as it is now, with its event for the `aftersales` channel.
pub(crate) async fn announce_complaint(
    tx: &mut SqliteConnection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<ComplaintView, AppError> {
    let complaint = store::complaint(&mut *tx, id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    store::append_complaint_event(&mut *tx, &complaint).await?;
    Ok(complaint)
}

/// Who signs the steps the clock takes.
const ESCALATION_ACTOR: &str = "系统 system";

/// The four roles of the complaint chain work here; everyone else is refused.
pub fn require_aftersales(actor: &SessionActor) -> Result<(), AppError> {
    if actor.role.works_aftersales() {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "follow-up agents, advisors, the reception supervisor and the manager only".into(),
        ))
    }
}

/// Escalates every open complaint whose deadline has passed at the clock's now, each
/// hand-over a step at the deadline that ran out; one change for all of them.
pub async fn sweep(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let moved = state
        .change(move |tx| Box::pin(async move { escalate_in(tx, now).await }))
        .await?;
    Ok(moved)
}

/// The sweep's transaction: how many complaints changed owner.
pub(crate) async fn escalate_in(
    tx: &mut SqliteConnection,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let due = store::complaints_past_deadline(&mut *tx, now).await?;
    let mut moved = 0;
    for (id, owner, deadline, severity) in due {
        let steps = escalations_due(owner, deadline, severity, now);
        let Some(last) = steps.last() else { continue };
        for step in &steps {
            store::insert_step(
                &mut *tx,
                id,
                &store::StepRow {
                    at: step.at,
                    kind: StepKind::Escalated,
                    actor_role: None,
                    actor_name: ESCALATION_ACTOR,
                    owner: step.to,
                    note: "",
                    promise: "",
                },
            )
            .await?;
        }
        store::set_owner(&mut *tx, id, last.to, last.next_deadline).await?;
        store::bump_complaint(&mut *tx, id).await?;
        announce_complaint(&mut *tx, id, now).await?;
        moved += 1;
    }
    Ok(moved)
}

/// Once a minute, escalates what the clock has made overdue.
pub fn spawn_escalations(state: &AppState) {
    let state = state.clone();
    tokio::spawn(async move {
        let minute = std::time::Duration::from_secs(60);
        let mut tick = tokio::time::interval(minute);
        loop {
            tick.tick().await;
            if let Err(e) = sweep(&state).await {
                tracing::warn!("escalating complaints: {e}");
            }
        }
    });
}
