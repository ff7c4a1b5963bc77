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

use super::doc::responses::*;
use super::doc::schemas::*;
use crate::{
    auth::SessionActor,
    checkin,
    error::{ApiJson, AppError},
    AppState,
};
use app::model::ErrorBody;

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

/// Find a returning customer
///
/// By plate and the last four digits of the phone on record, or by appointment code.
/// Answers only what the kiosk may show (`LookupResult`) with a `lookup_ref` for the rest
/// of the check-in. Wrong or unknown, whichever part it was: the same `404 not_found`. A
/// lookup writes nothing.
///
/// Rate limit: after 5 lookups that found nothing from the same client address within
/// 60 s, every lookup from it (a right one too) is `429 rate_limited` until the window
/// passes. Public (the kiosk is not signed in).
#[utoipa::path(post, path = "/api/v1/checkins/lookup", tag = "checkins", operation_id = "checkinLookup", security(()),
    request_body(content = LookupRequest, examples(
        ("by_plate" = (value = json!({"plate": "粤A6T1Z8", "phone_last4": "1873"}))),
        ("by_code" = (value = json!({"appointment_code": "YY0002"}))),
    )),
    responses(
        (status = 200, description = "Found.", body = LookupResult),
        (status = 400, response = BadRequest),
        (status = 404, description = "`not_found`: nothing matches; the same body whatever was wrong (plate, digits or code).", body = ErrorBody,
            example = json!({"error": {"code": "not_found", "message": "not found"}})),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`lookup_incomplete`: neither an appointment code nor a plate with the phone's last four digits; `invalid`: a part too long.", body = ErrorBody,
            example = json!({"error": {"code": "lookup_incomplete", "message": "Give the plate and the last four digits of the phone, or an appointment code."}})),
        (status = 429, response = RateLimited),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn lookup(
    State(state): State<AppState>,
    extensions: Extensions,
    ApiJson(req): ApiJson<LookupRequest>,
) -> Result<Json<LookupResult>, AppError> {
    let key = client_key(&extensions);
    state.limiter.check(&key)?;
    match checkin::lookup(&state, &req, state.clock.now()).await? {
        Some(found) => Ok(Json(found)),
        None => {
            state.limiter.fail(&key);
            Err(AppError::NotFound)
        }
    }
}

/// Estimate and promise for a choice
///
/// The package due at the reading, the extras on offer, the lines chosen with labour and
/// parts apart, stock, the total and a promised completion time from the standard minutes
/// and the workshop's current queue. Writes nothing; the kiosk asks again as the customer
/// chooses. Public.
#[utoipa::path(post, path = "/api/v1/checkins/quote", tag = "checkins", operation_id = "checkinQuote", security(()),
    request_body(content = QuoteRequest, examples(
        ("package_due" = (value = json!({"mileage_km": 19800, "package": true, "services": [], "concerns": "", "wash": true}))),
        ("concerns_only" = (value = json!({"mileage_km": 25000, "concerns": "刹车时有异响"}))),
    )),
    responses(
        (status = 200, description = "The estimate.", body = Quote),
        (status = 400, response = BadRequest),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.mileage_km` (over 2,000,000 km, or below the looked-up car's last record), `fields.services` (no such item) or `fields.concerns`; `lookup_expired`: the `lookup_ref` is unknown, older than 30 minutes, or its appointment has been checked in since.",
            body = ErrorBody, example = json!({"error": {"code": "invalid", "message": "There is no service item 9999.", "fields": {"services": "There is no service item 9999."}}})),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn quote(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<QuoteRequest>,
) -> Result<Json<Quote>, AppError> {
    checkin::quote(&state, &req, state.clock.now())
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

/// Check a car in
///
/// Turns a signed check-in into a job in `checked_in`: the vehicle (and customer) for a
/// new plate, the order's items priced as quoted (`kind: order`, `status: todo`), the
/// vehicle's new mileage, the check-in on the timeline (by `customer`), and the `job`
/// event — all in one transaction; the job is on `lounge`, `bays` (masked) and `desk` at
/// once. Every field rule is checked and each offending field named in `fields`; a
/// rejected check-in writes nothing. An advisor's session checks in without the kiosk's
/// per-address limit.
///
/// **Idempotency.** Send an `Idempotency-Key` (the kiosk makes one per check-in): a repeat
/// with the same key and the same body — after the first or at the same time — makes no
/// second job and answers `201` with the first receipt; the same key with a different body
/// is `422 idempotency_key_reused`. A rejected request does not use up its key. Public.
#[utoipa::path(post, path = "/api/v1/checkins", tag = "checkins", operation_id = "checkIn",
    security((), ("session" = [])),
    params(IdempotencyKey),
    request_body(content = CheckinRequest, example = json!({"plate": "粤B7K3M9", "phone": "13912345678", "name": "陈先生",
        "model": "丰田 卡罗拉", "mileage_km": 4980, "package": true, "services": [], "concerns": "刹车时有异响",
        "wash": true, "old_parts": "leave", "payment_method": "wechat", "waiting": true, "valuables_acknowledged": true,
        "consent": true, "signature": {"width": 600, "height": 200, "strokes": [[[12, 150], [80, 60], [160, 140]]]}, "language": "zh"})),
    responses(
        (status = 201, description = "Checked in (or the replay of the first check-in with this `Idempotency-Key`).", body = CheckinReceipt),
        (status = 400, description = "`bad_request`: malformed JSON, wrong types, missing fields, or an `Idempotency-Key` that is not 1–128 visible ASCII characters.",
            body = ErrorBody, example = json!({"error": {"code": "bad_request", "message": "Idempotency-Key must be 1 to 128 visible ASCII characters"}})),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: each offending field in `fields` — `plate`, `phone` (walk-in: missing or not valid), `contact_phone`, `name`, `model` (too long; or missing for a new car), `vin`, `concerns` (over 1,000 characters), `mileage_km` (over 2,000,000; below the car's last record; more than 30,000 km above it without `mileage_confirmed`), `old_parts`, `payment_method`, `valuables_acknowledged`, `consent` (must be true), `signature` (not drawn), `services` (nothing chosen, nothing on the order, or no such item), `appointment_code` (not an open appointment of this car), `language`. `lookup_expired`: the `lookup_ref` is unknown, older than 30 minutes, or its appointment has been checked in since. `idempotency_key_reused`: the key was used for a different check-in.",
            body = ErrorBody, example = json!({"error": {"code": "invalid", "message": "Please sign in the box.", "fields": {"signature": "Please sign in the box."}}})),
        (status = 429, response = RateLimited),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
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
        state.clock.now(),
        advisor.as_ref(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}

/// Call an advisor
///
/// A customer asks for a person (the kiosk's "Call an advisor", always on screen). Stored
/// as an open request and sent live to the `desk` channel only (`desk_request` event; the
/// desk's `snapshot` lists open requests) — never to the public channels. Public.
#[utoipa::path(post, path = "/api/v1/desk-requests", tag = "checkins", operation_id = "callAdvisor", security(()),
    request_body(content = DeskRequestIn, example = json!({"source": "kiosk", "language": "en"})),
    responses(
        (status = 201, description = "Requested; the desk sees it at once.", body = DeskRequest),
        (status = 400, response = BadRequest),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.source` is empty or longer than 40 characters, or `fields.language` is not a language of the screens.", body = ErrorBody,
            example = json!({"error": {"code": "invalid", "message": "Say where the request comes from, e.g. kiosk.", "fields": {"source": "Say where the request comes from, e.g. kiosk."}}})),
        (status = 429, response = RateLimited),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn call_advisor(
    State(state): State<AppState>,
    extensions: Extensions,
    ApiJson(req): ApiJson<DeskRequestIn>,
) -> Result<(StatusCode, Json<DeskRequest>), AppError> {
    state
        .kiosk_throttles
        .desk_requests
        .hit(client_ip(&extensions))?;
    let request = checkin::call_advisor(&state, &req, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(request)))
}
