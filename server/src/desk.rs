//! The service desk's changes and the customer's decisions on extra work (增项):
//! approve/decline (by the customer's token, or recorded by an advisor), walk-around
//! notes, "customer told" of a delay, answering "call an advisor", and the invoice
//! preview. Each change is one transaction with its event, published after commit.

use app::domain::store_clock;
use app::model::{build_invoice, track_job, Invoice, InvoiceMeta, JobView, Signature};
use chrono::{SubsecRound, Utc};
use serde::Deserialize;

use crate::{
    auth::SessionActor,
    error::AppError,
    store::{self, NewDecision},
    workshop::commit_job_event,
    AppState,
};

/// Staff at the desk (advisor, foreman, manager); technicians and QC are refused.
pub fn require_desk(actor: Option<&SessionActor>) -> Result<&SessionActor, AppError> {
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    if !actor.is_desk() {
        return Err(AppError::Forbidden(
            "only the service desk (advisor, foreman, manager) may do this".into(),
        ));
    }
    Ok(actor)
}

/// `POST /api/v1/additional-items/{item_id}/decision`.
#[derive(Debug, Deserialize)]
pub struct DecisionRequest {
    pub approve: bool,
    /// `customer` (on their page, or in person at the desk) or `advisor` (recording what
    /// the customer said on the phone).
    pub by: String,
    #[serde(default)]
    pub signature: Option<Signature>,
    /// The customer's page proves who it is with the job's tracking token.
    #[serde(default)]
    pub tracking_token: Option<String>,
}

/// Records a decision; returns the job as the decider may see it (the customer's view
/// with a token, the staff view for the desk).
pub async fn decide(
    state: &AppState,
    actor: Option<&SessionActor>,
    item_id: i64,
    req: DecisionRequest,
) -> Result<serde_json::Value, AppError> {
    let now = Utc::now();
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    let item = store::decision_target(&mut tx, item_id)
        .await?
        .filter(|i| i.kind == "additional")
        .ok_or(AppError::NotFound)?;
    let job = store::load_job(&mut tx, item.job_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Who decides: the customer by their token (which must be this job's), or the desk.
    let (role, name, staff) = match req.tracking_token.as_deref() {
        Some(token) => {
            if token != job.tracking_token {
                return Err(AppError::NotFound);
            }
            if req.by != "customer" {
                return Err(AppError::field(
                    "by",
                    "the customer's page decides as `customer`",
                ));
            }
            ("customer", job.customer.name.clone(), false)
        }
        None => {
            let actor = require_desk(actor)?;
            if !matches!(req.by.as_str(), "customer" | "advisor") {
                return Err(AppError::field("by", "`by` is `customer` or `advisor`"));
            }
            (actor.role.as_str(), actor.name.clone(), true)
        }
    };
    let view = |job: &JobView| -> serde_json::Value {
        let value = if staff {
            serde_json::to_value(job)
        } else {
            serde_json::to_value(track_job(job))
        };
        value.unwrap_or(serde_json::Value::Null)
    };
    if item.status != "pending" {
        return Err(AppError::AlreadyDecided(Box::new(view(&job))));
    }
    if !job.stage.is_active() {
        return Err(AppError::invalid(
            "illegal_transition",
            "this job is closed; its extra work can no longer be decided",
        ));
    }
    let signature = match &req.signature {
        Some(sig) if sig.is_drawn() => {
            Some(serde_json::to_string(sig).map_err(|e| AppError::Internal(e.to_string()))?)
        }
        Some(_) => return Err(AppError::field("signature", "the signature is empty")),
        None => None,
    };
    if !req.approve && item.safety_critical && signature.is_none() {
        return Err(AppError::Invalid {
            code: "signature_required",
            message: "declining safety-critical work needs the customer's signature".into(),
            fields: [(
                "signature".to_string(),
                "the customer signs to decline safety-critical work".to_string(),
            )]
            .into(),
        });
    }
    let decision = NewDecision {
        approve: req.approve,
        by: &req.by,
        name: &name,
        at: now,
        signature: signature.as_deref().filter(|_| !req.approve),
    };
    if !store::decide_item(&mut tx, item_id, &decision).await? {
        return Err(AppError::AlreadyDecided(Box::new(view(&job))));
    }
    store::bump_version(&mut tx, job.id).await?;
    let how = match (req.by.as_str(), staff) {
        ("advisor", _) => " (by phone)",
        ("customer", true) => " (at the desk)",
        _ => "",
    };
    store::record_timeline(
        &mut tx,
        job.id,
        now,
        role,
        &name,
        if req.approve {
            "approve_additional_work"
        } else {
            "decline_additional_work"
        },
        Some(job.stage),
        job.stage,
        &format!("{}{how}", item.name_zh),
    )
    .await?;
    crate::eta::refresh_etas(&mut tx, now, crate::eta::Announce::AllBut(Some(job.id))).await?;
    let job = commit_job_event(state, tx, job.id).await?;
    Ok(view(&job))
}

/// A note the desk adds to the job (walk-around findings, what the customer said).
#[derive(Debug, Deserialize)]
pub struct NoteRequest {
    pub text: String,
}

pub const MAX_NOTE: usize = 500;

pub async fn add_note(
    state: &AppState,
    actor: &SessionActor,
    job_id: i64,
    req: NoteRequest,
) -> Result<JobView, AppError> {
    let text = req.text.trim();
    if text.is_empty() || text.chars().count() > MAX_NOTE {
        return Err(AppError::field(
            "text",
            format!("write the note in 1 to {MAX_NOTE} characters"),
        ));
    }
    desk_change(state, actor, job_id, "walk_around_note", |_| {
        Ok(text.to_string())
    })
    .await
}

/// The desk called a delayed customer: records that they know the current ETA.
#[derive(Debug, Default, Deserialize)]
pub struct ToldRequest {
    #[serde(default)]
    pub note: Option<String>,
}

pub async fn customer_told(
    state: &AppState,
    actor: &SessionActor,
    job_id: i64,
    req: ToldRequest,
) -> Result<JobView, AppError> {
    let extra = req.note.unwrap_or_default();
    if extra.chars().count() > MAX_NOTE {
        return Err(AppError::field(
            "note",
            format!("keep the note under {MAX_NOTE} characters"),
        ));
    }
    desk_change(state, actor, job_id, "customer_told", |job| {
        let told = format!("customer told: ready about {}", store_clock(job.eta));
        Ok(match extra.trim() {
            "" => told,
            more => format!("{told}; {more}"),
        })
    })
    .await
}

/// One desk change on an active job: a timeline entry (with `note_of`'s text), the
/// version bumped, the event; `customer_told` also records the ETA told.
async fn desk_change(
    state: &AppState,
    actor: &SessionActor,
    job_id: i64,
    action: &str,
    note_of: impl FnOnce(&JobView) -> Result<String, AppError>,
) -> Result<JobView, AppError> {
    require_desk(Some(actor))?;
    let now = Utc::now();
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    let job = store::load_job(&mut tx, job_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !job.stage.is_active() {
        return Err(AppError::invalid(
            "illegal_transition",
            "this job is closed",
        ));
    }
    let note = note_of(&job)?;
    if action == "customer_told" {
        store::set_customer_told(&mut tx, job_id, job.eta).await?;
    }
    store::bump_version(&mut tx, job_id).await?;
    store::record_timeline(
        &mut tx,
        job_id,
        now,
        actor.role.as_str(),
        &actor.name,
        action,
        Some(job.stage),
        job.stage,
        &note,
    )
    .await?;
    commit_job_event(state, tx, job_id).await
}

/// `POST /api/v1/desk-requests/{id}/resolve`: an advisor went to the kiosk.
pub async fn resolve_request(
    state: &AppState,
    actor: &SessionActor,
    id: i64,
) -> Result<app::model::DeskRequest, AppError> {
    require_desk(Some(actor))?;
    let now = Utc::now().trunc_subsecs(3);
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    let request = store::resolve_desk_request(&mut tx, id, &actor.name, now)
        .await?
        .ok_or(AppError::NotFound)?;
    store::append_desk_request_event(&mut tx, &request).await?;
    tx.commit().await?;
    state.hub.notify();
    Ok(request)
}

/// The invoice as issued, or before delivery a draft of what it would say now.
pub fn invoice_of(job: &JobView, actor: &SessionActor) -> Invoice {
    job.invoice.clone().unwrap_or_else(|| {
        build_invoice(
            job,
            InvoiceMeta {
                number: String::new(),
                issued_at: Utc::now(),
                draft: true,
                payment_method: job.payment_method.clone(),
                next_service_km: None,
                next_service_date: None,
                advisor: actor.name.clone(),
            },
        )
    })
}
