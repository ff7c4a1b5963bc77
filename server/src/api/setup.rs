//! The first start: whether the store needs its one-time setup, and the setup itself
//! (the store's name, desk phone, timezone and labour rate, and its first manager).

use app::domain::{check_password, clean_line, normalise_username, parse_utc_offset, Phone};
use app::model::{Actor, ErrorBody, SetupRequest, SetupStatus};
use axum::{extract::State, http::Extensions, response::Response, Json};
use chrono::Utc;

use super::doc::responses::*;
use super::sessions::open_session;
use crate::{
    auth,
    error::{ApiJson, AppError},
    store::{self, AuditEntry, NewStaffRow, SessionRow},
    AppState,
};

/// The most a labour rate may be, in fen per hour (10,000 yuan).
const RATE_MAX_FEN: i64 = 1_000_000;

/// Whether setup is needed
#[utoipa::path(get, path = "/api/v1/setup", tag = "setup", operation_id = "setupStatus", security(()),
    responses(
        (status = 200, description = "`needed: true` until the store has its first manager.", body = SetupStatus),
    ))]
pub async fn status(State(state): State<AppState>) -> Json<SetupStatus> {
    Json(SetupStatus {
        needed: state.setup.needed(),
    })
}

/// Set the store up (once)
///
/// Creates the store's settings and its first manager, and signs the manager in (the
/// session cookie, as `POST /api/v1/sessions`). Allowed once, while the store has no staff
/// account; asks for the setup code the server printed in its log at start
/// (`PITWALL_SETUP_CODE` sets it). Wrong codes count against the sign-in limits.
#[utoipa::path(post, path = "/api/v1/setup", tag = "setup", operation_id = "setUp", security(()),
    request_body(content = SetupRequest, example = json!({"setup_code": "K7QM-2XRP", "store_name": "星辰汽车4S店", "desk_phone": "020-8888 6666", "timezone": "+08:00", "labour_rate_fen_per_hour": 30000, "manager_username": "wang.li", "manager_name": "王丽", "password": "workshop2026"})),
    responses(
        (status = 200, description = "Set up; the manager is signed in.", body = Actor),
        (status = 400, response = BadRequest),
        (status = 409, description = "`already_set_up`: the store has staff accounts; sign in instead.", body = ErrorBody,
            example = json!({"error": {"code": "already_set_up", "message": "this store is already set up; sign in instead"}})),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid` with `fields` naming each refused field (`setup_code`, `store_name`, `desk_phone`, `timezone`, `labour_rate_fen_per_hour`, `manager_username`, `manager_name`, `password`).", body = ErrorBody,
            example = json!({"error": {"code": "invalid", "message": "A password is at least 10 characters.", "fields": {"password": "A password is at least 10 characters."}}})),
        (status = 429, response = RateLimited),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn set_up(
    State(state): State<AppState>,
    extensions: Extensions,
    ApiJson(request): ApiJson<SetupRequest>,
) -> Result<Response, AppError> {
    if !state.setup.needed() {
        return Err(already_set_up());
    }
    let form = validate(&request)?;
    let gate = state.setup.clone();
    let code = request.setup_code.clone();
    let right = state
        .limiter
        .judge(auth::client_ip(&extensions), "setup", move || {
            gate.code_matches(&code).then_some(())
        })
        .await?;
    if right.is_none() {
        return Err(AppError::field(
            "setup_code",
            "This is not the setup code the server printed in its log.",
        ));
    }
    let password_hash = auth::hash_new_secret(request.password.clone()).await?;
    let now = Utc::now();
    let session = state
        .change(move |tx| {
            Box::pin(async move {
                // Checked in the transaction: two setups at once make one manager.
                if store::staff_count_in(tx).await? > 0 {
                    return Err(already_set_up());
                }
                for (key, value) in form.settings() {
                    store::put_setting(tx, key, &value).await?;
                }
                let id = store::insert_staff(
                    tx,
                    NewStaffRow {
                        username: &form.username,
                        display_name: &form.manager_name,
                        role: app::domain::Role::Manager,
                        password_hash: &password_hash,
                        must_change_password: false,
                        pin_hash: None,
                    },
                )
                .await?;
                store::record_audit(
                    tx,
                    AuditEntry {
                        at: now,
                        actor_role: "manager",
                        actor_name: &form.manager_name,
                        subject: "store",
                        subject_id: Some(id),
                        action: "set_up",
                        detail: &serde_json::json!({
                            "store_name": form.store_name,
                            "desk_phone": form.desk_phone,
                            "timezone": form.timezone,
                            "labour_rate_fen_per_hour": form.rate,
                            "manager_username": form.username,
                        }),
                    },
                )
                .await?;
                Ok((
                    SessionRow {
                        role: "manager".into(),
                        display_name: form.manager_name.clone(),
                        staff_id: Some(id),
                        technician_id: None,
                        bay_id: None,
                    },
                    form.zone,
                ))
            })
        })
        .await;
    let (session, zone) = session?;
    state.setup.done();
    if !state.config.zone_from_env {
        app::domain::set_store_zone(zone);
    }
    tracing::info!(
        "the store was set up; {} is its first manager",
        session.display_name
    );
    open_session(&state, session, false).await
}

fn already_set_up() -> AppError {
    AppError::Conflict {
        code: "already_set_up",
        message: "this store is already set up; sign in instead".into(),
    }
}

/// The setup's fields, each checked.
struct SetupForm {
    store_name: String,
    desk_phone: String,
    timezone: String,
    zone: chrono::FixedOffset,
    rate: i64,
    username: String,
    manager_name: String,
}

impl SetupForm {
    fn settings(&self) -> [(&'static str, String); 5] {
        [
            ("store_name_zh", self.store_name.clone()),
            ("store_name_en", self.store_name.clone()),
            ("desk_phone", self.desk_phone.clone()),
            ("timezone", self.timezone.clone()),
            ("labour_rate_fen_per_hour", self.rate.to_string()),
        ]
    }
}

fn validate(request: &SetupRequest) -> Result<SetupForm, AppError> {
    let mut fields = std::collections::BTreeMap::new();
    let mut refuse = |field: &str, message: String| {
        fields.insert(field.to_string(), message);
    };
    let store_name = line(&request.store_name, 60, "store_name", &mut refuse);
    let manager_name = line(&request.manager_name, 40, "manager_name", &mut refuse);
    // A desk phone is a landline or a mobile: digits, spaces, dashes and a leading +.
    let desk_phone = line(&request.desk_phone, 32, "desk_phone", &mut refuse);
    let digits = desk_phone.chars().filter(char::is_ascii_digit).count();
    if !desk_phone.is_empty()
        && (!(7..=15).contains(&digits)
            || !desk_phone
                .chars()
                .all(|c| c.is_ascii_digit() || " -+()".contains(c)))
        && Phone::parse(&desk_phone).is_err()
    {
        refuse("desk_phone", "A phone number is 7 to 15 digits.".into());
    }
    let zone = parse_utc_offset(&request.timezone);
    if let Err(e) = &zone {
        refuse("timezone", e.clone());
    }
    let rate = request.labour_rate_fen_per_hour;
    if !(1..=RATE_MAX_FEN).contains(&rate) {
        refuse(
            "labour_rate_fen_per_hour",
            "The labour rate is between 0.01 and 10,000 yuan an hour.".into(),
        );
    }
    let username = normalise_username(&request.manager_username);
    if let Err(e) = &username {
        refuse("manager_username", e.to_string());
    }
    if let Err(e) = check_password(&request.password, &request.manager_username) {
        refuse("password", e.to_string());
    }
    match (zone, username) {
        (Ok(zone), Ok(username)) if fields.is_empty() => Ok(SetupForm {
            store_name,
            desk_phone,
            timezone: app::domain::format_utc_offset(zone),
            zone,
            rate,
            username,
            manager_name,
        }),
        _ => Err(invalid(fields)),
    }
}

/// A required single-line text of at most `max` characters, cleaned.
pub(super) fn line(
    raw: &str,
    max: usize,
    field: &str,
    refuse: &mut impl FnMut(&str, String),
) -> String {
    match clean_line(raw, max) {
        Ok(text) if text.is_empty() => {
            refuse(field, "This is required.".into());
            text
        }
        Ok(text) => text,
        Err(e) => {
            refuse(field, e.to_string());
            String::new()
        }
    }
}

/// `422 invalid` with every refused field; the message is the first field's.
pub(super) fn invalid(fields: std::collections::BTreeMap<String, String>) -> AppError {
    let message = fields
        .values()
        .next()
        .cloned()
        .unwrap_or_else(|| "invalid".into());
    AppError::Invalid {
        code: "invalid",
        message,
        fields,
    }
}
