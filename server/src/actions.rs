//! Taking an action on a job: one transaction that checks the expected version, runs
//! the stage machine, writes the change, the timeline entry and the event; the event
//! is published only after commit.

use app::domain::{apply, place_in_queue, rule, Action, JobFacts, Refusal, Stage};
pub use app::model::ActionRequest;
use app::model::{checklist_done, tech_job, JobView, TimelineAction};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use crate::{auth::SessionActor, error::AppError, store, AppState};

/// The view of a job a session may see: the desk (advisor, foreman, manager) gets the
/// whole job; everyone else who works on the car (technicians, QC, washer) gets the work,
/// never the customer's name, phone or tracking token.
pub fn view_for(viewer: &SessionActor, job: &JobView) -> Result<serde_json::Value, AppError> {
    let view = if viewer.is_desk() {
        serde_json::to_value(job)
    } else {
        serde_json::to_value(tech_job(job))
    };
    // No silent default: a view that cannot be written is a server fault, not `null`.
    view.map_err(|e| AppError::Internal(format!("writing job {} as JSON: {e}", job.id)))
}

/// Technicians act only on (and see only) jobs at the bay they signed in at.
pub fn check_bay(actor: &SessionActor, bay_id: Option<i64>) -> Result<(), AppError> {
    if actor.is_technician() && bay_id != actor.bay_id {
        return Err(AppError::Forbidden("this job is not at your bay".into()));
    }
    Ok(())
}

/// Applies an action taken by `actor` (whoever signed in, or whoever countersigned with
/// a PIN at the device); returns the job's new state as the device's session, `viewer`,
/// may see it: a PIN typed at a bay's screen never opens more than that screen shows.
pub async fn perform(
    state: &AppState,
    actor: &SessionActor,
    viewer: &SessionActor,
    job_id: i64,
    mut req: ActionRequest,
) -> Result<serde_json::Value, AppError> {
    // The one text rule (length, odd Unicode) before anything is read or written.
    req.action
        .clean_note()
        .map_err(|e| AppError::field("note", e.to_string()))?;
    let (actor, viewer, now) = (actor.clone(), viewer.clone(), state.clock.now());
    state
        .change(move |conn| {
            Box::pin(async move { act(conn, &actor, &viewer, job_id, req, now).await })
        })
        .await
}

/// The action's transaction, on the writer's connection.
pub(crate) async fn act(
    tx: &mut SqliteConnection,
    actor: &SessionActor,
    viewer: &SessionActor,
    job_id: i64,
    req: ActionRequest,
    now: DateTime<Utc>,
) -> Result<serde_json::Value, AppError> {
    if !store::claim_version(&mut *tx, job_id, req.expected_version).await? {
        let current = store::load_job(&mut *tx, job_id).await?;
        let job = current.ok_or(AppError::NotFound)?;
        check_bay(actor, job.bay_id)?;
        check_bay(viewer, job.bay_id)?;
        // Who may take the step is answered before whether they were too late, so a
        // stale request never shows a job to someone who may not act on it.
        if !rule(req.action.kind()).by.contains(&actor.role) {
            return Err(refused(Refusal::Forbidden {
                action: req.action.kind(),
                role: actor.role,
            }));
        }
        return Err(AppError::VersionConflict(Box::new(view_for(viewer, &job)?)));
    }
    let st = store::load_job(&mut *tx, job_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let from = st.stage;
    check_bay(actor, st.bay_id)?;
    check_bay(viewer, st.bay_id)?;
    let facts = JobFacts {
        stage: from,
        wash_requested: st.wash,
        team_check_passed: st.team_check_passed,
        checklist_done: checklist_done(&st.items),
    };
    let outcome = apply(&facts, &req.action, actor.role).map_err(refused)?;

    let mut update = store::JobUpdate {
        stage: outcome.to,
        stage_changed: outcome.to != from,
        bay_id: st.bay_id,
        queue_pos: if outcome.to == Stage::Queued {
            st.queue_pos
        } else {
            None
        },
        pause_reason: outcome.pause_reason,
        team_check_passed: outcome.team_check_passed,
        delivered: None,
    };
    // Jobs whose place in a queue this action moved (they get events of their own).
    let mut reordered = Vec::new();
    let mut issue_invoice = None;
    match &req.action {
        Action::Assign { bay_id, position } => {
            if !store::bay_exists(&mut *tx, *bay_id).await? {
                return Err(AppError::field(
                    "bay_id",
                    format!("there is no bay {bay_id}"),
                ));
            }
            match position {
                Some(position) => {
                    let queue = store::bay_queue(&mut *tx, *bay_id).await?;
                    let ids: Vec<i64> = queue.iter().map(|(id, _)| *id).collect();
                    for (index, id) in place_in_queue(&ids, job_id, *position).iter().enumerate() {
                        let pos = i64::try_from(index).unwrap_or(i64::MAX - 1) + 1;
                        if *id == job_id {
                            update.queue_pos = Some(pos);
                        } else if queue.iter().any(|(other, was)| other == id && *was != pos) {
                            store::set_queue_pos(&mut *tx, *id, pos).await?;
                            reordered.push(*id);
                        }
                    }
                }
                None if st.bay_id != Some(*bay_id) || st.queue_pos.is_none() => {
                    update.queue_pos = Some(store::next_queue_pos(&mut *tx, *bay_id).await?);
                }
                None => {}
            }
            update.bay_id = Some(*bay_id);
        }
        Action::Deliver {
            next_service_km,
            next_service_date,
            old_parts_handled,
            payment_method,
            call_time,
        } => {
            let next = crate::delivery::check(
                &st,
                now,
                *next_service_km,
                *next_service_date,
                *old_parts_handled,
                payment_method.as_deref(),
                *call_time,
            )?;
            update.delivered = Some((next.km, next.date, actor.name.clone()));
            issue_invoice = Some(next);
        }
        _ => {}
    }

    store::update_job(&mut *tx, job_id, &update, now).await?;
    // A closed job gives back what it still holds (a cancelled job all of it, a
    // delivered one the parts it did not use).
    if matches!(outcome.to, Stage::Cancelled | Stage::Delivered) && outcome.to != from {
        crate::stock::release(&mut *tx, job_id, None, crate::stock::who(actor), now).await?;
    }
    let note = req.action.note().unwrap_or_default();
    let kind = req.action.kind();
    store::record_timeline(
        &mut *tx,
        job_id,
        now,
        actor.role.into(),
        &actor.name,
        TimelineAction::Stage(kind),
        Some(from),
        outcome.to,
        note,
    )
    .await?;
    if let Some(next) = issue_invoice {
        crate::delivery::issue_invoice(&mut *tx, job_id, actor, now, next).await?;
    }
    crate::eta::refresh_etas(&mut *tx, now, crate::eta::Announce::AllBut(Some(job_id))).await?;
    for id in reordered {
        if let Some(moved) = store::load_job(&mut *tx, id).await? {
            store::append_job_event(&mut *tx, &moved, None, now).await?;
        }
    }
    let job = store::load_job(&mut *tx, job_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let prev_bay = st.bay_id.filter(|b| Some(*b) != job.bay_id);
    store::append_job_event(&mut *tx, &job, prev_bay, now).await?;
    view_for(viewer, &job)
}

fn refused(refusal: Refusal) -> AppError {
    match refusal {
        Refusal::Forbidden { .. } => AppError::Forbidden(refusal.to_string()),
        Refusal::NoteRequired => AppError::field("note", refusal.to_string()),
        Refusal::SelfCheckRequired => AppError::Invalid {
            code: "self_check_required",
            message: refusal.to_string(),
            fields: [("self_check".to_string(), refusal.to_string())].into(),
        },
        Refusal::ChecklistIncomplete => {
            AppError::invalid("checklist_incomplete", refusal.to_string())
        }
        Refusal::IllegalTransition { .. } | Refusal::TeamCheckMissing => {
            AppError::invalid("illegal_transition", refusal.to_string())
        }
    }
}
