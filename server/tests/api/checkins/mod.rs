//! The kiosk's check-in API (issue 3): finding a returning customer, quoting, the
//! check-in itself (made once per `Idempotency-Key`) and "call an advisor". Every
//! rejection is checked for its exact status and body and for having written nothing.

mod live;
mod lookup;
mod orders;
mod quotes;
mod rules;

use std::time::Duration;

use app::domain::{
    eta::{add_working_minutes, parts_arrival},
    mask_plate, ready_at, store_clock, store_date, MileageError, PhoneError, PlateError, Workload,
};
use chrono::{DateTime, Utc};
use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};

use crate::{
    helpers::{expect_error, spawn_app, TestApp},
    sse::SseStream,
};

pub const QUIET: Duration = Duration::from_millis(1500);

/// The demo store's labour rate: ¥300 an hour, in fen.
pub const RATE_FEN_PER_HOUR: i64 = 30_000;

/// The demo catalogue: (service item, standard minutes, parts in fen = price × quantity).
pub const CATALOGUE: &[(&str, i64, i64)] = &[
    ("oil_change", 20, 39_800),
    ("oil_filter", 10, 6_800),
    ("air_filter", 10, 12_800),
    ("clean_oil_passages", 30, 6_800),
    ("clean_throttle", 30, 4_800),
    ("clean_injectors", 40, 8_800),
    ("transmission_fluid", 60, 4 * 12_800),
    ("valve_clearance", 90, 0),
    ("diagnosis", 30, 0),
    ("front_brake_pads", 60, 58_000),
];

/// The 20,000 km package of the demo schedule.
pub const PACKAGE_20K: [&str; 6] = [
    "oil_change",
    "oil_filter",
    "air_filter",
    "clean_oil_passages",
    "clean_throttle",
    "clean_injectors",
];

/// Every error body of a lookup miss: the same whatever was wrong.
pub fn not_found() -> Value {
    json!({ "error": { "code": "not_found", "message": "not found" } })
}

pub fn labour(minutes: i64) -> i64 {
    assert_eq!(minutes * RATE_FEN_PER_HOUR % 60, 0, "a whole number of fen");
    minutes * RATE_FEN_PER_HOUR / 60
}

pub fn catalogue(code: &str) -> (i64, i64) {
    CATALOGUE
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, minutes, parts)| (*minutes, *parts))
        .unwrap_or_else(|| panic!("{code} is not in the test's catalogue"))
}

/// A line as the test compares it: (code, minutes, labour fen, parts fen, in stock).
pub type Line = (String, i64, i64, i64, bool);

/// The line of a catalogue item at full price.
pub fn priced(code: &str) -> Line {
    let (minutes, parts) = catalogue(code);
    (code.to_string(), minutes, labour(minutes), parts, true)
}

/// The line of an item of the free first service: its minutes, no charge.
pub fn free(code: &str) -> Line {
    (code.to_string(), catalogue(code).0, 0, 0, true)
}

pub fn lines_of(lines: &Value) -> Vec<Line> {
    lines
        .as_array()
        .unwrap_or_else(|| panic!("not a list of lines: {lines}"))
        .iter()
        .map(|l| {
            (
                l["code"].as_str().unwrap().to_string(),
                l["labor_minutes"].as_i64().unwrap(),
                l["labor"].as_i64().unwrap(),
                l["parts"].as_i64().unwrap(),
                l["in_stock"].as_bool().unwrap(),
            )
        })
        .collect()
}

pub fn totals(lines: &[Line]) -> Value {
    let labor: i64 = lines.iter().map(|l| l.2).sum();
    let parts: i64 = lines.iter().map(|l| l.3).sum();
    json!({
        "labor": labor,
        "parts": parts,
        "total": labor + parts,
        "labor_minutes": lines.iter().map(|l| l.1).sum::<i64>(),
    })
}

/// An object's keys, sorted.
pub fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    keys
}

pub fn time(value: &Value) -> DateTime<Utc> {
    value
        .as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| panic!("not an RFC 3339 time: {value}"))
}

pub fn signature() -> Value {
    json!({
        "width": 600,
        "height": 200,
        "strokes": [[[12, 150], [80, 60], [160, 140], [240, 70]], [[300, 100], [420, 110]]],
    })
}

/// What every check-in chooses and agrees to, signed: the package due, no extras.
pub fn choices(mileage_km: u32) -> Value {
    json!({
        "mileage_km": mileage_km,
        "concerns": "",
        "package": true,
        "services": [],
        "wash": true,
        "old_parts": "leave",
        "payment_method": "wechat",
        "waiting": true,
        "valuables_acknowledged": true,
        "consent": true,
        "signature": signature(),
        "language": "zh",
    })
}

/// A walk-in: a car the kiosk identifies by plate and phone.
pub fn walk_in(plate: &str, phone: &str, mileage_km: u32) -> Value {
    let mut body = choices(mileage_km);
    body["plate"] = json!(plate);
    body["phone"] = json!(phone);
    body["name"] = json!("陈先生");
    body["model"] = json!("丰田 卡罗拉");
    body
}

/// A returning customer found by a lookup.
pub fn returning(lookup_ref: &str, mileage_km: u32) -> Value {
    let mut body = choices(mileage_km);
    body["lookup_ref"] = json!(lookup_ref);
    body
}

pub async fn post(app: &TestApp, path: &str, body: &Value) -> Response {
    Client::new()
        .post(app.url(path))
        .json(body)
        .send()
        .await
        .expect("POST")
}

pub async fn check_in(app: &TestApp, key: Option<&str>, body: &Value) -> Response {
    let mut request = Client::new().post(app.url("/api/v1/checkins")).json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.expect("POST /api/v1/checkins")
}

/// Asserts the status; returns the JSON body.
pub async fn body_of(response: Response, status: StatusCode) -> Value {
    let actual = response.status();
    let body: Value = response.json().await.expect("a JSON body");
    assert_eq!(actual, status, "{body}");
    body
}

pub async fn checked_in(app: &TestApp, key: Option<&str>, body: &Value) -> Value {
    body_of(check_in(app, key, body).await, StatusCode::CREATED).await
}

pub async fn lookup(app: &TestApp, body: Value) -> Response {
    post(app, "/api/v1/checkins/lookup", &body).await
}

pub async fn found(app: &TestApp, body: Value) -> Value {
    body_of(lookup(app, body).await, StatusCode::OK).await
}

pub async fn quote(app: &TestApp, body: Value) -> Value {
    body_of(
        post(app, "/api/v1/checkins/quote", &body).await,
        StatusCode::OK,
    )
    .await
}

pub async fn service_id(app: &TestApp, code: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM service_items WHERE code = ?")
        .bind(code)
        .fetch_one(&app.pool)
        .await
        .expect(code)
}

/// Everything a check-in or a desk request can write, counted.
pub async fn written(app: &TestApp) -> Vec<(&'static str, i64)> {
    let mut counts = Vec::new();
    for (what, sql) in [
        ("jobs", "SELECT COUNT(*) FROM jobs"),
        ("job_items", "SELECT COUNT(*) FROM job_items"),
        ("job_timeline", "SELECT COUNT(*) FROM job_timeline"),
        ("vehicles", "SELECT COUNT(*) FROM vehicles"),
        ("customers", "SELECT COUNT(*) FROM customers"),
        // The lane's events; the parts a check-in reserves log `part` events of their own.
        ("events", "SELECT COUNT(*) FROM events WHERE kind <> 'part'"),
        ("checkin_keys", "SELECT COUNT(*) FROM checkin_keys"),
        ("desk_requests", "SELECT COUNT(*) FROM desk_requests"),
        ("recorded_km", "SELECT SUM(last_mileage_km) FROM vehicles"),
        (
            "named_customers",
            "SELECT COUNT(*) FROM customers WHERE name <> ''",
        ),
    ] {
        counts.push((what, app.scalar(sql).await));
    }
    counts
}

/// What changed between two [`written`] counts (only the non-zero differences).
pub fn delta(
    before: &[(&'static str, i64)],
    after: &[(&'static str, i64)],
) -> Vec<(&'static str, i64)> {
    before
        .iter()
        .zip(after)
        .map(|((what, b), (_, a))| (*what, a - b))
        .filter(|(_, d)| *d != 0)
        .collect()
}

/// Asserts an error with exactly these `fields` and that nothing was written since `before`.
pub async fn expect_refused(
    app: &TestApp,
    before: &[(&'static str, i64)],
    response: Response,
    status: StatusCode,
    code: &str,
    fields: &[&str],
) -> Value {
    let body = expect_error(response, status, code).await;
    assert_eq!(keys(&body["error"]["fields"]), fields, "{body}");
    assert_eq!(
        written(app).await,
        before,
        "a rejected request wrote something: {body}"
    );
    body
}

/// The minutes of work not yet done in the workshop (checked in or at a bay).
pub async fn open_minutes(app: &TestApp) -> u32 {
    let minutes = app
        .scalar(
            "SELECT SUM(i.labor_minutes) FROM job_items i JOIN jobs j ON j.id = i.job_id
             WHERE j.stage IN ('checked_in', 'queued', 'in_service', 'paused')
               AND i.status IN ('todo', 'approved')",
        )
        .await;
    u32::try_from(minutes).unwrap()
}
