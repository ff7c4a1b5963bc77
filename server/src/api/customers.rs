//! The customer's file and the messages sent (客户档案, 通知): search, a customer with
//! cars and visits, the desk's corrections (audited), and the outbox. The desk, the
//! follow-up agent and the reception supervisor; everyone else `403`.

use app::model::{
    CustomerChange, CustomerFile, CustomerSearch, ErrorBody, MessageList, VehicleChange,
};
use axum::{
    extract::{
        rejection::{PathRejection, QueryRejection},
        Path, Query, State,
    },
    Json,
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::doc::responses::*;
use crate::{
    appointments::require_reception,
    auth::SessionActor,
    customers,
    error::{ApiJson, AppError},
    AppState,
};

fn id_of(path: Result<Path<i64>, PathRejection>) -> Result<i64, AppError> {
    path.map(|Path(id)| id).map_err(|_| AppError::NotFound)
}

/// `{id}` of a customer or a car in a path.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)] // only a schema: never built
pub struct FileId {
    /// The id. A non-integer id is `404 not_found`.
    pub id: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// A plate (typed any way the kiosk takes it), a phone or its digits (4 or more), a
    /// name or part of it, or a VIN: 2 to 40 characters.
    pub q: String,
}

const FORBIDDEN: &str = "`forbidden`: not the desk (advisor, foreman, manager), a follow-up agent or the reception supervisor.";

/// Find a customer
#[utoipa::path(get, path = "/api/v1/customers", tag = "customers", operation_id = "searchCustomers",
    security(("session" = [])), params(SearchQuery),
    responses(
        (status = 200, description = "At most 20 customers.", body = CustomerSearch),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = FORBIDDEN, body = ErrorBody),
        (status = 422, description = "`invalid`: `fields.q` (under 2 or over 40 characters, control characters).", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn search(
    State(state): State<AppState>,
    actor: SessionActor,
    query: Result<Query<SearchQuery>, QueryRejection>,
) -> Result<Json<CustomerSearch>, AppError> {
    let Query(q) = query.map_err(|e| AppError::BadRequest(e.body_text()))?;
    customers::search(&state, &actor, &q.q).await.map(Json)
}

/// A customer's file
///
/// The customer, each car with its next service and open appointments, and every
/// visit newest first: the day, the mileage, the work done, the package, the ticket and
/// invoice total, the follow-up's outcome and any complaints.
#[utoipa::path(get, path = "/api/v1/customers/{id}", tag = "customers", operation_id = "getCustomer",
    security(("session" = [])), params(FileId),
    responses(
        (status = 200, description = "The file.", body = CustomerFile),
        (status = 401, response = Unauthenticated),
        (status = 403, description = FORBIDDEN, body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn file(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
) -> Result<Json<CustomerFile>, AppError> {
    customers::file(&state, &actor, id_of(path)?)
        .await
        .map(Json)
}

/// Correct a customer's contact details
///
/// The name, the phone (the kiosk's rule) and whether they want messages at all; the
/// change goes on the audit trail.
#[utoipa::path(patch, path = "/api/v1/customers/{id}", tag = "customers", operation_id = "changeCustomer",
    security(("session" = [])), params(FileId),
    request_body(content = CustomerChange, example = json!({"phone": "13900139000", "messages_ok": false})),
    responses(
        (status = 200, description = "The file as it is now.", body = CustomerFile),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = FORBIDDEN, body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.name` (empty, over 40 characters), `fields.phone` (not a mobile number).", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn change_customer(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(request): ApiJson<CustomerChange>,
) -> Result<Json<CustomerFile>, AppError> {
    let id = id_of(path)?;
    customers::change_customer(&state, &actor, id, request)
        .await
        .map(Json)
}

/// Correct a car's details
///
/// The plate (the kiosk's rule), VIN, model and colour (an empty VIN or colour clears
/// it); the change goes on the audit trail. Answers with the owner's file.
#[utoipa::path(patch, path = "/api/v1/vehicles/{id}", tag = "customers", operation_id = "changeVehicle",
    security(("session" = [])), params(FileId),
    request_body(content = VehicleChange, example = json!({"vin": "LSVAU2180N2123456", "colour": "白 white"})),
    responses(
        (status = 200, description = "The owner's file as it is now.", body = CustomerFile),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = FORBIDDEN, body = ErrorBody),
        (status = 404, response = NotFound),
        (status = 409, description = "`plate_taken`: another car on file has that plate.", body = ErrorBody),
        (status = 413, response = PayloadTooLarge),
        (status = 422, description = "`invalid`: `fields.plate`, `fields.vin` (not 17 letters and digits; empty removes it), `fields.model` (empty, over 60), `fields.colour` (over 20).", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn change_vehicle(
    State(state): State<AppState>,
    actor: SessionActor,
    path: Result<Path<i64>, PathRejection>,
    ApiJson(request): ApiJson<VehicleChange>,
) -> Result<Json<CustomerFile>, AppError> {
    let id = id_of(path)?;
    customers::change_vehicle(&state, &actor, id, request)
        .await
        .map(Json)
}

/// Messages to customers (通知)
///
/// The outbox, newest first (200): each message with its cause, text, link and
/// delivery state (`pending` until the webhook takes it, `sent`, `dead` after too many
/// failures, `suppressed` when the customer asked for none); `gateway` says whether a
/// webhook is configured.
#[utoipa::path(get, path = "/api/v1/messages", tag = "customers", operation_id = "listMessages",
    security(("session" = [])),
    responses(
        (status = 200, description = "The outbox.", body = MessageList),
        (status = 401, response = Unauthenticated),
        (status = 403, description = FORBIDDEN, body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn messages(
    State(state): State<AppState>,
    actor: SessionActor,
) -> Result<Json<MessageList>, AppError> {
    require_reception(&actor)?;
    crate::outbox::list(&state).await.map(Json)
}
