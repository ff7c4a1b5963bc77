//! Work at a bay beyond the stage actions: countersigning with a PIN (team lead, QC
//! inspector, washer) at the bay's screen, ticking the checklist, and reporting
//! additional work (增项) found during repair. Each change is one transaction with its
//! event, published after commit.

use std::net::IpAddr;

use app::domain::text::{clean_block, clean_line, DESCRIPTION_MAX, NOTE_MAX};
use app::domain::{rule, ActionKind, Money, Role, Stage};
pub use app::model::{AdditionalItemRequest, CheckRequest};
use app::model::{JobView, TimelineAction};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use crate::{
    actions::{check_bay, view_for},
    auth::SessionActor,
    error::AppError,
    idempotent::{answer_with_event, earlier_answer, Keyed},
    store::{self, seed::verify_secret, NewAdditionalItem},
    AppState,
};

/// Who the PIN typed at a bay's screen belongs to, when they may take `kind` there.
///
/// The device must be signed in at the job's bay; the candidates are that bay's team and
/// the staff who have a PIN (QC, wash). Every attempt counts against the bay's limit (and
/// the client's address) before the PINs are hashed; only a PIN that belongs to someone
/// gives its attempt back, so wrong guesses between right PINs still add up.
pub async fn countersigner(
    state: &AppState,
    device: &SessionActor,
    ip: Option<IpAddr>,
    job_id: i64,
    kind: ActionKind,
    pin: String,
) -> Result<SessionActor, AppError> {
    let Some(bay_id) = device.bay_id.filter(|_| device.is_technician()) else {
        return Err(AppError::Forbidden(
            "a PIN countersigns only at a bay's screen".into(),
        ));
    };
    if !(4..=6).contains(&pin.len()) || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::field("pin", "a PIN is 4 to 6 digits"));
    }
    let mut conn = state.pool.acquire().await?;
    let job = store::load_job(&mut conn, job_id)
        .await?
        .ok_or(AppError::NotFound)?;
    check_bay(device, job.bay_id)?;
    let mut candidates: Vec<(Role, String, Option<i64>, String)> =
        store::technicians_of_bay(&mut conn, bay_id)
            .await?
            .into_iter()
            .map(|t| {
                let role = if t.is_lead {
                    Role::TeamLead
                } else {
                    Role::Technician
                };
                (role, t.name, Some(t.id), t.pin_hash)
            })
            .collect();
    for s in store::staff_with_pins(&mut conn).await? {
        if let Some(role) = Role::parse(&s.role) {
            candidates.push((role, s.display_name, None, s.pin_hash));
        }
    }
    drop(conn);
    let found = state
        .limiter
        .judge(ip, &format!("bay:{bay_id}"), move || {
            candidates
                .into_iter()
                .find(|(.., hash)| verify_secret(&pin, hash))
        })
        .await?;
    let Some((role, name, technician_id, _)) = found else {
        return Err(AppError::invalid(
            "wrong_pin",
            "that PIN does not belong to anyone who may do this here",
        ));
    };
    if !rule(kind).by.contains(&role) {
        return Err(AppError::Forbidden(format!(
            "{name} ({}) may not take this step",
            role.as_str()
        )));
    }
    Ok(SessionActor {
        role,
        name,
        bay_id: Some(bay_id),
        technician_id,
        staff_id: None,
        token_hash: device.token_hash.clone(),
        must_change_password: false,
    })
}

/// The job as it stands, for a technician of its bay, while work on it is under way.
pub(crate) async fn job_in_work(
    conn: &mut sqlx::SqliteConnection,
    actor: &SessionActor,
    job_id: i64,
) -> Result<JobView, AppError> {
    if !actor.is_technician() {
        return Err(AppError::Forbidden(
            "only the bay's technicians record work on a job".into(),
        ));
    }
    let job = store::load_job(conn, job_id)
        .await?
        .ok_or(AppError::NotFound)?;
    check_bay(actor, job.bay_id)?;
    if !matches!(job.stage, Stage::InService | Stage::Paused) {
        return Err(AppError::invalid(
            "illegal_transition",
            "work can only be recorded while the job is in service or paused",
        ));
    }
    Ok(job)
}

pub async fn check_item(
    state: &AppState,
    actor: &SessionActor,
    job_id: i64,
    item_id: i64,
    req: CheckRequest,
) -> Result<serde_json::Value, AppError> {
    let note = clean_block(req.note.as_deref().unwrap_or_default(), NOTE_MAX)
        .map_err(|e| AppError::field("note", e.to_string()))?;
    let note = Some(note.trim().to_string()).filter(|n| !n.is_empty() && !req.done);
    let actor = actor.clone();
    let now = state.clock.now();
    state
        .change(move |tx| {
            Box::pin(async move {
                check_item_in(tx, &actor, job_id, item_id, req.done, note, now).await
            })
        })
        .await
}

async fn check_item_in(
    tx: &mut SqliteConnection,
    actor: &SessionActor,
    job_id: i64,
    item_id: i64,
    done: bool,
    note: Option<String>,
    now: DateTime<Utc>,
) -> Result<serde_json::Value, AppError> {
    job_in_work(&mut *tx, actor, job_id).await?;
    if !store::set_item_check(&mut *tx, job_id, item_id, done, note.as_deref()).await? {
        return Err(AppError::NotFound);
    }
    store::bump_version(&mut *tx, job_id).await?;
    crate::eta::refresh_etas(&mut *tx, now, crate::eta::Announce::AllBut(Some(job_id))).await?;
    view_for(actor, &job_event(tx, job_id, now).await?)
}

pub use app::domain::labour::{
    EXTRA_WORK_MAX_MINUTES as MAX_MINUTES, EXTRA_WORK_MAX_PARTS as MAX_PARTS,
    EXTRA_WORK_MAX_QTY as MAX_QTY,
};

/// Reports additional work: recorded `pending`, so the job shows "waiting for approval"
/// and the work does not count until the customer approves it. Once per `key`: a
/// retried tap answers the first `{item_id, job}` and asks the customer nothing twice.
pub async fn report_additional(
    state: &AppState,
    actor: &SessionActor,
    job_id: i64,
    req: AdditionalItemRequest,
    key: Option<String>,
) -> Result<serde_json::Value, AppError> {
    let description = clean_line(&req.description, DESCRIPTION_MAX)
        .map_err(|e| AppError::field("description", e.to_string()))?;
    if description.is_empty() {
        return Err(AppError::field(
            "description",
            format!("describe the work in 1 to {DESCRIPTION_MAX} characters"),
        ));
    }
    if !(1..=MAX_MINUTES).contains(&req.labor_minutes) {
        return Err(AppError::field(
            "labor_minutes",
            format!("estimate between 1 and {MAX_MINUTES} minutes"),
        ));
    }
    if req.parts.len() > MAX_PARTS {
        return Err(AppError::field(
            "parts",
            format!("at most {MAX_PARTS} parts per item"),
        ));
    }
    let keyed = Keyed::new("additional", job_id, key, actor, &req)?;
    if !actor.is_technician() {
        return Err(AppError::Forbidden(
            "only the bay's technicians record work on a job".into(),
        ));
    }
    let actor = actor.clone();
    let now = state.clock.now();
    state
        .change(move |tx| {
            Box::pin(
                async move { report_in(tx, &actor, job_id, description, req, keyed, now).await },
            )
        })
        .await
}

async fn report_in(
    tx: &mut SqliteConnection,
    actor: &SessionActor,
    job_id: i64,
    description: String,
    req: AdditionalItemRequest,
    keyed: Option<Keyed>,
    now: DateTime<Utc>,
) -> Result<serde_json::Value, AppError> {
    let description = description.as_str();
    // A retry answers the first result even if the job has moved on since.
    if let Some(earlier) = earlier_answer(&mut *tx, keyed.as_ref()).await? {
        return Ok(earlier);
    }
    let job = job_in_work(&mut *tx, actor, job_id).await?;
    let catalogue = store::parts(&mut *tx).await?;
    let mut parts: Vec<(i64, u32, i64)> = Vec::new();
    for p in &req.parts {
        let Some(part) = catalogue.iter().find(|c| c.id == p.part_id) else {
            return Err(AppError::field(
                "parts",
                format!("there is no part {}", p.part_id),
            ));
        };
        if !(1..=MAX_QTY).contains(&p.qty) || parts.iter().any(|(id, ..)| *id == part.id) {
            return Err(AppError::field(
                "parts",
                format!("list each part once, 1 to {MAX_QTY} of it"),
            ));
        }
        parts.push((part.id, p.qty, part.price_fen));
    }
    let rate = store::labour_rate(&mut *tx).await?;
    let item = NewAdditionalItem {
        description,
        labor_minutes: req.labor_minutes,
        labor_fen: Money::labor(rate, req.labor_minutes).fen(),
        safety_critical: req.safety_critical,
        parts,
    };
    let item_id = store::insert_additional_item(&mut *tx, job_id, &item).await?;
    store::bump_version(&mut *tx, job_id).await?;
    store::record_timeline(
        &mut *tx,
        job_id,
        now,
        actor.role.into(),
        &actor.name,
        TimelineAction::ReportAdditionalWork,
        Some(job.stage),
        job.stage,
        description,
    )
    .await?;
    answer_with_event(tx, job_id, now, keyed.as_ref(), |job| {
        Ok(serde_json::json!({ "item_id": item_id, "job": view_for(actor, job)? }))
    })
    .await
}

/// Appends the job's new state to the event log (in the change's transaction).
pub async fn job_event(
    tx: &mut SqliteConnection,
    job_id: i64,
    now: DateTime<Utc>,
) -> Result<JobView, AppError> {
    let job = store::load_job(tx, job_id)
        .await?
        .ok_or(AppError::NotFound)?;
    store::append_job_event(tx, &job, None, now).await?;
    Ok(job)
}
