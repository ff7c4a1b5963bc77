//! Staff accounts (manager only): list, create, change, deactivate. Passwords and PINs
//! are in `passwords`, technicians' accounts in `technicians`.

use std::collections::BTreeMap;

use app::domain::{check_password, check_pin, normalise_username, Role};
use app::model::{Accounts, ErrorBody, NewStaff, StaffAccount, StaffChange};
use axum::{
    extract::{rejection::PathRejection, Path, State},
    http::StatusCode,
    Json,
};
use chrono::Utc;
use serde::Serialize;

use super::doc::responses::*;
use super::setup::{invalid, line};
use crate::{
    admin::Manager,
    auth::{self, SessionActor},
    error::{ApiJson, AppError},
    store::{self, seed::verify_secret, AuditEntry, NewStaffRow, PinOwner},
    AppState,
};

pub(super) fn id_of(path: Result<Path<i64>, PathRejection>) -> Result<i64, AppError> {
    path.map(|Path(id)| id).map_err(|_| AppError::NotFound)
}

fn staff_role(role: Role, fields: &mut BTreeMap<String, String>) {
    if !Role::STAFF.contains(&role) {
        fields.insert(
            "role".into(),
            "Technicians and team leads are added as technicians of a bay.".into(),
        );
    }
}

/// Records `detail` as the manager's change of `subject` `id`.
pub(super) async fn audit(
    tx: &mut sqlx::SqliteConnection,
    actor: &SessionActor,
    subject: &str,
    id: i64,
    action: &str,
    detail: &impl Serialize,
) -> Result<(), AppError> {
    store::record_audit(
        tx,
        AuditEntry {
            at: Utc::now(),
            actor_role: actor.role.as_str(),
            actor_name: &actor.name,
            subject,
            subject_id: Some(id),
            action,
            detail,
        },
    )
    .await?;
    Ok(())
}

/// A PIN that is valid and used by nobody else on `bay_id`'s team (nor by a staff
/// member who countersigns at every bay), hashed.
pub(super) async fn new_pin_hash(
    state: &AppState,
    pin: &str,
    bay_id: Option<i64>,
    owner: PinOwner,
) -> Result<String, AppError> {
    check_pin(pin).map_err(|e| AppError::field("pin", e.to_string()))?;
    let mut conn = state.pool.acquire().await?;
    let hashes = store::pins_in_use(&mut conn, bay_id, owner).await?;
    drop(conn);
    let candidate = pin.to_string();
    let clash = tokio::task::spawn_blocking(move || {
        hashes.iter().any(|hash| verify_secret(&candidate, hash))
    })
    .await
    .map_err(|e| AppError::Internal(format!("checking a PIN: {e}")))?;
    if clash {
        return Err(AppError::field(
            "pin",
            "Someone on this team already uses this PIN; pick another.",
        ));
    }
    auth::hash_new_secret(pin.to_string()).await
}

/// The store's staff and technicians
#[utoipa::path(get, path = "/api/v1/admin/accounts", tag = "admin", operation_id = "listAccounts",
    security(("session" = [])),
    responses(
        (status = 200, description = "Every account, active first; no password or PIN.", body = Accounts),
        (status = 401, response = Unauthenticated),
        (status = 403, response = ManagerOnly),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn list(State(state): State<AppState>, _: Manager) -> Result<Json<Accounts>, AppError> {
    let mut conn = state.pool.acquire().await?;
    Ok(Json(Accounts {
        staff: store::staff_accounts(&mut conn).await?,
        technicians: store::technician_accounts(&mut conn).await?,
    }))
}

/// Add a staff account
///
/// The password is temporary: it must be changed at the first sign-in.
#[utoipa::path(post, path = "/api/v1/admin/staff", tag = "admin", operation_id = "createStaff",
    security(("session" = [])),
    request_body(content = NewStaff, example = json!({"username": "zhao.qc", "display_name": "赵质检", "role": "qc_inspector", "password": "firstday2026", "pin": "2580"})),
    responses(
        (status = 201, description = "Created.", body = StaffAccount),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = ManagerOnly),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields` names each refused field (`username` taken or malformed, `display_name`, `role`, `password` too weak, `pin`).", body = ErrorBody,
            example = json!({"error": {"code": "invalid", "message": "This username is taken.", "fields": {"username": "This username is taken."}}})),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn create_staff(
    State(state): State<AppState>,
    Manager(actor): Manager,
    ApiJson(new): ApiJson<NewStaff>,
) -> Result<(StatusCode, Json<StaffAccount>), AppError> {
    let mut fields = BTreeMap::new();
    let name = line(&new.display_name, 40, "display_name", &mut |f, m| {
        fields.insert(f.into(), m);
    });
    staff_role(new.role, &mut fields);
    let username = normalise_username(&new.username);
    if let Err(e) = &username {
        fields.insert("username".into(), e.to_string());
    }
    if let Err(e) = check_password(&new.password, &new.username) {
        fields.insert("password".into(), e.to_string());
    }
    let username = match username {
        Ok(u) if fields.is_empty() => u,
        _ => return Err(invalid(fields)),
    };
    let pin_hash = match &new.pin {
        Some(pin) => Some(new_pin_hash(&state, pin, None, PinOwner::Nobody).await?),
        None => None,
    };
    let password_hash = auth::hash_new_secret(new.password.clone()).await?;
    let role = new.role;
    let account = state
        .change(move |tx| {
            Box::pin(async move {
                if store::username_taken(tx, &username).await? {
                    return Err(AppError::field("username", "This username is taken."));
                }
                let id = store::insert_staff(
                    tx,
                    NewStaffRow {
                        username: &username,
                        display_name: &name,
                        role,
                        password_hash: &password_hash,
                        must_change_password: true,
                        pin_hash: pin_hash.as_deref(),
                    },
                )
                .await?;
                let account = store::staff_account(tx, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                audit(tx, &actor, "staff", id, "create", &account).await?;
                Ok(account)
            })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(account)))
}

/// Change or deactivate a staff account
///
/// Deactivating ends the person's sessions at once; the account stays (the timeline keeps
/// its name) and can be reactivated. The last active manager cannot be deactivated or
/// given another role, and nobody deactivates themselves.
#[utoipa::path(patch, path = "/api/v1/admin/staff/{id}", tag = "admin", operation_id = "changeStaff",
    security(("session" = [])), params(("id" = i64, Path, description = "The staff account.")),
    request_body(content = StaffChange, example = json!({"active": false})),
    responses(
        (status = 200, description = "The account as it is now.", body = StaffAccount),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = ManagerOnly),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.display_name`, `fields.role`, or `fields.active` (the last manager, or yourself).", body = ErrorBody,
            example = json!({"error": {"code": "invalid", "message": "The store needs at least one active manager.", "fields": {"active": "The store needs at least one active manager."}}})),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn change_staff(
    State(state): State<AppState>,
    Manager(actor): Manager,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(change): ApiJson<StaffChange>,
) -> Result<Json<StaffAccount>, AppError> {
    let id = id_of(path)?;
    let mut fields = BTreeMap::new();
    let name = change.display_name.as_deref().map(|n| {
        line(n, 40, "display_name", &mut |f, m| {
            fields.insert(f.into(), m);
        })
    });
    if let Some(role) = change.role {
        staff_role(role, &mut fields);
    }
    if change.active == Some(false) && actor.staff_id == Some(id) {
        fields.insert("active".into(), "You cannot deactivate yourself.".into());
    }
    if !fields.is_empty() {
        return Err(invalid(fields));
    }
    let hub = state.hub.clone();
    let (account, ended) = state
        .change(move |tx| {
            Box::pin(async move {
                let before = store::staff_account(tx, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let mut after = before.clone();
                if let Some(name) = name {
                    after.display_name = name;
                }
                after.role = change.role.unwrap_or(after.role);
                after.active = change.active.unwrap_or(after.active);
                let was_manager = before.active && before.role == Role::Manager;
                let still_manager = after.active && after.role == Role::Manager;
                if was_manager && !still_manager && store::active_managers(tx).await? <= 1 {
                    let field = if after.active { "role" } else { "active" };
                    return Err(AppError::field(
                        field,
                        "The store needs at least one active manager.",
                    ));
                }
                store::update_staff(tx, &after).await?;
                // Someone deactivated or given another role signs in again (as what they are now).
                let ended = if !after.active || after.role != before.role {
                    store::end_staff_sessions(tx, id).await?
                } else {
                    Vec::new()
                };
                let action = match (before.active, after.active) {
                    (true, false) => "deactivate",
                    (false, true) => "reactivate",
                    _ => "update",
                };
                audit(
                    tx,
                    &actor,
                    "staff",
                    id,
                    action,
                    &serde_json::json!({"before": before, "after": after}),
                )
                .await?;
                Ok((after, ended))
            })
        })
        .await?;
    for token in ended {
        hub.revoke(&token);
    }
    Ok(Json(account))
}
