//! Who is acting: session cookies, secret hashing, the signed-in actor extractor and
//! the limiter for wrong passwords and PINs.

mod limiter;

pub use limiter::{KeyedWindow, RateLimiter, KEY_CAP, KEY_MAX, KEY_WINDOW};

use app::domain::Role;
use axum::{
    extract::{FromRequestParts, OptionalFromRequestParts},
    http::request::Parts,
};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::{error::AppError, store, AppState};

pub const COOKIE: &str = "pitwall_session";

/// The signed-in person behind a request.
#[derive(Debug, Clone)]
pub struct SessionActor {
    pub role: Role,
    pub name: String,
    pub bay_id: Option<i64>,
    pub technician_id: Option<i64>,
    pub staff_id: Option<i64>,
    pub token_hash: String,
    /// A manager reset the password: until it is changed, only [`AnySession`] endpoints
    /// (who am I, change password, sign out) accept this session.
    pub must_change_password: bool,
}

impl SessionActor {
    pub fn is_technician(&self) -> bool {
        matches!(self.role, Role::Technician | Role::TeamLead)
    }

    /// Works the desk: advisors, the foreman and the manager.
    pub fn is_desk(&self) -> bool {
        matches!(self.role, Role::Advisor | Role::Foreman | Role::Manager)
    }
}

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The address of the client behind a request (served with connect info), for the
/// per-address limits. Forwarded headers are not trusted: anyone can write them.
pub fn client_ip(extensions: &http::Extensions) -> Option<std::net::IpAddr> {
    extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
}

fn cookie_token(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
}

/// The actor of a request, if it carries a live session.
pub async fn current_actor(
    parts: &Parts,
    state: &AppState,
) -> Result<Option<SessionActor>, AppError> {
    let Some(token) = cookie_token(parts) else {
        return Ok(None);
    };
    let hash = token_hash(&token);
    let mut conn = state.pool.acquire().await?;
    let Some(store::LiveSession {
        row,
        must_change_password,
    }) = store::session_by_token(&mut conn, &hash, chrono::Utc::now()).await?
    else {
        return Ok(None);
    };
    let role = Role::parse(&row.role)
        .ok_or_else(|| AppError::Internal(format!("session role {:?}", row.role)))?;
    Ok(Some(SessionActor {
        role,
        name: row.display_name,
        bay_id: row.bay_id,
        technician_id: row.technician_id,
        staff_id: row.staff_id,
        token_hash: hash,
        must_change_password,
    }))
}

impl FromRequestParts<AppState> for SessionActor {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let actor = AnySession::from_request_parts(parts, state).await?.0;
        if actor.must_change_password {
            return Err(AppError::PasswordChangeRequired);
        }
        Ok(actor)
    }
}

/// Any live session, including one that must change its password before anything else.
pub struct AnySession(pub SessionActor);

impl FromRequestParts<AppState> for AnySession {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        current_actor(parts, state)
            .await?
            .map(AnySession)
            .ok_or(AppError::Unauthenticated)
    }
}

/// `Option<SessionActor>`: endpoints open to a customer's token as well as to staff.
impl OptionalFromRequestParts<AppState> for SessionActor {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        match current_actor(parts, state).await? {
            Some(actor) if actor.must_change_password => Err(AppError::PasswordChangeRequired),
            other => Ok(other),
        }
    }
}

/// The Argon2id hash of a new password or PIN, computed off the async workers.
pub async fn hash_new_secret(secret: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || store::seed::hash_secret(&secret))
        .await
        .map_err(|e| AppError::Internal(format!("hashing a secret: {e}")))?
        .map_err(|e| AppError::Internal(format!("hashing a secret: {e}")))
}
