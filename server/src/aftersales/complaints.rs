//! Complaints at the desk: the list and one whole, one taken by hand, a step (a note with
//! what was promised, the resolution, a re-opening) and the return job (返修) a fault
//! not fixed gets in one tap.

use app::domain::complaint::{
    check_resolution, check_step, deadline_after, ComplaintError, StepKind, CHAIN,
};
use app::domain::text::{clean_block, clean_line, NAME_MAX, NOTE_MAX, PHONE_INPUT_MAX};
use app::domain::{store_date, Phone, Role};
use app::model::{ComplaintList, ComplaintStepRequest, ComplaintView, NewComplaint, StepAction};
use chrono::{DateTime, Duration, Utc};
use sqlx::SqliteConnection;

use super::{announce_complaint, require_aftersales, return_job};
use crate::{auth::SessionActor, error::AppError, store, AppState};

/// Closed complaints stay on the list this long.
const CLOSED_SHOWN_DAYS: i64 = 30;

pub async fn list(state: &AppState, actor: &SessionActor) -> Result<ComplaintList, AppError> {
    require_aftersales(actor)?;
    let now = state.clock.now();
    let mut conn = state.pool.acquire().await?;
    let complaints =
        store::complaints(&mut conn, now - Duration::days(CLOSED_SHOWN_DAYS), now).await?;
    Ok(ComplaintList { now, complaints })
}

pub async fn one(
    state: &AppState,
    actor: &SessionActor,
    id: i64,
) -> Result<ComplaintView, AppError> {
    require_aftersales(actor)?;
    let mut conn = state.pool.acquire().await?;
    store::complaint(&mut conn, id, state.clock.now())
        .await?
        .ok_or(AppError::NotFound)
}

fn text(field: &str, value: &str, max: usize) -> Result<String, AppError> {
    clean_block(value, max)
        .map(|t| t.trim().to_string())
        .map_err(|e| AppError::field(field, e.to_string()))
}

fn required(field: &str, value: &str, max: usize) -> Result<String, AppError> {
    let t = text(field, value, max)?;
    if t.is_empty() {
        return Err(AppError::field(field, "required"));
    }
    Ok(t)
}

/// The owner of a complaint someone takes by hand: themselves when they are on the chain.
fn first_owner(role: Role) -> Role {
    if CHAIN.contains(&role) {
        role
    } else {
        Role::FollowUpAgent
    }
}

/// A complaint taken at the desk (phone, in store, online, the manufacturer's hotline).
pub async fn open(
    state: &AppState,
    actor: &SessionActor,
    req: NewComplaint,
) -> Result<ComplaintView, AppError> {
    require_aftersales(actor)?;
    if !app::domain::complaint::Channel::BY_HAND.contains(&req.channel) {
        return Err(AppError::field(
            "channel",
            "phone, in_store, online or manufacturer_hotline (a follow-up call opens its own)",
        ));
    }
    let summary = required("summary", &req.summary, NOTE_MAX)?;
    let name = req
        .customer_name
        .as_deref()
        .map(|n| {
            clean_line(n, NAME_MAX)
                .map(|t| t.trim().to_string())
                .map_err(|e| AppError::field("customer_name", e.to_string()))
        })
        .transpose()?
        .filter(|n| !n.is_empty());
    let phone = req
        .customer_phone
        .as_deref()
        .map(|p| {
            clean_line(p, PHONE_INPUT_MAX)
                .map_err(|e| e.to_string())
                .and_then(|p| Phone::parse(&p).map_err(|e| e.to_string()))
                .map(|p| p.as_str().to_string())
                .map_err(|e| AppError::field("customer_phone", e))
        })
        .transpose()?;
    let (actor, now) = (actor.clone(), state.clock.now());
    state
        .change(move |tx| {
            Box::pin(async move {
                let (name, phone) = match req.job_id {
                    Some(job_id) => {
                        let job = store::load_job(&mut *tx, job_id)
                            .await?
                            .ok_or_else(|| AppError::field("job_id", "there is no such job"))?;
                        (
                            name.unwrap_or(job.customer.name),
                            phone.unwrap_or(job.customer.phone),
                        )
                    }
                    None => match (name, phone) {
                        (Some(name), Some(phone)) => (name, phone),
                        (None, _) => return Err(AppError::field("customer_name", "required")),
                        (_, None) => return Err(AppError::field("customer_phone", "required")),
                    },
                };
                let owner = first_owner(actor.role);
                let id = store::insert_complaint(
                    &mut *tx,
                    &store::NewComplaintRow {
                        job_id: req.job_id,
                        follow_up_id: None,
                        channel: req.channel,
                        category: req.category,
                        severity: req.severity,
                        summary: &summary,
                        customer_name: &name,
                        customer_phone: &phone,
                        owner,
                        deadline: deadline_after(now, req.severity),
                        at: now,
                    },
                )
                .await?;
                step(tx, &actor, id, StepKind::Opened, owner, &summary, "", now).await?;
                announce_complaint(tx, id, now).await
            })
        })
        .await
}

#[allow(clippy::too_many_arguments)]
async fn step(
    tx: &mut SqliteConnection,
    actor: &SessionActor,
    id: i64,
    kind: StepKind,
    owner: Role,
    note: &str,
    promise: &str,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    store::insert_step(
        tx,
        id,
        &store::StepRow {
            at,
            kind,
            actor_role: Some(actor.role),
            actor_name: &actor.name,
            owner,
            note,
            promise,
        },
    )
    .await?;
    Ok(())
}

async fn reload(
    tx: &mut SqliteConnection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<ComplaintView, AppError> {
    store::complaint(tx, id, now)
        .await?
        .ok_or(AppError::NotFound)
}

fn refused(e: ComplaintError) -> AppError {
    match e {
        ComplaintError::Closed => AppError::Conflict {
            code: "complaint_closed",
            message: e.to_string(),
        },
        ComplaintError::NotClosed => AppError::Conflict {
            code: "complaint_open",
            message: e.to_string(),
        },
        other => AppError::field(other.field(), other.to_string()),
    }
}

/// A note (what was done, what was promised), the resolution, or a re-opening.
pub async fn add_step(
    state: &AppState,
    actor: &SessionActor,
    id: i64,
    req: ComplaintStepRequest,
) -> Result<ComplaintView, AppError> {
    require_aftersales(actor)?;
    let note = required("note", &req.note, NOTE_MAX)?;
    let promise = text("promise", req.promise.as_deref().unwrap_or(""), NOTE_MAX)?;
    if req.action != StepAction::Note && !promise.is_empty() {
        return Err(AppError::field("promise", "only a note records a promise"));
    }
    if req.action != StepAction::Resolve && req.customer_told_on.is_some() {
        return Err(AppError::field(
            "customer_told_on",
            "only a resolution records when the customer was told",
        ));
    }
    let (actor, now) = (actor.clone(), state.clock.now());
    state
        .change(move |tx| {
            Box::pin(async move {
                let current = reload(&mut *tx, id, now).await?;
                if !store::claim_complaint(&mut *tx, id, req.expected_version).await? {
                    return Err(conflict(&current));
                }
                let kind = match req.action {
                    StepAction::Note => StepKind::Note,
                    StepAction::Resolve => StepKind::Resolved,
                    StepAction::Reopen => StepKind::Reopened,
                };
                check_step(current.state, kind).map_err(refused)?;
                let owner = current.owner_role;
                match req.action {
                    StepAction::Note => {}
                    StepAction::Resolve => {
                        let told_on = req.customer_told_on.ok_or_else(|| {
                            AppError::field("customer_told_on", "the day the customer was told")
                        })?;
                        if told_on < store_date(current.opened_at) || told_on > store_date(now) {
                            return Err(AppError::field(
                                "customer_told_on",
                                "between the day the complaint was opened and today",
                            ));
                        }
                        let resolution = check_resolution(current.opened_at, now, now, &note)
                            .map_err(refused)?;
                        store::close_complaint(&mut *tx, id, &resolution, told_on, now).await?;
                    }
                    StepAction::Reopen => {
                        let deadline = deadline_after(now, current.severity);
                        store::reopen_complaint(&mut *tx, id, deadline).await?;
                    }
                }
                step(tx, &actor, id, kind, owner, &note, &promise, now).await?;
                announce_complaint(tx, id, now).await
            })
        })
        .await
}

fn conflict(current: &ComplaintView) -> AppError {
    match serde_json::to_value(current) {
        Ok(v) => AppError::VersionConflict(Box::new(v)),
        Err(e) => AppError::Internal(format!("writing complaint {} as JSON: {e}", current.id)),
    }
}

/// Opens the return job (返修) of the complaint's job: one per complaint.
pub async fn open_return_job(
    state: &AppState,
    actor: &SessionActor,
    id: i64,
) -> Result<ComplaintView, AppError> {
    require_aftersales(actor)?;
    let (actor, now) = (actor.clone(), state.clock.now());
    state
        .change(move |tx| {
            Box::pin(async move {
                let current = reload(&mut *tx, id, now).await?;
                let Some(job_id) = current.job_id else {
                    return Err(AppError::Conflict {
                        code: "no_job",
                        message: "this complaint is not about a job".into(),
                    });
                };
                if let Some(existing) = current.return_job_id {
                    return Err(AppError::Conflict {
                        code: "return_job_exists",
                        message: format!("return job {existing} is already open"),
                    });
                }
                let ticket =
                    return_job::open(tx, id, job_id, &current.summary, &actor, now).await?;
                let note = format!("返修单 {ticket} / return job {ticket}");
                step(
                    tx,
                    &actor,
                    id,
                    StepKind::Note,
                    current.owner_role,
                    &note,
                    "",
                    now,
                )
                .await?;
                announce_complaint(tx, id, now).await
            })
        })
        .await
}
