//! Parts that move (配件): adding a part, its reorder point and what is on order,
//! receiving a delivery (which releases the cars waiting for it), and the reservations a
//! job's work holds from check-in until its parts are issued or the work is dropped.
//! Every stock change is one transaction with its audit entry and its `part` events;
//! issuing and waiting at the bay are in `bay`.

pub mod bay;

use app::domain::stock::{part_code_error, PART_NAME_MAX, PRICE_MAX_FEN, QTY_MAX, REORDER_MAX};
use app::domain::{store_date, text::clean_line};
use app::model::{NewPartRequest, PartUpdateRequest, ReceiveRequest, StockPart};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::SqliteConnection;

use crate::{auth::SessionActor, error::AppError, store, AppState};

/// Who keeps the stock: the foreman and the manager add parts, order and receive.
fn require_keeper(actor: &SessionActor) -> Result<(), AppError> {
    use app::domain::Role;
    if matches!(actor.role, Role::Manager | Role::Foreman) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "the foreman and the manager keep the parts stock".into(),
        ))
    }
}

/// Who may see the stock (with prices): the desk (advisors, the foreman, the manager).
pub fn require_viewer(actor: &SessionActor) -> Result<(), AppError> {
    if actor.is_desk() {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "the stock is for advisors, the foreman and the manager".into(),
        ))
    }
}

/// Records a stock change in the audit trail (in the change's transaction).
pub async fn audit<D: Serialize>(
    conn: &mut SqliteConnection,
    at: DateTime<Utc>,
    (role, name): (&str, &str),
    part_id: i64,
    action: &str,
    detail: &D,
) -> Result<(), AppError> {
    store::record_audit(
        conn,
        store::AuditEntry {
            at,
            actor_role: role,
            actor_name: name,
            subject: "part",
            subject_id: Some(part_id),
            action,
            detail,
        },
    )
    .await?;
    Ok(())
}

fn qty_in_range(field: &str, qty: u32) -> Result<u32, AppError> {
    if (1..=QTY_MAX).contains(&qty) {
        Ok(qty)
    } else {
        Err(AppError::field(field, format!("between 1 and {QTY_MAX}")))
    }
}

fn name(field: &str, text: &str) -> Result<String, AppError> {
    let clean =
        clean_line(text, PART_NAME_MAX).map_err(|e| AppError::field(field, e.to_string()))?;
    let clean = clean.trim().to_string();
    if clean.is_empty() {
        return Err(AppError::field(
            field,
            format!("1 to {PART_NAME_MAX} characters"),
        ));
    }
    Ok(clean)
}

/// Adds a part (none on hand). `409 part_code_taken` when its code is in use.
pub async fn create_part(
    state: &AppState,
    actor: &SessionActor,
    req: NewPartRequest,
) -> Result<StockPart, AppError> {
    require_keeper(actor)?;
    let mut fields = std::collections::BTreeMap::new();
    if let Some(e) = part_code_error(&req.code) {
        fields.insert("code".to_string(), e);
    }
    let name_zh = name("name_zh", &req.name_zh);
    let name_en = name("name_en", &req.name_en);
    for (field, result) in [("name_zh", &name_zh), ("name_en", &name_en)] {
        if let Err(AppError::Invalid { message, .. }) = result {
            fields.insert(field.to_string(), message.clone());
        }
    }
    if !(0..=PRICE_MAX_FEN).contains(&req.price_fen) {
        fields.insert("price_fen".into(), format!("0 to {PRICE_MAX_FEN} fen"));
    }
    if req.reorder_point > REORDER_MAX {
        fields.insert("reorder_point".into(), format!("0 to {REORDER_MAX}"));
    }
    if !fields.is_empty() {
        return Err(AppError::Invalid {
            code: "invalid",
            message: "the part is not valid".into(),
            fields,
        });
    }
    let part = NewPartRequest {
        name_zh: name_zh?,
        name_en: name_en?,
        ..req
    };
    let (actor, now) = (actor.clone(), state.clock.now());
    state
        .change(move |tx| {
            Box::pin(async move {
                let id = store::insert_part(&mut *tx, &part).await?.ok_or_else(|| {
                    AppError::Conflict {
                        code: "part_code_taken",
                        message: format!("a part with code {} exists", part.code),
                    }
                })?;
                audit(&mut *tx, now, who(&actor), id, "create", &part).await?;
                announce(tx, id).await
            })
        })
        .await
}

/// Sets the reorder point and/or what is on order with its expected date.
pub async fn update_part(
    state: &AppState,
    actor: &SessionActor,
    part_id: i64,
    req: PartUpdateRequest,
) -> Result<StockPart, AppError> {
    require_keeper(actor)?;
    if req.reorder_point.is_some_and(|r| r > REORDER_MAX) {
        return Err(AppError::field(
            "reorder_point",
            format!("0 to {REORDER_MAX}"),
        ));
    }
    let now = state.clock.now();
    let today = store_date(now);
    let order = match (req.on_order, req.expected_on) {
        (None, None) => None,
        (Some(0), None) => Some((0, None)),
        (Some(0), Some(_)) => {
            return Err(AppError::field("expected_on", "nothing is on order"));
        }
        (Some(qty), Some(on)) if on >= today => Some((qty_in_range("on_order", qty)?, Some(on))),
        (Some(_), Some(_)) => {
            return Err(AppError::field(
                "expected_on",
                "the delivery is expected today or later",
            ));
        }
        (Some(_), None) | (None, Some(_)) => {
            return Err(AppError::field(
                "expected_on",
                "give what is on order with the date it is expected",
            ));
        }
    };
    if req.reorder_point.is_none() && order.is_none() {
        return Err(AppError::field("reorder_point", "nothing to change"));
    }
    let actor = actor.clone();
    state
        .change(move |tx| {
            Box::pin(async move {
                if !store::update_part(&mut *tx, part_id, req.reorder_point, order).await? {
                    return Err(AppError::NotFound);
                }
                audit(&mut *tx, now, who(&actor), part_id, "update", &req).await?;
                announce(tx, part_id).await
            })
        })
        .await
}

/// A delivery came in: on hand rises, on order falls, the cars waiting for the part are
/// released (their waits end and their ETAs move, each with its event).
pub async fn receive(
    state: &AppState,
    actor: &SessionActor,
    part_id: i64,
    req: ReceiveRequest,
) -> Result<StockPart, AppError> {
    require_keeper(actor)?;
    qty_in_range("qty", req.qty)?;
    let now = state.clock.now();
    let today = store_date(now);
    if req.received_on > today || req.received_on < today - chrono::Duration::days(30) {
        return Err(AppError::field(
            "received_on",
            "a delivery is received today or in the last 30 days",
        ));
    }
    let actor = actor.clone();
    state
        .change(move |tx| {
            Box::pin(async move {
                if !store::receive(&mut *tx, part_id, req.qty).await? {
                    return Err(AppError::NotFound);
                }
                let released = store::release_waits_for_part(&mut *tx, part_id, now).await?;
                audit(
                    &mut *tx,
                    now,
                    who(&actor),
                    part_id,
                    "receive",
                    &serde_json::json!({ "qty": req.qty, "received_on": req.received_on, "released_jobs": released }),
                )
                .await?;
                crate::eta::refresh_etas(&mut *tx, now, crate::eta::Announce::AllBut(None)).await?;
                // A released car shows its wait gone even if its ETA did not move.
                for job_id in &released {
                    crate::workshop::job_event(&mut *tx, *job_id, now).await?;
                }
                announce(tx, part_id).await
            })
        })
        .await
}

/// The actor as the audit trail names them.
pub fn who(actor: &SessionActor) -> (&str, &str) {
    (actor.role.as_str(), actor.name.as_str())
}

/// The part's stock as it now stands, logged as its `part` event.
async fn announce(tx: &mut SqliteConnection, part_id: i64) -> Result<StockPart, AppError> {
    let part = store::stock_part(&mut *tx, part_id)
        .await?
        .ok_or(AppError::NotFound)?;
    store::append_part_event(&mut *tx, &part).await?;
    Ok(part)
}

/// Reserves the parts of a job's work still to do (one item with `item_id`), with the
/// audit entry and `part` events: at check-in and when extra work is approved.
pub async fn reserve(
    tx: &mut SqliteConnection,
    job_id: i64,
    item_id: Option<i64>,
    by: (&str, &str),
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let parts = store::reserve(&mut *tx, job_id, item_id).await?;
    settle(tx, &parts, job_id, item_id, by, now, "reserve").await
}

/// Releases what a job (one item with `item_id`) still holds: extra work declined, a
/// job cancelled, or delivered with parts it did not use. A closed job's waits end too.
pub async fn release(
    tx: &mut SqliteConnection,
    job_id: i64,
    item_id: Option<i64>,
    by: (&str, &str),
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let parts = store::release(&mut *tx, job_id, item_id).await?;
    if item_id.is_none() {
        store::release_waits_of_job(&mut *tx, job_id, now).await?;
    }
    settle(tx, &parts, job_id, item_id, by, now, "release").await
}

async fn settle(
    tx: &mut SqliteConnection,
    parts: &[i64],
    job_id: i64,
    item_id: Option<i64>,
    by: (&str, &str),
    now: DateTime<Utc>,
    action: &str,
) -> Result<(), AppError> {
    for part_id in parts {
        let detail = serde_json::json!({ "job_id": job_id, "item_id": item_id });
        audit(&mut *tx, now, by, *part_id, action, &detail).await?;
    }
    store::announce_parts(&mut *tx, parts).await?;
    Ok(())
}
