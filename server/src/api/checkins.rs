//! The kiosk's endpoints: `POST /api/v1/checkins/lookup`, `/checkins/quote`,
//! `/checkins` and `/desk-requests` ("call an advisor").

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use app::model::{
    CheckinReceipt, CheckinRequest, DeskRequest, DeskRequestIn, LookupRequest, LookupResult, Quote,
    QuoteRequest,
};
use axum::{
    extract::{ConnectInfo, State},
    http::{Extensions, HeaderMap, StatusCode},
    Json,
};

use crate::{
    auth::SessionActor,
    checkin,
    error::{ApiJson, AppError},
    AppState,
};

/// The address of the screen behind a request (unspecified when the server runs
/// without connection info: then every client shares one count).
fn client_ip(extensions: &Extensions) -> IpAddr {
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip())
}

/// The rate-limit key of the screen behind a request: its address.
fn client_key(extensions: &Extensions) -> String {
    let ip = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_string(), |c| c.0.ip().to_string());
    format!("lookup:{ip}")
}

pub async fn lookup(
    State(state): State<AppState>,
    extensions: Extensions,
    ApiJson(req): ApiJson<LookupRequest>,
) -> Result<Json<LookupResult>, AppError> {
    let key = client_key(&extensions);
    state.limiter.check(&key)?;
    match checkin::lookup(&state, &req, chrono::Utc::now()).await? {
        Some(found) => Ok(Json(found)),
        None => {
            state.limiter.fail(&key);
            Err(AppError::NotFound)
        }
    }
}

pub async fn quote(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<QuoteRequest>,
) -> Result<Json<Quote>, AppError> {
    checkin::quote(&state, &req, chrono::Utc::now())
        .await
        .map(Json)
}

/// The `Idempotency-Key` header, if sent: 1–128 visible ASCII characters.
pub(crate) fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, AppError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| (1..=128).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()))
        .map(|k| Some(k.to_string()))
        .ok_or_else(|| {
            AppError::BadRequest("Idempotency-Key must be 1 to 128 visible ASCII characters".into())
        })
}

pub async fn create(
    State(state): State<AppState>,
    actor: Option<SessionActor>,
    extensions: Extensions,
    headers: HeaderMap,
    ApiJson(req): ApiJson<CheckinRequest>,
) -> Result<(StatusCode, Json<CheckinReceipt>), AppError> {
    let advisor = actor.filter(SessionActor::is_desk);
    // Anonymous check-ins are counted per address; the desk's own are staff work.
    if advisor.is_none() {
        state.kiosk_throttles.checkins.hit(client_ip(&extensions))?;
    }
    let key = idempotency_key(&headers)?;
    let (receipt, _made) = checkin::check_in(
        &state,
        key.as_deref(),
        &req,
        chrono::Utc::now(),
        advisor.as_ref(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}

pub async fn call_advisor(
    State(state): State<AppState>,
    extensions: Extensions,
    ApiJson(req): ApiJson<DeskRequestIn>,
) -> Result<(StatusCode, Json<DeskRequest>), AppError> {
    state
        .kiosk_throttles
        .desk_requests
        .hit(client_ip(&extensions))?;
    let request = checkin::call_advisor(&state, &req, chrono::Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(request)))
}
