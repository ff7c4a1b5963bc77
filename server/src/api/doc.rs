//! The OpenAPI document of `/api/v1`, generated from the wire types (`app::model`, the
//! request bodies) and the handlers' `#[utoipa::path]` annotations, and served at
//! `/api/v1/openapi.json`; the browsable docs at `/api/docs` (`ui`).

pub mod responses;
pub mod schemas;
pub mod ui;

use std::sync::OnceLock;

use axum::{http::header, response::IntoResponse};
use utoipa::{
    openapi::security::{ApiKey, ApiKeyValue, SecurityScheme},
    Modify, OpenApi,
};

use super::{
    accounts, admin_bays, admin_catalogue, aftersales, appointments, bays, checkins, customers,
    desk, jobs, kpis, meta, parts, passwords, sessions, setup, technicians, workshop,
};
use crate::error::AppError;

#[derive(OpenApi)]
#[openapi(
    info(title = "pitwall", version = "1", description = include_str!("doc/intro.md")),
    servers((url = "/")),
    paths(
        meta::health, meta::openapi,
        sessions::sign_in, sessions::current, sessions::sign_out, passwords::change_own_password,
        setup::status, setup::set_up,
        accounts::list, accounts::create_staff, accounts::change_staff, passwords::reset_password,
        passwords::set_staff_pin, technicians::create_technician, technicians::change_technician,
        technicians::set_technician_pin,
        bays::list,
        checkins::create, checkins::lookup, checkins::quote, checkins::call_advisor,
        jobs::get_job, jobs::post_action,
        workshop::check_item, workshop::report_additional, workshop::parts,
        desk::decide, desk::add_note, desk::customer_told, desk::invoice, desk::resolve_request,
        parts::list, parts::create, parts::update, parts::receive, parts::issue, parts::wait,
        crate::live::sse::events_handler,
        schemas::channel_snapshot,
        admin_bays::list, admin_bays::create, admin_bays::update, admin_bays::add_outage,
        admin_bays::end_outage,
        admin_catalogue::catalogue, admin_catalogue::create_item, admin_catalogue::update_item,
        admin_catalogue::set_labour_rate, admin_catalogue::schedules,
        admin_catalogue::create_schedule, admin_catalogue::update_schedule,
        aftersales::list_follow_ups, aftersales::get_follow_up, aftersales::record_call,
        aftersales::list_complaints, aftersales::open_complaint, aftersales::get_complaint,
        aftersales::add_step, aftersales::open_return_job,
        kpis::report, kpis::csv,
        appointments::day, appointments::book, appointments::availability, appointments::one,
        appointments::change, appointments::due_soon, appointments::log_call,
        appointments::send_reminder,
        customers::search, customers::file, customers::change_customer, customers::change_vehicle,
        customers::messages,
    ),
    components(
        schemas(
            app::model::LoungeSnapshot, app::model::BaysSnapshot, app::model::BaySnapshot,
            app::model::DeskSnapshot, app::model::TrackSnapshot, app::model::JobRemoved,
            app::model::PublicJob, app::model::BayInfo, app::model::PartsSnapshot,
            app::model::StockPart, app::model::AftersalesSnapshot,
        ),
        responses(
            responses::BadRequest, responses::Unauthenticated, responses::Forbidden,
            responses::DeskOnly, responses::ManagerOnly, responses::NotFound, responses::VersionConflict,
            responses::AlreadyDecided, responses::PayloadTooLarge, responses::RateLimited,
            responses::Unavailable, responses::Internal,
        ),
    ),
    modifiers(&SessionCookie),
    security(("session" = [])),
    tags(
        (name = "meta", description = "Health and this document."),
        (name = "sessions", description = "Sign-in, who am I, sign-out."),
        (name = "setup", description = "The first start of a store without staff: its one-time setup."),
        (name = "admin", description = "Running the store (manager only): staff and technician accounts."),
        (name = "bays", description = "The workshop board."),
        (name = "checkins", description = "Self check-in at the kiosk: finding a returning customer, the estimate and promise, the signed check-in, and calling an advisor."),
        (name = "jobs", description = "Jobs (repair orders) and the actions that move them."),
        (name = "bay", description = "The bay's screen: ticking the checklist, reporting additional work, the parts catalogue, issuing an item's parts and waiting for a part."),
        (name = "parts", description = "Parts stock (配件): the stock page's list, adding a part, its reorder point and order, receiving a delivery."),
        (name = "desk", description = "The service desk: the customer's decisions on extra work (also from their own page), notes on a job, the call to a delayed customer, answering \"call an advisor\", and the invoice."),
        (name = "admin", description = "The manager's screens: bays (hours, skills, out of service), the service catalogue and labour rate, the maintenance schedules per fuel type and model family. Every change is audited."),
        (name = "aftersales", description = "After the car leaves (售后): the follow-up call list (回访) and each call, complaints (投诉) with owner, deadline, escalation and every step, and return jobs (返修)."),
        (name = "appointments", description = "Before the car arrives: appointments (预约) booked against the workshop's capacity per bay skill and the parts on the shelf, confirmed, rescheduled and cancelled; the \"due soon\" reminder list (提醒), reminder calls and messages."),
        (name = "customers", description = "The customer's file (客户档案): search, cars and every visit, corrections on the audit trail; and the messages sent to customers (通知) through the signed webhook."),
        (name = "events", description = "Live updates: the event streams (server-sent events) and the snapshot a screen loads first."),
    ),
)]
struct ApiDoc;

/// The `session` security scheme: the cookie `POST /api/v1/sessions` sets.
struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::COOKIE,
                "The session cookie set by `POST /api/v1/sessions` (HttpOnly, SameSite=Lax) \
                 and cleared by `DELETE /api/v1/sessions`: a staff member's session, or a \
                 bay session (a technician signed in at a bay's screen with its PIN).",
            ))),
        );
    }
}

/// The generated document.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// `GET /api/v1/openapi.json`: the document, written once per process.
pub async fn serve() -> Result<impl IntoResponse, AppError> {
    static JSON: OnceLock<String> = OnceLock::new();
    let json = match JSON.get() {
        Some(json) => json,
        None => {
            let json = document()
                .to_json()
                .map_err(|e| AppError::Internal(format!("writing the OpenAPI document: {e}")))?;
            JSON.get_or_init(|| json)
        }
    };
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            // Public and the same for everyone: the one API answer a cache may keep.
            (header::CACHE_CONTROL, "no-cache"),
        ],
        json.as_str(),
    ))
}
