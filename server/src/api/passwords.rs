//! Passwords and PINs: a manager resetting a staff member's password or setting their
//! PIN, and a person changing their own password.

use app::domain::check_password;
use app::model::{Actor, ChangePassword, ErrorBody, SetPassword, SetPin, StaffAccount};
use axum::{
    extract::{rejection::PathRejection, Path, State},
    Json,
};

use super::doc::responses::*;
use crate::{
    admin::Manager,
    auth::{self, AnySession},
    error::{ApiJson, AppError},
    store::{self, seed::verify_secret, PinOwner},
    AppState,
};

use super::accounts::{audit, id_of, new_pin_hash};

/// Reset a staff member's password
///
/// The new password is temporary: the person must change it at the next sign-in (until
/// then their session can do nothing else). Their other sessions end.
#[utoipa::path(put, path = "/api/v1/admin/staff/{id}/password", tag = "admin", operation_id = "resetStaffPassword",
    security(("session" = [])), params(("id" = i64, Path, description = "The staff account.")),
    request_body(content = SetPassword, example = json!({"password": "temporary2026"})),
    responses(
        (status = 200, description = "Reset; `must_change_password` is true.", body = StaffAccount),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = ManagerOnly),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.password` (too weak).", body = ErrorBody,
            example = json!({"error": {"code": "invalid", "message": "A password is at least 10 characters.", "fields": {"password": "A password is at least 10 characters."}}})),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn reset_password(
    State(state): State<AppState>,
    Manager(actor): Manager,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(body): ApiJson<SetPassword>,
) -> Result<Json<StaffAccount>, AppError> {
    let id = id_of(path)?;
    let mut conn = state.pool.acquire().await?;
    let username = store::staff_account(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?
        .username;
    drop(conn);
    check_password(&body.password, &username)
        .map_err(|e| AppError::field("password", e.to_string()))?;
    let hash = auth::hash_new_secret(body.password).await?;
    let hub = state.hub.clone();
    let (account, ended) = state
        .change(move |tx| {
            Box::pin(async move {
                store::set_staff_password(tx, id, &hash, true).await?;
                let ended = store::end_staff_sessions(tx, id).await?;
                let account = store::staff_account(tx, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                audit(
                    tx,
                    &actor,
                    "staff",
                    id,
                    "reset_password",
                    &serde_json::json!({}),
                )
                .await?;
                Ok((account, ended))
            })
        })
        .await?;
    for token in ended {
        hub.revoke(&token);
    }
    Ok(Json(account))
}

/// Set a staff member's PIN (for countersigning at the bays)
#[utoipa::path(put, path = "/api/v1/admin/staff/{id}/pin", tag = "admin", operation_id = "setStaffPin",
    security(("session" = [])), params(("id" = i64, Path, description = "The staff account.")),
    request_body(content = SetPin, example = json!({"pin": "2580"})),
    responses(
        (status = 200, description = "Set; the PIN is never shown again.", body = StaffAccount),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, response = ManagerOnly),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.pin` (not 4–6 digits, too easy, or already someone's).", body = ErrorBody,
            example = json!({"error": {"code": "invalid", "message": "A PIN is 4 to 6 digits.", "fields": {"pin": "A PIN is 4 to 6 digits."}}})),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn set_staff_pin(
    State(state): State<AppState>,
    Manager(actor): Manager,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(body): ApiJson<SetPin>,
) -> Result<Json<StaffAccount>, AppError> {
    let id = id_of(path)?;
    let hash = new_pin_hash(&state, &body.pin, None, PinOwner::Staff(id)).await?;
    let account = state
        .change(move |tx| {
            Box::pin(async move {
                store::staff_account(tx, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                store::set_staff_pin(tx, id, &hash).await?;
                let account = store::staff_account(tx, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                audit(tx, &actor, "staff", id, "set_pin", &serde_json::json!({})).await?;
                Ok(account)
            })
        })
        .await?;
    Ok(Json(account))
}

/// Change your own password
///
/// Needed after a manager reset it (`must_change_password`), possible any time.
#[utoipa::path(post, path = "/api/v1/sessions/password", tag = "sessions", operation_id = "changeOwnPassword",
    security(("session" = [])),
    request_body(content = ChangePassword, example = json!({"current": "temporary2026", "new": "mychoice2026"})),
    responses(
        (status = 200, description = "Changed; the session may do everything again.", body = Actor),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: a bay session (technicians have PINs, not passwords).", body = ErrorBody,
            example = json!({"error": {"code": "forbidden", "message": "only staff accounts have passwords"}})),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.current` (wrong) or `fields.new` (too weak, or the same as before).", body = ErrorBody,
            example = json!({"error": {"code": "invalid", "message": "A password is at least 10 characters.", "fields": {"new": "A password is at least 10 characters."}}})),
        (status = 429, response = RateLimited),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn change_own_password(
    State(state): State<AppState>,
    extensions: axum::http::Extensions,
    AnySession(actor): AnySession,
    ApiJson(body): ApiJson<ChangePassword>,
) -> Result<Json<Actor>, AppError> {
    let Some(id) = actor.staff_id else {
        return Err(AppError::Forbidden(
            "only staff accounts have passwords".into(),
        ));
    };
    let mut conn = state.pool.acquire().await?;
    let account = store::staff_account(&mut conn, id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let stored = store::staff_by_username(&mut conn, &account.username)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    drop(conn);
    if let Err(e) = check_password(&body.new, &account.username) {
        return Err(AppError::field("new", e.to_string()));
    }
    if body.new == body.current {
        return Err(AppError::field(
            "new",
            "Pick a password other than the current one.",
        ));
    }
    let (current, hash) = (body.current.clone(), stored.password_hash);
    let right = state
        .limiter
        .judge(
            auth::client_ip(&extensions),
            &format!("user:{}", account.username),
            move || verify_secret(&current, &hash).then_some(()),
        )
        .await?;
    if right.is_none() {
        return Err(AppError::field(
            "current",
            "This is not your current password.",
        ));
    }
    let new_hash = auth::hash_new_secret(body.new).await?;
    let audit_actor = actor.clone();
    state
        .change(move |tx| {
            Box::pin(async move {
                store::set_staff_password(tx, id, &new_hash, false).await?;
                audit(
                    tx,
                    &audit_actor,
                    "staff",
                    id,
                    "change_own_password",
                    &serde_json::json!({}),
                )
                .await?;
                Ok(())
            })
        })
        .await?;
    Ok(Json(Actor {
        role: actor.role,
        name: actor.name,
        bay_id: None,
        must_change_password: false,
    }))
}
