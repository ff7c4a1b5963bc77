//! The error answers many operations share, as reusable OpenAPI responses: each is an
//! `ErrorBody` (`app/src/model/error.rs`) with the code that status carries.

// Only the document reads these types: none is ever built.
#![allow(dead_code)]

use app::model::ErrorBody;
use utoipa::ToResponse;

/// `bad_request`: malformed JSON, wrong types, missing fields or no JSON content type.
#[derive(ToResponse)]
#[response(example = json!({"error": {"code": "bad_request", "message": "the body is not valid JSON: expected value at line 1 column 1"}}))]
pub struct BadRequest(ErrorBody);

/// `unauthenticated`: no live session cookie.
#[derive(ToResponse)]
#[response(example = json!({"error": {"code": "unauthenticated", "message": "sign in first"}}))]
pub struct Unauthenticated(ErrorBody);

/// `forbidden`: the signed-in role may not do this.
#[derive(ToResponse)]
#[response(example = json!({"error": {"code": "forbidden", "message": "Your role (washer) cannot assign a bay."}}))]
pub struct Forbidden(ErrorBody);

/// `forbidden`: signed in as a technician, team lead, QC inspector or washer; only the
/// service desk (advisor, foreman, manager) may do this.
#[derive(ToResponse)]
#[response(example = json!({"error": {"code": "forbidden", "message": "only the service desk (advisor, foreman, manager) may do this"}}))]
pub struct DeskOnly(ErrorBody);

/// `forbidden`: only a manager may do this; `password_change_required`: the session's
/// password was reset by a manager and must be changed first (`POST /api/v1/sessions/password`).
#[derive(ToResponse)]
#[response(example = json!({"error": {"code": "forbidden", "message": "only a manager may do this"}}))]
pub struct ManagerOnly(ErrorBody);

/// `not_found`: no such thing (a path id that is not an integer too).
#[derive(ToResponse)]
#[response(example = json!({"error": {"code": "not_found", "message": "not found"}}))]
pub struct NotFound(ErrorBody);

/// `version_conflict`: `expected_version` is not the job's current `version`; nothing was
/// changed. `error.current` is the job as it is now, in the view the session may see.
#[derive(ToResponse)]
#[response(example = json!({"error": {"code": "version_conflict", "message": "someone else changed this job first", "current": {"id": 7, "version": 5}}}))]
pub struct VersionConflict(ErrorBody);

/// `already_decided`: the extra work was decided already (the first decision wins);
/// `error.current` is the job as it is now.
#[derive(ToResponse)]
#[response(example = json!({"error": {"code": "already_decided", "message": "this extra work has already been decided"}}))]
pub struct AlreadyDecided(ErrorBody);

/// `payload_too_large`: the body is over 64 KiB.
#[derive(ToResponse)]
#[response(example = json!({"error": {"code": "payload_too_large", "message": "the request body is too large"}}))]
pub struct PayloadTooLarge(ErrorBody);

/// `rate_limited`: 5 failed sign-ins for the same username or bay within 60 s, 5 check-in
/// lookups that found nothing from the same client address within 60 s, or the kiosk's
/// check-ins and advisor calls from one address coming too fast; wait and try again.
#[derive(ToResponse)]
#[response(example = json!({"error": {"code": "rate_limited", "message": "too many attempts; wait a minute and try again"}}))]
pub struct RateLimited(ErrorBody);

/// `unavailable`: the store cannot take the request right now (busy past its timeout,
/// read-only, disk full, or failing I/O); nothing was changed. Sent with `Retry-After`
/// (seconds).
#[derive(ToResponse)]
#[response(
    headers(("Retry-After" = u64, description = "Seconds to wait before retrying.")),
    example = json!({"error": {"code": "unavailable", "message": "the store cannot take this request right now (busy); try again shortly"}})
)]
pub struct Unavailable(ErrorBody);

/// `internal`: a fault on the server's side (logged in full, answered opaquely).
#[derive(ToResponse)]
#[response(example = json!({"error": {"code": "internal", "message": "something went wrong on our side; it has been logged"}}))]
pub struct Internal(ErrorBody);
