//! Sign-in (staff password or a technician's PIN at a bay), who am I, sign-out.

use std::net::IpAddr;

use app::domain::Role;
use app::model::Actor;
use axum::{
    extract::State,
    http::{header, Extensions, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
    Json,
};
use chrono::{Duration, Utc};

use super::doc::responses::*;
use crate::{
    auth::{self, AnySession},
    error::{ApiJson, AppError},
    store::{self, seed::verify_secret, SessionRow},
    AppState,
};
use app::model::ErrorBody;

/// The session was ended.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SignedOut {
    signed_out: bool,
}

pub use app::model::SignIn;

/// Sign in
///
/// Staff sign in with `username` and `password`; a technician at a bay with `bay_id` and
/// `pin`. On success sets the HttpOnly, SameSite=Lax session cookie `pitwall_session`
/// (Path=/, Max-Age = the session lifetime, 12 h by default) and returns who signed in
/// with which role. A technician's sign-in is shown on the bay (`bay` event). Five failed
/// attempts per username or per bay within 60 s make further attempts `429 rate_limited`
/// until the window passes.
#[utoipa::path(post, path = "/api/v1/sessions", tag = "sessions", operation_id = "signIn", security(()),
    request_body(content = SignIn, examples(
        ("staff" = (value = json!({"username": "advisor", "password": "pitwall"}))),
        ("bay" = (value = json!({"bay_id": 1, "pin": "1111"}))),
    )),
    responses(
        (status = 200, description = "Signed in.", body = Actor,
            headers(("Set-Cookie" = String, description = "`pitwall_session=…; HttpOnly; SameSite=Lax; Path=/; Max-Age=…`"))),
        (status = 400, response = BadRequest),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "Well-formed but not accepted: `invalid` (the PIN is not 4–6 digits: `fields.pin`; no such bay: `fields.bay_id`), `wrong_credentials` (wrong username or password; does not say which) or `wrong_pin` (the PIN belongs to no technician of that bay's team).",
            body = ErrorBody, examples(
                ("invalid_pin" = (value = json!({"error": {"code": "invalid", "message": "a PIN is 4 to 6 digits", "fields": {"pin": "a PIN is 4 to 6 digits"}}}))),
                ("wrong_credentials" = (value = json!({"error": {"code": "wrong_credentials", "message": "wrong username or password"}}))),
            )),
        (status = 429, response = RateLimited),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn sign_in(
    State(state): State<AppState>,
    extensions: Extensions,
    ApiJson(body): ApiJson<SignIn>,
) -> Result<Response, AppError> {
    let ip = auth::client_ip(&extensions);
    let (session, must_change_password) = match body {
        SignIn::Staff { username, password } => {
            staff_session(&state, ip, &username, password).await?
        }
        SignIn::Bay { bay_id, pin } => (bay_session(&state, ip, bay_id, pin).await?, false),
    };
    open_session(&state, session, must_change_password).await
}

/// Opens a session for `session` (and tells its bay), answering with who signed in and
/// the cookie.
pub(super) async fn open_session(
    state: &AppState,
    session: SessionRow,
    must_change_password: bool,
) -> Result<Response, AppError> {
    let token = auth::new_token();
    // A session lives by the wall clock; the bay's state is read at the store's.
    let (now, at) = (Utc::now(), state.clock.now());
    let (hash, expires) = (
        auth::token_hash(&token),
        now + Duration::hours(state.config.session_hours),
    );
    let session = state
        .change(move |tx| {
            Box::pin(async move {
                store::create_session(tx, &hash, &session, now, expires).await?;
                if let Some(bay_id) = session.bay_id {
                    announce_bay(tx, bay_id, at).await?;
                }
                Ok(session)
            })
        })
        .await?;
    let role = Role::parse(&session.role)
        .ok_or_else(|| AppError::Internal(format!("role {:?}", session.role)))?;
    let actor = Actor {
        role,
        name: session.display_name,
        bay_id: session.bay_id,
        must_change_password,
    };
    let cookie = session_cookie(state, &token, state.config.session_hours * 3600);
    Ok(with_cookie(Json(actor), &cookie))
}

/// The session cookie (or, with an empty token and no age, the one that clears it);
/// `Secure` when the store is served over TLS (`PITWALL_SECURE_COOKIE`).
fn session_cookie(state: &AppState, token: &str, max_age: i64) -> String {
    let secure = if state.config.secure_cookie {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{}={token}; HttpOnly; SameSite=Lax; Path=/; Max-Age={max_age}{secure}",
        auth::COOKIE
    )
}

async fn staff_session(
    state: &AppState,
    ip: Option<IpAddr>,
    username: &str,
    password: String,
) -> Result<(SessionRow, bool), AppError> {
    // Keys are bounded in length: the limiter holds them, whatever a client sends.
    let username = username.trim().to_lowercase();
    let key: String = format!("user:{username}").chars().take(80).collect();
    let mut conn = state.pool.acquire().await?;
    let staff = store::staff_by_username(&mut conn, &username).await?;
    drop(conn);
    // An unknown username is checked against the dummy hash: the same Argon2 work, so the
    // answer's timing does not tell which usernames exist.
    let hash = staff.as_ref().map_or_else(
        || state.limiter.dummy_hash().to_string(),
        |s| s.password_hash.clone(),
    );
    let ok = state
        .limiter
        .judge(ip, &key, move || {
            verify_secret(&password, &hash).then_some(())
        })
        .await?;
    match staff.filter(|_| ok.is_some()) {
        Some(s) => Ok((
            SessionRow {
                role: s.role,
                display_name: s.display_name,
                staff_id: Some(s.id),
                technician_id: None,
                bay_id: None,
            },
            s.must_change_password,
        )),
        None => Err(AppError::invalid(
            "wrong_credentials",
            "wrong username or password",
        )),
    }
}

async fn bay_session(
    state: &AppState,
    ip: Option<IpAddr>,
    bay_id: i64,
    pin: String,
) -> Result<SessionRow, AppError> {
    if !app::domain::is_pin_shaped(&pin) {
        return Err(AppError::field("pin", "a PIN is 4 to 6 digits"));
    }
    let mut conn = state.pool.acquire().await?;
    if !store::bay_exists(&mut conn, bay_id).await? {
        return Err(AppError::field(
            "bay_id",
            format!("there is no bay {bay_id}"),
        ));
    }
    let technicians = store::technicians_of_bay(&mut conn, bay_id).await?;
    drop(conn);
    let found = state
        .limiter
        .judge(ip, &format!("bay:{bay_id}"), move || {
            technicians
                .into_iter()
                .find(|t| verify_secret(&pin, &t.pin_hash))
        })
        .await?;
    let Some(t) = found else {
        return Err(AppError::invalid(
            "wrong_pin",
            "that PIN does not belong to this bay's team",
        ));
    };
    let role = if t.is_lead {
        Role::TeamLead
    } else {
        Role::Technician
    };
    Ok(SessionRow {
        role: role.as_str().to_string(),
        display_name: t.name,
        staff_id: None,
        technician_id: Some(t.id),
        bay_id: Some(bay_id),
    })
}

/// Appends the bay's new state (who is signed in) to the event log.
pub(super) async fn announce_bay(
    conn: &mut sqlx::SqliteConnection,
    bay_id: i64,
    now: chrono::DateTime<Utc>,
) -> Result<(), AppError> {
    if let Some(bay) = store::bays(conn, Some(bay_id), now)
        .await?
        .into_iter()
        .next()
    {
        store::append_bay_event(conn, &bay).await?;
    }
    Ok(())
}

/// Who is signed in
#[utoipa::path(get, path = "/api/v1/sessions", tag = "sessions", operation_id = "currentSession",
    security(("session" = [])),
    responses(
        (status = 200, description = "The signed-in actor.", body = Actor),
        (status = 401, response = Unauthenticated),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn current(AnySession(actor): AnySession) -> Json<Actor> {
    Json(Actor {
        role: actor.role,
        name: actor.name,
        bay_id: actor.bay_id,
        must_change_password: actor.must_change_password,
    })
}

/// Sign out
///
/// Ends the session and clears the cookie. A technician's sign-out is shown on the bay
/// (`bay` event).
#[utoipa::path(delete, path = "/api/v1/sessions", tag = "sessions", operation_id = "signOut",
    security(("session" = [])),
    responses(
        (status = 200, description = "Signed out.", body = SignedOut),
        (status = 401, response = Unauthenticated),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn sign_out(
    State(state): State<AppState>,
    AnySession(actor): AnySession,
) -> Result<Response, AppError> {
    let (hash, now) = (actor.token_hash.clone(), state.clock.now());
    state
        .change(move |tx| {
            Box::pin(async move {
                let ended = store::delete_session(tx, &hash).await?;
                if let Some(bay_id) = ended.and_then(|s| s.technician_id.and(s.bay_id)) {
                    announce_bay(tx, bay_id, now).await?;
                }
                Ok(())
            })
        })
        .await?;
    // The streams this session opened (the desk, a bay's full view) end now.
    state.hub.revoke(&actor.token_hash);
    let cookie = session_cookie(&state, "", 0);
    Ok(with_cookie(Json(SignedOut { signed_out: true }), &cookie))
}

fn with_cookie(body: impl IntoResponse, cookie: &str) -> Response {
    let mut response = body.into_response();
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(cookie) {
        headers.insert(header::SET_COOKIE, value);
    }
    response.headers_mut().extend(headers);
    response
}
