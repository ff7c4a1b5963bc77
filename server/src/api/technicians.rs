//! Technicians' accounts (manager only): a bay team's members and their PINs, added,
//! moved between bays, made lead, deactivated.

use std::collections::BTreeMap;

use app::model::{ErrorBody, NewTechnician, SetPin, TechnicianAccount, TechnicianChange};
use axum::{
    extract::{rejection::PathRejection, Path, State},
    http::StatusCode,
    Json,
};

use super::accounts::{audit, id_of, new_pin_hash};
use super::doc::responses::*;
use super::sessions::announce_bay;
use super::setup::{invalid, line};
use crate::{
    admin::Manager,
    error::{ApiJson, AppError},
    store::{self, PinOwner},
    AppState,
};

async fn known_bay(state: &AppState, bay_id: i64) -> Result<(), AppError> {
    let mut conn = state.pool.acquire().await?;
    if store::bay_exists(&mut conn, bay_id).await? {
        Ok(())
    } else {
        Err(AppError::field(
            "bay_id",
            format!("There is no bay {bay_id}."),
        ))
    }
}

/// Add a technician to a bay's team
#[utoipa::path(post, path = "/api/v1/admin/technicians", tag = "admin", operation_id = "createTechnician",
    security(("session" = [])),
    request_body(content = NewTechnician, example = json!({"name": "孙伟", "bay_id": 2, "is_lead": false, "pin": "4826"})),
    responses(
        (status = 201, description = "Added; the PIN signs in at that bay from now on.", body = TechnicianAccount),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = ManagerOnly),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.name`, `fields.bay_id` (no such bay) or `fields.pin` (not 4–6 digits, too easy, or already used on that team).", body = ErrorBody,
            example = json!({"error": {"code": "invalid", "message": "Someone on this team already uses this PIN; pick another.", "fields": {"pin": "Someone on this team already uses this PIN; pick another."}}})),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn create_technician(
    State(state): State<AppState>,
    Manager(actor): Manager,
    ApiJson(new): ApiJson<NewTechnician>,
) -> Result<(StatusCode, Json<TechnicianAccount>), AppError> {
    let mut fields = BTreeMap::new();
    let name = line(&new.name, 40, "name", &mut |f, m| {
        fields.insert(f.into(), m);
    });
    if !fields.is_empty() {
        return Err(invalid(fields));
    }
    known_bay(&state, new.bay_id).await?;
    let pin_hash = new_pin_hash(&state, &new.pin, Some(new.bay_id), PinOwner::Nobody).await?;
    let (bay_id, is_lead) = (new.bay_id, new.is_lead);
    let account = state
        .change(move |tx| {
            Box::pin(async move {
                let id = store::insert_technician(tx, &name, bay_id, is_lead, &pin_hash).await?;
                let account = store::technician_account(tx, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                audit(tx, &actor, "technician", id, "create", &account).await?;
                Ok(account)
            })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(account)))
}

/// Change, move or deactivate a technician
///
/// Deactivating (or moving to another bay) ends the technician's sessions at once: the
/// bay shows them signed out, and their PIN no longer signs in (at the old bay).
#[utoipa::path(patch, path = "/api/v1/admin/technicians/{id}", tag = "admin", operation_id = "changeTechnician",
    security(("session" = [])), params(("id" = i64, Path, description = "The technician.")),
    request_body(content = TechnicianChange, example = json!({"active": false})),
    responses(
        (status = 200, description = "The technician as they are now.", body = TechnicianAccount),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = ManagerOnly),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.name` or `fields.bay_id` (no such bay).", body = ErrorBody,
            example = json!({"error": {"code": "invalid", "message": "There is no bay 9.", "fields": {"bay_id": "There is no bay 9."}}})),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn change_technician(
    State(state): State<AppState>,
    Manager(actor): Manager,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(change): ApiJson<TechnicianChange>,
) -> Result<Json<TechnicianAccount>, AppError> {
    let id = id_of(path)?;
    let mut fields = BTreeMap::new();
    let name = change.name.as_deref().map(|n| {
        line(n, 40, "name", &mut |f, m| {
            fields.insert(f.into(), m);
        })
    });
    if !fields.is_empty() {
        return Err(invalid(fields));
    }
    if let Some(bay_id) = change.bay_id {
        known_bay(&state, bay_id).await?;
    }
    let (hub, now) = (state.hub.clone(), state.clock.now());
    let (account, ended) = state
        .change(move |tx| {
            Box::pin(async move {
                let before = store::technician_account(tx, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let mut after = before.clone();
                if let Some(name) = name {
                    after.name = name;
                }
                after.bay_id = change.bay_id.unwrap_or(after.bay_id);
                after.is_lead = change.is_lead.unwrap_or(after.is_lead);
                after.active = change.active.unwrap_or(after.active);
                store::update_technician(tx, &after).await?;
                let ended = if after != before {
                    store::end_technician_sessions(tx, id).await?
                } else {
                    Vec::new()
                };
                for bay_id in ended.iter().filter_map(|(_, bay)| *bay) {
                    announce_bay(tx, bay_id, now).await?;
                }
                let action = match (before.active, after.active) {
                    (true, false) => "deactivate",
                    (false, true) => "reactivate",
                    _ => "update",
                };
                audit(
                    tx,
                    &actor,
                    "technician",
                    id,
                    action,
                    &serde_json::json!({"before": before, "after": after}),
                )
                .await?;
                Ok((after, ended))
            })
        })
        .await?;
    for (token, _) in ended {
        hub.revoke(&token);
    }
    Ok(Json(account))
}

/// Set a technician's PIN
#[utoipa::path(put, path = "/api/v1/admin/technicians/{id}/pin", tag = "admin", operation_id = "setTechnicianPin",
    security(("session" = [])), params(("id" = i64, Path, description = "The technician.")),
    request_body(content = SetPin, example = json!({"pin": "4826"})),
    responses(
        (status = 200, description = "Set; the PIN is never shown again.", body = TechnicianAccount),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = ManagerOnly),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.pin` (not 4–6 digits, too easy, or already used on that team).", body = ErrorBody,
            example = json!({"error": {"code": "invalid", "message": "A PIN is 4 to 6 digits.", "fields": {"pin": "A PIN is 4 to 6 digits."}}})),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn set_technician_pin(
    State(state): State<AppState>,
    Manager(actor): Manager,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(body): ApiJson<SetPin>,
) -> Result<Json<TechnicianAccount>, AppError> {
    let id = id_of(path)?;
    let mut conn = state.pool.acquire().await?;
    let bay_id = store::technician_account(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?
        .bay_id;
    drop(conn);
    let hash = new_pin_hash(&state, &body.pin, Some(bay_id), PinOwner::Technician(id)).await?;
    let account = state
        .change(move |tx| {
            Box::pin(async move {
                store::set_technician_pin(tx, id, &hash).await?;
                let account = store::technician_account(tx, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                audit(
                    tx,
                    &actor,
                    "technician",
                    id,
                    "set_pin",
                    &serde_json::json!({}),
                )
                .await?;
                Ok(account)
            })
        })
        .await?;
    Ok(Json(account))
}
