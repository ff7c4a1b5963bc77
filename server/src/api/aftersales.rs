//! After-sales endpoints (售后): the follow-up call list and calls, complaints with
//! their steps and return jobs. The complaint chain's four roles (follow-up agent,
//! advisor, reception supervisor, manager); everyone else `403`.

use app::model::{
    CallRecord, ComplaintList, ComplaintStepRequest, ComplaintView, ErrorBody, FollowUpList,
    FollowUpTask, NewComplaint,
};
use axum::{
    extract::{
        rejection::{PathRejection, QueryRejection},
        Path, Query, State,
    },
    http::StatusCode,
    Json,
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::doc::responses::*;
use crate::{
    aftersales::{complaints, follow_ups},
    auth::SessionActor,
    error::{ApiJson, AppError},
    AppState,
};

fn id_of(path: Result<Path<i64>, PathRejection>) -> Result<i64, AppError> {
    path.map(|Path(id)| id).map_err(|_| AppError::NotFound)
}

/// `{id}` of a follow-up call or a complaint in a path.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)] // only a schema: never built
pub struct AftersalesId {
    /// The id (`FollowUpTask.id` or `ComplaintView.id`). A non-integer id is `404 not_found`.
    pub id: i64,
}

/// The call list's filter.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AgentFilter {
    /// Only this agent's calls (by name, as `FollowUpTask.agent`), and those nobody has
    /// made yet.
    pub agent: Option<String>,
}

/// The follow-up call list (回访)
///
/// Every open call and those closed in the last 7 days, at the server's now: `overdue`
/// (past `due.by`), `due_today`, `later`, then `done`, each by deadline. A call is due
/// from the customer's preferred time on the day after delivery to the end of the third
/// day (the store's time zone); a second contact about 7 days after a call that found a
/// problem. `FollowUpTask.facts` fills the call script.
#[utoipa::path(get, path = "/api/v1/follow-ups", tag = "aftersales", operation_id = "listFollowUps",
    security(("session" = [])), params(AgentFilter),
    responses(
        (status = 200, description = "The call list.", body = FollowUpList),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not a follow-up agent, advisor, reception supervisor or manager.", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn list_follow_ups(
    State(state): State<AppState>,
    actor: SessionActor,
    query: Result<Query<AgentFilter>, QueryRejection>,
) -> Result<Json<FollowUpList>, AppError> {
    let Query(filter) = query.map_err(|e| AppError::BadRequest(e.body_text()))?;
    follow_ups::list(&state, &actor, filter.agent.as_deref())
        .await
        .map(Json)
}

/// One follow-up call
#[utoipa::path(get, path = "/api/v1/follow-ups/{id}", tag = "aftersales", operation_id = "getFollowUp",
    security(("session" = [])), params(AftersalesId),
    responses(
        (status = 200, description = "The call with the facts of its job.", body = FollowUpTask),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not on the complaint chain.", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn get_follow_up(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
) -> Result<Json<FollowUpTask>, AppError> {
    let id = id_of(path)?;
    follow_ups::task(&state, &actor, id).await.map(Json)
}

/// Record a call
///
/// One attempt: `reached` with the customer's answers (`findings`), `not_reached` (the
/// third closes the call as `unreachable`) or `declined`. A reached customer who is
/// `dissatisfied` or whose fault is `no`t fixed opens a complaint (owned by the follow-up
/// agent, `complaint_id`) and, on a first contact, puts a second contact on the list
/// about 7 days later. `expected_attempts` guards against two agents on one call.
#[utoipa::path(post, path = "/api/v1/follow-ups/{id}/calls", tag = "aftersales", operation_id = "recordFollowUpCall",
    security(("session" = [])), params(AftersalesId),
    request_body(content = CallRecord, examples(
        ("reached" = (value = json!({"outcome": "reached", "expected_attempts": 0, "findings": {"satisfaction": "dissatisfied", "fault_fixed": "no", "comments": "异响还在 the noise is back", "reminder_consent": true}}))),
        ("not_reached" = (value = json!({"outcome": "not_reached", "expected_attempts": 1}))),
    )),
    responses(
        (status = 200, description = "Recorded: the call as it is now.", body = FollowUpTask),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not on the complaint chain.", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 409, description = "`version_conflict`: someone recorded a call since (`current` is the call now); `follow_up_closed`: the call is done, unreachable or declined.", body = ErrorBody),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.findings` (missing when reached, sent when not) or `fields.comments` (too long, control characters).", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn record_call(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(request): ApiJson<CallRecord>,
) -> Result<Json<FollowUpTask>, AppError> {
    let id = id_of(path)?;
    follow_ups::record(&state, &actor, id, request)
        .await
        .map(Json)
}

/// The complaints (投诉)
///
/// Open complaints by deadline (`overdue` past it), then those closed in the last 30
/// days, each with every step. An open complaint whose deadline passes escalates along
/// the chain (follow-up agent → advisor → reception supervisor → manager), each hand-over
/// a step the clock takes (`actor_role: null`) with a fresh deadline.
#[utoipa::path(get, path = "/api/v1/complaints", tag = "aftersales", operation_id = "listComplaints",
    security(("session" = [])),
    responses(
        (status = 200, description = "The complaints.", body = ComplaintList),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not on the complaint chain.", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn list_complaints(
    State(state): State<AppState>,
    actor: SessionActor,
) -> Result<Json<ComplaintList>, AppError> {
    complaints::list(&state, &actor).await.map(Json)
}

/// Take a complaint
///
/// A complaint taken by hand (`phone`, `in_store`, `online`, `manufacturer_hotline`),
/// about a job (the customer from the job) or not (`customer_name` and
/// `customer_phone` required). Owned by whoever takes it when they are on the chain;
/// its deadline by severity (high 4 h, normal 24 h, low 48 h).
#[utoipa::path(post, path = "/api/v1/complaints", tag = "aftersales", operation_id = "openComplaint",
    security(("session" = [])),
    request_body(content = NewComplaint, example = json!({"job_id": 7, "channel": "phone", "category": "delay", "severity": "normal", "summary": "等了两个小时没人通知 waited two hours and nobody called"})),
    responses(
        (status = 201, description = "Opened.", body = ComplaintView),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not on the complaint chain.", body = ErrorBody),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.channel`, `fields.summary`, `fields.job_id`, `fields.customer_name`, `fields.customer_phone`.", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn open_complaint(
    State(state): State<AppState>,
    actor: SessionActor,
    ApiJson(request): ApiJson<NewComplaint>,
) -> Result<(StatusCode, Json<ComplaintView>), AppError> {
    let view = complaints::open(&state, &actor, request).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// One complaint with every step
#[utoipa::path(get, path = "/api/v1/complaints/{id}", tag = "aftersales", operation_id = "getComplaint",
    security(("session" = [])), params(AftersalesId),
    responses(
        (status = 200, description = "The complaint.", body = ComplaintView),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not on the complaint chain.", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn get_complaint(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
) -> Result<Json<ComplaintView>, AppError> {
    let id = id_of(path)?;
    complaints::one(&state, &actor, id).await.map(Json)
}

/// A step on a complaint
///
/// `note`: what was done, with what was promised (`promise`); `resolve`: closes it with
/// the resolution (`note`) and the day the customer was told (`customer_told_on`, from
/// the day it was opened to today); `reopen`: a closed complaint opened again (why, in
/// `note`) with a fresh deadline. `expected_version` is the complaint's `version`.
#[utoipa::path(post, path = "/api/v1/complaints/{id}/steps", tag = "aftersales", operation_id = "addComplaintStep",
    security(("session" = [])), params(AftersalesId),
    request_body(content = ComplaintStepRequest, example = json!({"action": "note", "note": "已致电客户, 约周六返厂检查 called, booked a check on Saturday", "promise": "周六上午免费复检", "expected_version": 1})),
    responses(
        (status = 200, description = "Recorded: the complaint as it is now.", body = ComplaintView),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not on the complaint chain.", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 409, description = "`version_conflict` (`current` is the complaint now); `complaint_closed`: reopen it first; `complaint_open`: only a closed complaint is reopened.", body = ErrorBody),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.note`, `fields.promise`, `fields.customer_told_on`.", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn add_step(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(request): ApiJson<ComplaintStepRequest>,
) -> Result<Json<ComplaintView>, AppError> {
    let id = id_of(path)?;
    complaints::add_step(&state, &actor, id, request)
        .await
        .map(Json)
}

/// Open the return job (返修)
///
/// A new job for the complaint's car, checked in now, linked to the delivered job
/// (`JobView.return_of`) and flagged `return` on every screen: the work done copied as
/// its order, labour free of charge. One per complaint.
#[utoipa::path(post, path = "/api/v1/complaints/{id}/return-job", tag = "aftersales", operation_id = "openReturnJob",
    security(("session" = [])), params(AftersalesId),
    responses(
        (status = 201, description = "Opened: the complaint with `return_job_id`.", body = ComplaintView),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not on the complaint chain.", body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 409, description = "`no_job`: the complaint is about no job; `return_job_exists`; `not_delivered`: the job is not delivered.", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn open_return_job(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
) -> Result<(StatusCode, Json<ComplaintView>), AppError> {
    let id = id_of(path)?;
    let view = complaints::open_return_job(&state, &actor, id).await?;
    Ok((StatusCode::CREATED, Json(view)))
}
