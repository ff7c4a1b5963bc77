//! The service desk's changes and the customer's decisions on extra work (增项):
//! approve/decline (by the customer's token, or recorded by an advisor), walk-around
//! notes, "customer told" of a delay, answering "call an advisor", and the invoice
//! preview. Each change is one transaction with its event, published after commit.

use app::domain::store_clock;
use app::domain::text::{clean_block, NOTE_MAX};
use app::model::{
    build_invoice, track_job, ActorRole, DecidedBy, Invoice, InvoiceMeta, ItemKind, ItemStatus,
    JobView, TimelineAction,
};
pub use app::model::{DecisionRequest, NoteRequest, ToldRequest};
use chrono::{DateTime, SubsecRound, Utc};
use sqlx::SqliteConnection;

use crate::{
    auth::SessionActor,
    error::AppError,
    idempotent::{answer_with_event, earlier_answer, Keyed},
    store::{self, JobHead, NewDecision},
    workshop::job_event,
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

/// Records a decision; returns the job as the decider may see it (the customer's view
/// with a token, the staff view for the desk).
pub async fn decide(
    state: &AppState,
    actor: Option<&SessionActor>,
    item_id: i64,
    req: DecisionRequest,
) -> Result<serde_json::Value, AppError> {
    let actor = actor.cloned();
    let now = state.clock.now();
    state
        .change(move |tx| {
            Box::pin(async move { decide_in(tx, actor.as_ref(), item_id, req, now).await })
        })
        .await
}

async fn decide_in(
    tx: &mut SqliteConnection,
    actor: Option<&SessionActor>,
    item_id: i64,
    req: DecisionRequest,
    now: DateTime<Utc>,
) -> Result<serde_json::Value, AppError> {
    let item = store::decision_target(&mut *tx, item_id)
        .await?
        .filter(|i| i.kind == ItemKind::Additional)
        .ok_or(AppError::NotFound)?;
    let job = store::load_job(&mut *tx, item.job_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Who decides: the customer by their token (which must be this job's), or the desk.
    let (role, name, staff) = match req.tracking_token.as_deref() {
        Some(token) => {
            if token != job.tracking_token {
                return Err(AppError::NotFound);
            }
            if req.by != DecidedBy::Customer {
                return Err(AppError::field(
                    "by",
                    "the customer's page decides as `customer`",
                ));
            }
            (ActorRole::Customer, job.customer.name.clone(), false)
        }
        None => {
            let actor = require_desk(actor)?;
            (ActorRole::Staff(actor.role), actor.name.clone(), true)
        }
    };
    let view = |job: &JobView| -> Result<serde_json::Value, AppError> {
        let value = if staff {
            serde_json::to_value(job)
        } else {
            serde_json::to_value(track_job(job))
        };
        value.map_err(|e| AppError::Internal(format!("the job's view: {e}")))
    };
    if item.status != ItemStatus::Pending {
        return Err(AppError::AlreadyDecided(Box::new(view(&job)?)));
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
        by: req.by,
        name: &name,
        at: now,
        signature: signature.as_deref().filter(|_| !req.approve),
    };
    if !store::decide_item(&mut *tx, item_id, &decision).await? {
        return Err(AppError::AlreadyDecided(Box::new(view(&job)?)));
    }
    store::bump_version(&mut *tx, job.id).await?;
    // Approved work holds its parts from now; declined work never did.
    let by = (role.as_str(), name.as_str());
    if req.approve {
        crate::stock::reserve(&mut *tx, job.id, Some(item_id), by, now).await?;
    } else {
        crate::stock::release(&mut *tx, job.id, Some(item_id), by, now).await?;
    }
    let how = match (req.by, staff) {
        (DecidedBy::Advisor, _) => " (by phone)",
        (DecidedBy::Customer, true) => " (at the desk)",
        (DecidedBy::Customer, false) => "",
    };
    store::record_timeline(
        &mut *tx,
        job.id,
        now,
        role,
        &name,
        if req.approve {
            TimelineAction::ApproveAdditionalWork
        } else {
            TimelineAction::DeclineAdditionalWork
        },
        Some(job.stage),
        job.stage,
        &format!("{}{how}", item.name_zh),
    )
    .await?;
    crate::eta::refresh_etas(&mut *tx, now, crate::eta::Announce::AllBut(Some(job.id))).await?;
    let job = job_event(tx, job.id, now).await?;
    view(&job)
}

/// The note's text by the one text rule; blank (or only invisible characters) is refused.
fn note_text(text: &str) -> Result<String, AppError> {
    let text = clean_block(text, NOTE_MAX).map_err(|e| AppError::field("text", e.to_string()))?;
    let text = text.trim().to_string();
    if text.is_empty() {
        return Err(AppError::field(
            "text",
            format!("write the note in 1 to {NOTE_MAX} characters"),
        ));
    }
    Ok(text)
}

/// Adds the note once per `key`: a retry with the same key answers the first response.
pub async fn add_note(
    state: &AppState,
    actor: &SessionActor,
    job_id: i64,
    req: NoteRequest,
    key: Option<String>,
) -> Result<serde_json::Value, AppError> {
    let text = note_text(&req.text)?;
    let keyed = Keyed::new("note", job_id, key, actor, &req)?;
    desk_change(
        state,
        actor,
        job_id,
        TimelineAction::WalkAroundNote,
        keyed,
        |_| Ok(text),
    )
    .await
}

/// The desk called a delayed customer: records that they know the current ETA.
pub async fn customer_told(
    state: &AppState,
    actor: &SessionActor,
    job_id: i64,
    req: ToldRequest,
) -> Result<serde_json::Value, AppError> {
    let extra = clean_block(req.note.as_deref().unwrap_or_default(), NOTE_MAX)
        .map_err(|e| AppError::field("note", e.to_string()))?;
    desk_change(
        state,
        actor,
        job_id,
        TimelineAction::CustomerTold,
        None,
        move |job| {
            let told = format!("customer told: ready about {}", store_clock(job.eta));
            Ok(match extra.trim() {
                "" => told,
                more => format!("{told}; {more}"),
            })
        },
    )
    .await
}

/// One desk change on an active job: a timeline entry (with `note_of`'s text), the
/// version bumped, the event; `customer_told` also records the ETA told.
async fn desk_change(
    state: &AppState,
    actor: &SessionActor,
    job_id: i64,
    action: TimelineAction,
    keyed: Option<Keyed>,
    note_of: impl FnOnce(&JobHead) -> Result<String, AppError> + Send + 'static,
) -> Result<serde_json::Value, AppError> {
    require_desk(Some(actor))?;
    let actor = actor.clone();
    let now = state.clock.now();
    state
        .change(move |tx| {
            Box::pin(async move {
                desk_change_in(tx, &actor, job_id, action, keyed.as_ref(), note_of, now).await
            })
        })
        .await
}

async fn desk_change_in(
    tx: &mut SqliteConnection,
    actor: &SessionActor,
    job_id: i64,
    action: TimelineAction,
    keyed: Option<&Keyed>,
    note_of: impl FnOnce(&JobHead) -> Result<String, AppError>,
    now: DateTime<Utc>,
) -> Result<serde_json::Value, AppError> {
    if let Some(earlier) = earlier_answer(&mut *tx, keyed).await? {
        return Ok(earlier);
    }
    // One statement reads what the change needs and bumps the version; a refusal below
    // is undone with the change's savepoint.
    let job = store::bump_version_head(&mut *tx, job_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !job.stage.is_active() {
        return Err(AppError::invalid(
            "illegal_transition",
            "this job is closed",
        ));
    }
    let note = note_of(&job)?;
    if action == TimelineAction::CustomerTold {
        store::set_customer_told(&mut *tx, job_id, job.eta).await?;
    }
    store::record_timeline(
        &mut *tx,
        job_id,
        now,
        actor.role.into(),
        &actor.name,
        action,
        Some(job.stage),
        job.stage,
        &note,
    )
    .await?;
    answer_with_event(tx, job_id, now, keyed, |job| {
        serde_json::to_value(job).map_err(|e| AppError::Internal(e.to_string()))
    })
    .await
}

/// `POST /api/v1/desk-requests/{id}/resolve`: an advisor went to the kiosk.
pub async fn resolve_request(
    state: &AppState,
    actor: &SessionActor,
    id: i64,
) -> Result<app::model::DeskRequest, AppError> {
    require_desk(Some(actor))?;
    let now = state.clock.now().trunc_subsecs(3);
    let name = actor.name.clone();
    state
        .change(move |tx| {
            Box::pin(async move {
                let request = store::resolve_desk_request(tx, id, &name, now)
                    .await?
                    .ok_or(AppError::NotFound)?;
                store::append_desk_request_event(tx, &request).await?;
                Ok(request)
            })
        })
        .await
}

/// The invoice as issued, or before delivery a draft of what it would say now.
pub fn invoice_of(job: &JobView, actor: &SessionActor, now: DateTime<Utc>) -> Invoice {
    job.invoice.clone().unwrap_or_else(|| {
        build_invoice(
            job,
            InvoiceMeta {
                number: String::new(),
                issued_at: now,
                draft: true,
                payment_method: job.payment_method.clone(),
                next_service_km: None,
                next_service_date: None,
                advisor: actor.name.clone(),
            },
        )
    })
}
