//! Shapes that only the document names: answers the handlers build as JSON values (a
//! job in the view the session may see), and a
//! `channel_snapshot` call's form body. The response-validation test keeps them honest.

use app::model::{ErrorBody, JobView, LiveSnapshot, TechJob, TrackJob};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::responses::{Forbidden, Internal, NotFound, Unauthenticated, Unavailable};

/// A job as the session may see it: the staff view (`JobView`) for the desk (advisor,
/// foreman, manager); the work view (`TechJob`: no customer, phone or tracking token) for
/// technicians, team leads, the QC inspector and the washer.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
#[allow(dead_code, clippy::large_enum_variant)] // only a schema: never built
pub enum JobAnswer {
    Staff(JobView),
    Work(TechJob),
}

/// The job as the decider may see it: `TrackJob` on the customer's page (with a
/// `tracking_token`), else the desk's `JobView`.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
#[allow(dead_code, clippy::large_enum_variant)] // only a schema: never built
pub enum DecisionAnswer {
    Staff(JobView),
    Customer(TrackJob),
}

/// Reported: the new item's id and the job as the technician sees it.
#[derive(Serialize, ToSchema)]
#[allow(dead_code, clippy::large_enum_variant)] // only a schema: never built
pub struct AdditionalReported {
    pub item_id: i64,
    pub job: JobAnswer,
}

/// The `channel_snapshot` server function's form body.
#[derive(ToSchema)]
#[allow(dead_code, clippy::large_enum_variant)] // only a schema: never built
pub struct SnapshotForm {
    /// `lounge`, `bays`, `bay/{bay_id}`, `desk`, `parts`, `aftersales` or
    /// `track/{tracking_token}`.
    #[schema(example = "lounge")]
    pub channel: String,
}

/// `{job_id}` in a path.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code, clippy::large_enum_variant)] // only a schema: never built
pub struct JobId {
    /// The job id. A non-integer id is `404 not_found`.
    pub job_id: i64,
}

/// `{item_id}` in a path.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code, clippy::large_enum_variant)] // only a schema: never built
pub struct ItemId {
    /// The item's id (`JobItemView.id`). A non-integer id is `404 not_found`.
    pub item_id: i64,
}

/// `{part_id}` in a path.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code, clippy::large_enum_variant)] // only a schema: never built
pub struct PartId {
    /// The part's id (`StockPart.id`). A non-integer id is `404 not_found`.
    pub part_id: i64,
}

/// `{id}` of a "call an advisor" request in a path.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code, clippy::large_enum_variant)] // only a schema: never built
pub struct RequestId {
    /// The request's id (`DeskRequest.id`). A non-integer id is `404 not_found`.
    pub id: i64,
}

/// The optional `Idempotency-Key` header of a write the screens may retry.
#[derive(IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code, clippy::large_enum_variant)] // only a schema: never built
pub struct IdempotencyKey {
    /// 1–128 visible ASCII characters (otherwise `400 bad_request`). A repeat with the
    /// same key and body answers the first response and changes nothing; the same key
    /// from another person or with another body is `422 idempotency_key_reused`. The
    /// screens send one key per tap (the kiosk one per check-in), reused on retry.
    #[param(
        rename = "Idempotency-Key",
        min_length = 1,
        max_length = 128,
        pattern = r"^[\x21-\x7E]{1,128}$",
        example = "bay-3f9c2a71"
    )]
    pub key: Option<String>,
}

/// The snapshot a screen loads first (the `channel_snapshot` server function)
///
/// A channel's whole current view and the id of the last event it reflects, with the
/// rights of the request's session, as the stream's `snapshot` event would carry it:
/// `data` is that event's JSON (see `GET /api/v1/events/{channel}` for each channel's
/// shape). The screens call it once when a page loads, then follow the stream from
/// `last_event_id`. Refusals are the stream's: `404` for an unknown channel, bay or
/// token, `401`/`403` for `desk` without a desk session.
#[utoipa::path(post, path = "/api/v1/channel_snapshot", tag = "events", operation_id = "channelSnapshot",
    security((), ("session" = [])),
    request_body(content = SnapshotForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "The snapshot.", body = LiveSnapshot,
            example = json!({"last_event_id": 412, "data": "{\"jobs\":[],\"desk_phone\":\"\"}"})),
        (status = 400, description = "`bad_request`: the form has no `channel`.", body = ErrorBody),
        (status = 401, response = Unauthenticated),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
#[allow(dead_code, clippy::large_enum_variant)] // only a schema: never built
pub fn channel_snapshot() {}
