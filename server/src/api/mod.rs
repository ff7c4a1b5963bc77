//! The REST API of `api.md` under `/api/v1`, and the layers every request passes. The
//! routes come from one table (`table`), which the router is built from and the route
//! test compares with the generated OpenAPI document (`doc`).

mod accounts;
mod admin_bays;
mod admin_catalogue;
mod aftersales;
mod appointments;
mod bays;
mod checkins;
mod customers;
mod desk;
pub mod doc;
mod jobs;
mod kpis;
mod meta;
mod parts;
mod passwords;
mod sessions;
mod setup;
mod technicians;
mod test_clock;
mod workshop;

use std::collections::BTreeMap;

use axum::{
    http::Method,
    routing::{any, get, on, MethodFilter, MethodRouter},
    Router,
};

use crate::{live::events_handler, AppState};

/// One route: its method, its path in axum's syntax (`{*channel}` is the document's
/// `{channel}`) and its handler.
pub type Route = (Method, &'static str, MethodRouter<AppState>);

macro_rules! routes_table {
    ($($method:ident $path:literal => $handler:expr,)*) => {
        vec![$((Method::$method, $path, on(MethodFilter::$method, $handler)),)*]
    };
}

/// Every route under `/api/v1`, each documented in `doc`.
pub fn table() -> Vec<Route> {
    routes_table![
        GET "/api/v1/health" => meta::health,
        GET "/api/v1/openapi.json" => meta::openapi,
        POST "/api/v1/sessions" => sessions::sign_in,
        GET "/api/v1/sessions" => sessions::current,
        DELETE "/api/v1/sessions" => sessions::sign_out,
        POST "/api/v1/sessions/password" => passwords::change_own_password,
        GET "/api/v1/setup" => setup::status,
        POST "/api/v1/setup" => setup::set_up,
        GET "/api/v1/admin/accounts" => accounts::list,
        POST "/api/v1/admin/staff" => accounts::create_staff,
        PATCH "/api/v1/admin/staff/{id}" => accounts::change_staff,
        PUT "/api/v1/admin/staff/{id}/password" => passwords::reset_password,
        PUT "/api/v1/admin/staff/{id}/pin" => passwords::set_staff_pin,
        POST "/api/v1/admin/technicians" => technicians::create_technician,
        PATCH "/api/v1/admin/technicians/{id}" => technicians::change_technician,
        PUT "/api/v1/admin/technicians/{id}/pin" => technicians::set_technician_pin,
        GET "/api/v1/bays" => bays::list,
        POST "/api/v1/checkins" => checkins::create,
        POST "/api/v1/checkins/lookup" => checkins::lookup,
        POST "/api/v1/checkins/quote" => checkins::quote,
        POST "/api/v1/desk-requests" => checkins::call_advisor,
        GET "/api/v1/jobs/{job_id}" => jobs::get_job,
        POST "/api/v1/jobs/{job_id}/actions" => jobs::post_action,
        POST "/api/v1/jobs/{job_id}/items/{item_id}/check" => workshop::check_item,
        POST "/api/v1/jobs/{job_id}/additional-items" => workshop::report_additional,
        GET "/api/v1/parts" => workshop::parts,
        POST "/api/v1/parts" => parts::create,
        PATCH "/api/v1/parts/{part_id}" => parts::update,
        POST "/api/v1/parts/{part_id}/receipts" => parts::receive,
        GET "/api/v1/stock" => parts::list,
        POST "/api/v1/jobs/{job_id}/items/{item_id}/issues" => parts::issue,
        POST "/api/v1/jobs/{job_id}/items/{item_id}/waits" => parts::wait,
        POST "/api/v1/additional-items/{item_id}/decision" => desk::decide,
        POST "/api/v1/jobs/{job_id}/notes" => desk::add_note,
        POST "/api/v1/jobs/{job_id}/customer-told" => desk::customer_told,
        GET "/api/v1/jobs/{job_id}/invoice" => desk::invoice,
        POST "/api/v1/desk-requests/{id}/resolve" => desk::resolve_request,
        GET "/api/v1/events/{*channel}" => events_handler,
        GET "/api/v1/admin/bays" => admin_bays::list,
        POST "/api/v1/admin/bays" => admin_bays::create,
        PUT "/api/v1/admin/bays/{bay_id}" => admin_bays::update,
        POST "/api/v1/admin/bays/{bay_id}/outages" => admin_bays::add_outage,
        DELETE "/api/v1/admin/bays/{bay_id}/outages/{outage_id}" => admin_bays::end_outage,
        GET "/api/v1/admin/catalogue" => admin_catalogue::catalogue,
        POST "/api/v1/admin/catalogue/items" => admin_catalogue::create_item,
        PUT "/api/v1/admin/catalogue/items/{item_id}" => admin_catalogue::update_item,
        PUT "/api/v1/admin/labour-rate" => admin_catalogue::set_labour_rate,
        GET "/api/v1/admin/schedules" => admin_catalogue::schedules,
        POST "/api/v1/admin/schedules" => admin_catalogue::create_schedule,
        PUT "/api/v1/admin/schedules/{schedule_id}" => admin_catalogue::update_schedule,
        GET "/api/v1/follow-ups" => aftersales::list_follow_ups,
        GET "/api/v1/follow-ups/{id}" => aftersales::get_follow_up,
        POST "/api/v1/follow-ups/{id}/calls" => aftersales::record_call,
        GET "/api/v1/complaints" => aftersales::list_complaints,
        POST "/api/v1/complaints" => aftersales::open_complaint,
        GET "/api/v1/complaints/{id}" => aftersales::get_complaint,
        POST "/api/v1/complaints/{id}/steps" => aftersales::add_step,
        POST "/api/v1/complaints/{id}/return-job" => aftersales::open_return_job,
        GET "/api/v1/kpis" => kpis::report,
        GET "/api/v1/kpis.csv" => kpis::csv,
        GET "/api/v1/appointments" => appointments::day,
        POST "/api/v1/appointments" => appointments::book,
        POST "/api/v1/appointments/availability" => appointments::availability,
        GET "/api/v1/appointments/{id}" => appointments::one,
        POST "/api/v1/appointments/{id}/changes" => appointments::change,
        GET "/api/v1/reminders" => appointments::due_soon,
        POST "/api/v1/reminders/{vehicle_id}/calls" => appointments::log_call,
        POST "/api/v1/reminders/{vehicle_id}/message" => appointments::send_reminder,
        GET "/api/v1/customers" => customers::search,
        GET "/api/v1/customers/{id}" => customers::file,
        PATCH "/api/v1/customers/{id}" => customers::change_customer,
        PATCH "/api/v1/vehicles/{id}" => customers::change_vehicle,
        GET "/api/v1/messages" => customers::messages,
    ]
}

/// The API's router: the table's routes (one per path, its methods merged), JSON 404s
/// and 405s for anything else under `/api/v1/`, the docs page at `/api/docs` and the
/// Prometheus scrape at `/metrics` (operations, outside the API and its document). The
/// `channel_snapshot` server function is routed by Leptos (`app::live::ChannelSnapshot`).
pub fn routes(test_clock: bool) -> Router<AppState> {
    let mut by_path: BTreeMap<&'static str, MethodRouter<AppState>> = BTreeMap::new();
    for (_, path, handler) in table() {
        let merged = match by_path.remove(path) {
            Some(others) => others.merge(handler),
            None => handler,
        };
        by_path.insert(path, merged);
    }
    by_path
        .into_iter()
        .fold(Router::new(), |router, (path, handler)| {
            router.route(path, handler)
        })
        .route(
            "/api/test/clock",
            if test_clock {
                axum::routing::post(test_clock::advance)
            } else {
                any(meta::not_found)
            },
        )
        .route("/api/v1/{*rest}", any(meta::not_found))
        .method_not_allowed_fallback(meta::method_not_allowed)
        .merge(doc::ui::routes())
        .route("/metrics", get(crate::metrics::scrape))
}

/// A panic in a handler becomes an opaque 500 in the API's error shape (and is logged).
pub fn panic_response(_panic: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    use axum::response::IntoResponse;
    crate::error::AppError::Internal("a handler panicked".into()).into_response()
}
