//! The kiosk's check-in API (issue 3): finding a returning customer, quoting, the
//! check-in itself (made once per `Idempotency-Key`) and "call an advisor". Every
//! rejection is checked for its exact status and body and for having written nothing.

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

const QUIET: Duration = Duration::from_millis(1500);

/// The demo store's labour rate: ¥300 an hour, in fen.
const RATE_FEN_PER_HOUR: i64 = 30_000;

/// The demo catalogue: (service item, standard minutes, parts in fen = price × quantity).
const CATALOGUE: &[(&str, i64, i64)] = &[
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
const PACKAGE_20K: [&str; 6] = [
    "oil_change",
    "oil_filter",
    "air_filter",
    "clean_oil_passages",
    "clean_throttle",
    "clean_injectors",
];

/// Every error body of a lookup miss: the same whatever was wrong.
fn not_found() -> Value {
    json!({ "error": { "code": "not_found", "message": "not found" } })
}

fn labour(minutes: i64) -> i64 {
    assert_eq!(minutes * RATE_FEN_PER_HOUR % 60, 0, "a whole number of fen");
    minutes * RATE_FEN_PER_HOUR / 60
}

fn catalogue(code: &str) -> (i64, i64) {
    CATALOGUE
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, minutes, parts)| (*minutes, *parts))
        .unwrap_or_else(|| panic!("{code} is not in the test's catalogue"))
}

/// A line as the test compares it: (code, minutes, labour fen, parts fen, in stock).
type Line = (String, i64, i64, i64, bool);

/// The line of a catalogue item at full price.
fn priced(code: &str) -> Line {
    let (minutes, parts) = catalogue(code);
    (code.to_string(), minutes, labour(minutes), parts, true)
}

/// The line of an item of the free first service: its minutes, no charge.
fn free(code: &str) -> Line {
    (code.to_string(), catalogue(code).0, 0, 0, true)
}

fn lines_of(lines: &Value) -> Vec<Line> {
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

fn totals(lines: &[Line]) -> Value {
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
fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    keys
}

fn time(value: &Value) -> DateTime<Utc> {
    value
        .as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| panic!("not an RFC 3339 time: {value}"))
}

fn signature() -> Value {
    json!({
        "width": 600,
        "height": 200,
        "strokes": [[[12, 150], [80, 60], [160, 140], [240, 70]], [[300, 100], [420, 110]]],
    })
}

/// What every check-in chooses and agrees to, signed: the package due, no extras.
fn choices(mileage_km: u32) -> Value {
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
fn walk_in(plate: &str, phone: &str, mileage_km: u32) -> Value {
    let mut body = choices(mileage_km);
    body["plate"] = json!(plate);
    body["phone"] = json!(phone);
    body["name"] = json!("陈先生");
    body["model"] = json!("丰田 卡罗拉");
    body
}

/// A returning customer found by a lookup.
fn returning(lookup_ref: &str, mileage_km: u32) -> Value {
    let mut body = choices(mileage_km);
    body["lookup_ref"] = json!(lookup_ref);
    body
}

async fn post(app: &TestApp, path: &str, body: &Value) -> Response {
    Client::new()
        .post(app.url(path))
        .json(body)
        .send()
        .await
        .expect("POST")
}

async fn check_in(app: &TestApp, key: Option<&str>, body: &Value) -> Response {
    let mut request = Client::new().post(app.url("/api/v1/checkins")).json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.expect("POST /api/v1/checkins")
}

/// Asserts the status; returns the JSON body.
async fn body_of(response: Response, status: StatusCode) -> Value {
    let actual = response.status();
    let body: Value = response.json().await.expect("a JSON body");
    assert_eq!(actual, status, "{body}");
    body
}

async fn checked_in(app: &TestApp, key: Option<&str>, body: &Value) -> Value {
    body_of(check_in(app, key, body).await, StatusCode::CREATED).await
}

async fn lookup(app: &TestApp, body: Value) -> Response {
    post(app, "/api/v1/checkins/lookup", &body).await
}

async fn found(app: &TestApp, body: Value) -> Value {
    body_of(lookup(app, body).await, StatusCode::OK).await
}

async fn quote(app: &TestApp, body: Value) -> Value {
    body_of(
        post(app, "/api/v1/checkins/quote", &body).await,
        StatusCode::OK,
    )
    .await
}

async fn service_id(app: &TestApp, code: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM service_items WHERE code = ?")
        .bind(code)
        .fetch_one(&app.pool)
        .await
        .expect(code)
}

/// Everything a check-in or a desk request can write, counted.
async fn written(app: &TestApp) -> Vec<(&'static str, i64)> {
    let mut counts = Vec::new();
    for (what, sql) in [
        ("jobs", "SELECT COUNT(*) FROM jobs"),
        ("job_items", "SELECT COUNT(*) FROM job_items"),
        ("job_timeline", "SELECT COUNT(*) FROM job_timeline"),
        ("vehicles", "SELECT COUNT(*) FROM vehicles"),
        ("customers", "SELECT COUNT(*) FROM customers"),
        ("events", "SELECT COUNT(*) FROM events"),
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
fn delta(
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
async fn expect_refused(
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
async fn open_minutes(app: &TestApp) -> u32 {
    let minutes = app
        .scalar(
            "SELECT SUM(i.labor_minutes) FROM job_items i JOIN jobs j ON j.id = i.job_id
             WHERE j.stage IN ('checked_in', 'queued', 'in_service', 'paused')
               AND i.status IN ('todo', 'approved')",
        )
        .await;
    u32::try_from(minutes).unwrap()
}

#[tokio::test]
async fn an_appointment_is_found_by_code_checked_in_and_then_used_up() {
    let app = spawn_app().await;
    let before = written(&app).await;

    // Typed loosely: the code is trimmed and upper-cased.
    let result = found(&app, json!({ "appointment_code": " yy0001 " })).await;
    assert_eq!(
        keys(&result),
        [
            "appointment",
            "customer_name_masked",
            "last_mileage_km",
            "lookup_ref",
            "model",
            "package_due",
            "plate_masked"
        ],
        "{result}"
    );
    let lookup_ref = result["lookup_ref"].as_str().unwrap().to_string();
    assert!(lookup_ref.len() >= 16, "{lookup_ref}");
    assert_eq!(result["customer_name_masked"], "许**");
    assert_eq!(result["plate_masked"], "粤B·***K2");
    assert_eq!(result["model"], "丰田 RAV4荣放");
    assert_eq!(result["last_mileage_km"], 4_900);
    let appointment = &result["appointment"];
    assert_eq!(
        (&appointment["code"], &appointment["note"]),
        (&json!("YY0001"), &json!("首次保养（免费）"))
    );
    let scheduled = time(&appointment["scheduled_at"]);
    assert_eq!(store_date(scheduled), store_date(Utc::now()));
    assert_eq!(store_clock(scheduled), "09:30");
    // 4,900 km: the free first service is due.
    assert_eq!(result["package_due"]["due_km"], 5_000);
    assert_eq!(result["package_due"]["free"], true);
    assert_eq!(
        lines_of(&result["package_due"]["items"]),
        [free("oil_change"), free("oil_filter")]
    );
    assert_eq!(written(&app).await, before, "a lookup writes nothing");

    let receipt = checked_in(
        &app,
        Some("kiosk-appointment-1"),
        &returning(&lookup_ref, 5_020),
    )
    .await;
    assert_eq!(
        keys(&receipt),
        [
            "estimate",
            "job_id",
            "promised_at",
            "ticket",
            "tracking_token"
        ]
    );
    // A01–A09 are on the board; A10 was delivered yesterday, so the number is free again.
    assert_eq!(receipt["ticket"], "A10");
    assert!(receipt["tracking_token"]
        .as_str()
        .is_some_and(|t| t.len() >= 16));
    assert_eq!(receipt["promised_at"], receipt["estimate"]["promised_at"]);
    let estimate = &receipt["estimate"];
    let lines = [free("oil_change"), free("oil_filter")];
    assert_eq!(lines_of(&estimate["lines"]), lines);
    assert_eq!(estimate["totals"], totals(&lines));
    assert_eq!(estimate["totals"]["total"], 0);
    assert_eq!(estimate["diagnosis"], false);
    assert_eq!(estimate["parts_short"], false);

    let job_id = receipt["job_id"].as_i64().unwrap();
    let row: (
        Option<String>,
        String,
        String,
        i64,
        Option<i64>,
        String,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT a.code, v.plate, j.stage, j.mileage_km, j.package_km, j.tracking_token,
                    j.contact_phone
             FROM jobs j JOIN vehicles v ON v.id = j.vehicle_id
             LEFT JOIN appointments a ON a.id = j.appointment_id WHERE j.id = ?",
    )
    .bind(job_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        row,
        (
            Some("YY0001".to_string()),
            "粤B4M7K2".to_string(),
            "checked_in".to_string(),
            5_020,
            Some(5_000),
            receipt["tracking_token"].as_str().unwrap().to_string(),
            None
        )
    );
    assert_eq!(
        delta(&before, &written(&app).await),
        [
            ("jobs", 1),
            ("job_items", 2),
            ("job_timeline", 1),
            ("events", 1),
            ("checkin_keys", 1),
            ("recorded_km", 120),
        ]
    );

    // The appointment is used up: its code no longer finds anything...
    let after = written(&app).await;
    let again = lookup(&app, json!({ "appointment_code": "YY0001" })).await;
    assert_eq!(body_of(again, StatusCode::NOT_FOUND).await, not_found());
    // ...and the car, found by plate, has no appointment left today and the new reading.
    let by_plate = found(&app, json!({ "plate": "粤B4M7K2", "phone_last4": "8591" })).await;
    assert_eq!(by_plate["appointment"], Value::Null);
    assert_eq!(by_plate["last_mileage_km"], 5_020);
    assert_eq!(written(&app).await, after);
}

#[tokio::test]
async fn a_returning_customer_is_found_by_plate_and_last4_and_nothing_personal_is_shown() {
    let app = spawn_app().await;
    let before = written(&app).await;
    let (name, phone) = server::store::seed::DEMO_CUSTOMERS[0];
    assert_eq!(phone, "13926051873");

    // Separators and lower case are normalised like everywhere else.
    let response = lookup(&app, json!({ "plate": "粤a·6t1z8", "phone_last4": "1873" })).await;
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    for secret in [phone, name, "粤A6T1Z8", "LSVCB6C43RN114502"] {
        assert!(!text.contains(secret), "the lookup shows {secret}: {text}");
    }
    let result: Value = serde_json::from_str(&text).unwrap();
    assert!(
        keys(&result)
            .iter()
            .all(|k| !k.contains("phone") && !k.contains("vin")),
        "{text}"
    );
    assert_eq!(result["customer_name_masked"], "李**");
    assert_eq!(result["plate_masked"], "粤A·***Z8");
    assert_eq!(result["model"], "大众 朗逸");
    assert_eq!(result["last_mileage_km"], 19_800);
    // Today's appointment of this car comes with it.
    assert_eq!(result["appointment"]["code"], "YY0002");
    assert_eq!(
        store_clock(time(&result["appointment"]["scheduled_at"])),
        "11:00"
    );
    // 19,800 km: the 20,000 km service is due, at full price.
    assert_eq!(result["package_due"]["due_km"], 20_000);
    assert_eq!(result["package_due"]["free"], false);
    assert_eq!(
        lines_of(&result["package_due"]["items"]),
        PACKAGE_20K.map(priced)
    );

    // Misses, whatever was wrong, answer the same 404 (four: under the rate limit).
    for miss in [
        json!({ "plate": "粤A6T1Z8", "phone_last4": "1874" }),
        json!({ "plate": "粤A6T1Z9", "phone_last4": "1873" }),
        json!({ "plate": "粤A88K21", "phone_last4": "1873" }),
        json!({ "plate": "hello", "phone_last4": "1873" }),
    ] {
        let response = lookup(&app, miss.clone()).await;
        assert_eq!(
            body_of(response, StatusCode::NOT_FOUND).await,
            not_found(),
            "{miss}"
        );
    }
    assert_eq!(written(&app).await, before);
}

#[tokio::test]
async fn a_walk_in_creates_the_customer_the_vehicle_and_a_priced_job() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let before = written(&app).await;
    let open = open_minutes(&app).await;

    let concerns = "刹车时有“吱吱”的异响，偶尔方向盘抖动！\n请顺便检查一下空调（A/C）。";
    let mut body = walk_in(" 粤b 7k3m9 ", "+86 139-1234-5678", 4_980);
    body["vin"] = json!("LFMAEACA6S0012345");
    body["services"] = json!([service_id(&app, "air_filter").await]);
    body["concerns"] = json!(concerns);
    body["old_parts"] = json!("take");
    body["payment_method"] = json!("alipay");
    body["waiting"] = json!(false);
    body["language"] = json!("en");
    let sent = Utc::now();
    let receipt = checked_in(&app, None, &body).await;
    let received = Utc::now();

    assert_eq!(receipt["ticket"], "A10");
    let estimate = &receipt["estimate"];
    // 4,980 km: the free first service (no labour, no parts), the air filter at catalogue
    // price, and a diagnosis for the concerns: 30 min at ¥300/h.
    let lines = [
        free("oil_change"),
        free("oil_filter"),
        priced("air_filter"),
        priced("diagnosis"),
    ];
    assert_eq!(lines_of(&estimate["lines"]), lines);
    assert_eq!(
        estimate["totals"],
        json!({ "labor": 5_000 + 15_000, "parts": 12_800, "total": 32_800, "labor_minutes": 70 })
    );
    assert_eq!(estimate["totals"], totals(&lines));
    assert_eq!(estimate["package_due"]["due_km"], 5_000);
    assert_eq!(estimate["package_due"]["free"], true);
    assert_eq!(estimate["diagnosis"], true);
    assert_eq!(estimate["parts_short"], false);

    // The promise: at least handover, the work, the checks and the wash from now; at most
    // that behind every open minute of the workshop.
    let promised = time(&receipt["promised_at"]);
    let work = |ahead_minutes| Workload {
        ahead_minutes,
        own_minutes: 70,
        wash: true,
        parts_short: false,
    };
    assert!(promised >= ready_at(sent, work(0)), "{promised}");
    assert!(promised <= ready_at(received, work(open)), "{promised}");

    assert_eq!(
        delta(&before, &written(&app).await),
        [
            ("jobs", 1),
            ("job_items", 4),
            ("job_timeline", 1),
            ("vehicles", 1),
            ("customers", 1),
            ("events", 1),
            ("recorded_km", 4_980),
            ("named_customers", 1),
        ]
    );
    let job_id = receipt["job_id"].as_i64().unwrap();
    let vehicle: (String, String, Option<String>, i64, String, String) = sqlx::query_as(
        "SELECT v.plate, v.model, v.vin, v.last_mileage_km, c.name, c.phone
         FROM jobs j JOIN vehicles v ON v.id = j.vehicle_id JOIN customers c ON c.id = v.customer_id
         WHERE j.id = ?",
    )
    .bind(job_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        vehicle,
        (
            "粤B7K3M9".to_string(),
            "丰田 卡罗拉".to_string(),
            Some("LFMAEACA6S0012345".to_string()),
            4_980,
            "陈先生".to_string(),
            "13912345678".to_string()
        )
    );
    #[allow(clippy::type_complexity)]
    let job: (
        String,
        bool,
        String,
        String,
        bool,
        String,
        bool,
        bool,
        String,
        Option<i64>,
        Option<i64>,
        String,
        String,
    ) = sqlx::query_as(
        "SELECT concerns, wash, old_parts, payment_method, waiting, language,
                    valuables_acknowledged, consent_additional_work, signature, package_km,
                    appointment_id, promised_at, eta
             FROM jobs WHERE id = ?",
    )
    .bind(job_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let signature_stored: Value = serde_json::from_str(&job.8).unwrap();
    assert_eq!(signature_stored, signature());
    assert_eq!(
        (
            job.0.as_str(),
            job.1,
            job.2.as_str(),
            job.3.as_str(),
            job.4,
            job.5.as_str(),
            job.6,
            job.7,
            job.9,
            job.10
        ),
        (
            concerns,
            true,
            "take",
            "alipay",
            false,
            "en",
            true,
            true,
            Some(5_000),
            None
        )
    );
    assert_eq!(time(&json!(job.11)), promised);
    assert_eq!(time(&json!(job.12)), promised);
    let items: Vec<(String, i64, i64, i64, String, String)> = sqlx::query_as(
        "SELECT s.code, i.labor_minutes, i.labor_fen, i.parts_fen, i.kind, i.status
         FROM job_items i JOIN service_items s ON s.id = i.service_item_id
         WHERE i.job_id = ? ORDER BY i.id",
    )
    .bind(job_id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let expected: Vec<_> = lines
        .iter()
        .map(|(code, minutes, labor, parts, _)| {
            (
                code.clone(),
                *minutes,
                *labor,
                *parts,
                "order".to_string(),
                "todo".to_string(),
            )
        })
        .collect();
    assert_eq!(items, expected);

    // The staff view: the customer, the items with their prices, the check-in on the timeline.
    let response = advisor.get(&format!("/api/v1/jobs/{job_id}")).await;
    let view = body_of(response, StatusCode::OK).await;
    assert_eq!(view["ticket"], "A10");
    assert_eq!(view["stage"], "checked_in");
    assert_eq!(view["bay_id"], Value::Null);
    assert_eq!(view["concerns"], concerns);
    assert_eq!(view["mileage_km"], 4_980);
    assert_eq!(view["customer"]["name"], "陈先生");
    assert_eq!(view["customer"]["phone"], "13912345678");
    assert_eq!(view["vehicle"]["plate"], "粤B7K3M9");
    assert_eq!(view["tracking_token"], receipt["tracking_token"]);
    let prices: Vec<(i64, i64)> = view["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["labor_fen"].as_i64().unwrap(),
                i["parts_fen"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(prices, [(0, 0), (0, 0), (5_000, 12_800), (15_000, 0)]);
    let timeline = view["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 1, "{timeline:?}");
    assert_eq!(
        (
            &timeline[0]["action"],
            &timeline[0]["actor_role"],
            &timeline[0]["from_stage"],
            &timeline[0]["to_stage"]
        ),
        (
            &json!("check_in"),
            &json!("customer"),
            &Value::Null,
            &json!("checked_in")
        )
    );

    // The customer's own tracking channel knows the job.
    let token = receipt["tracking_token"].as_str().unwrap();
    let mut track = app.stream(&format!("track/{token}")).await;
    assert_eq!(track.snapshot().await.json()["job"]["ticket"], "A10");
}

#[tokio::test]
async fn concerns_are_stored_exactly_as_typed_and_add_a_diagnosis() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let concerns = "  发动机“嗡嗡”响，怠速抖动；\r\n仪表盘上的黄灯亮了！？\n\n\t- 大概50%的时候 <b>\"冷车\"</b> \\ 😅  ";
    let mut body = walk_in("粤B8Q2W7", "13800138000", 25_000);
    body["package"] = json!(false);
    body["concerns"] = json!(concerns);
    let receipt = checked_in(&app, Some("kiosk-concerns"), &body).await;

    // Only concerns: the diagnosis is the order, its price follows the inspection.
    let estimate = &receipt["estimate"];
    assert_eq!(estimate["diagnosis"], true);
    assert_eq!(lines_of(&estimate["lines"]), [priced("diagnosis")]);
    assert_eq!(estimate["package_due"], Value::Null);
    assert_eq!(estimate["next_package_km"], 30_000);

    let job_id = receipt["job_id"].as_i64().unwrap();
    let stored: String = sqlx::query_scalar("SELECT concerns FROM jobs WHERE id = ?")
        .bind(job_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, concerns);
    let view = body_of(
        advisor.get(&format!("/api/v1/jobs/{job_id}")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(view["concerns"], concerns);
    let names: Vec<&Value> = view["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["name_en"])
        .collect();
    assert_eq!(names, [&json!("Fault diagnosis")]);
}

#[tokio::test]
async fn a_mileage_below_the_last_record_is_refused_and_nothing_is_written() {
    let app = spawn_app().await;
    let result = found(&app, json!({ "plate": "粤A6T1Z8", "phone_last4": "1873" })).await;
    let lookup_ref = result["lookup_ref"].as_str().unwrap();
    assert_eq!(result["last_mileage_km"], 19_800);
    let before = written(&app).await;
    let below = MileageError::BelowLast { last: 19_800 }.to_string();

    // Quoting says so already...
    let response = post(
        &app,
        "/api/v1/checkins/quote",
        &json!({ "mileage_km": 19_799, "lookup_ref": lookup_ref, "package": true }),
    )
    .await;
    let refused = expect_refused(
        &app,
        &before,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        &["mileage_km"],
    )
    .await;
    assert_eq!(refused["error"]["fields"]["mileage_km"], below);

    // ...and the check-in refuses it, confirmed or not.
    let key = "kiosk-mileage-below";
    let mut body = returning(lookup_ref, 19_799);
    for confirmed in [false, true] {
        body["mileage_confirmed"] = json!(confirmed);
        let response = check_in(&app, Some(key), &body).await;
        let refused = expect_refused(
            &app,
            &before,
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            &["mileage_km"],
        )
        .await;
        assert_eq!(refused["error"]["fields"]["mileage_km"], below);
    }

    // A walk-in naming a known car is held to that car's record too.
    let (_, phone) = server::store::seed::DEMO_CUSTOMERS[0];
    let response = check_in(&app, None, &walk_in("粤B12345", phone, 61_229)).await;
    let refused = expect_refused(
        &app,
        &before,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        &["mileage_km"],
    )
    .await;
    assert_eq!(
        refused["error"]["fields"]["mileage_km"],
        MileageError::BelowLast { last: 61_230 }.to_string()
    );

    // The refused attempt did not use up its key: corrected, the same key goes through.
    let receipt = checked_in(&app, Some(key), &returning(lookup_ref, 19_800)).await;
    assert_eq!(receipt["ticket"], "A10");
    assert_eq!(
        delta(&before, &written(&app).await),
        [
            ("jobs", 1),
            ("job_items", 6),
            ("job_timeline", 1),
            ("events", 1),
            ("checkin_keys", 1),
        ]
    );
}

#[tokio::test]
async fn an_implausible_jump_needs_the_customers_confirmation() {
    let app = spawn_app().await;
    let result = found(&app, json!({ "plate": "粤A6T1Z8", "phone_last4": "1873" })).await;
    let lookup_ref = result["lookup_ref"].as_str().unwrap();
    let before = written(&app).await;

    // 19,800 + 30,001 km.
    let mut body = returning(lookup_ref, 49_801);
    body["package"] = json!(false);
    body["services"] = json!([service_id(&app, "oil_change").await]);
    let response = check_in(&app, Some("kiosk-jump"), &body).await;
    let refused = expect_refused(
        &app,
        &before,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        &["mileage_km"],
    )
    .await;
    let message = refused["error"]["fields"]["mileage_km"].as_str().unwrap();
    assert!(message.contains("confirm"), "{message}");

    body["mileage_confirmed"] = json!(true);
    let receipt = checked_in(&app, Some("kiosk-jump"), &body).await;
    assert_eq!(
        lines_of(&receipt["estimate"]["lines"]),
        [priced("oil_change")]
    );
    assert_eq!(
        delta(&before, &written(&app).await),
        [
            ("jobs", 1),
            ("job_items", 1),
            ("job_timeline", 1),
            ("events", 1),
            ("checkin_keys", 1),
            ("recorded_km", 30_001),
        ]
    );
}

#[tokio::test]
async fn missing_consent_valuables_or_signature_are_refused_and_nothing_is_written() {
    let app = spawn_app().await;
    let before = written(&app).await;

    let mut body = walk_in("粤B7K3M9", "13912345678", 4_980);
    body["consent"] = json!(false);
    body["valuables_acknowledged"] = json!(false);
    body["signature"] = json!({ "width": 600, "height": 200, "strokes": [] });
    let response = check_in(&app, Some("kiosk-unsigned"), &body).await;
    expect_refused(
        &app,
        &before,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        &["consent", "signature", "valuables_acknowledged"],
    )
    .await;

    // Each on its own, and signatures that are not one: a dot, or strokes off the pad.
    let mut cases = Vec::new();
    for field in ["consent", "valuables_acknowledged"] {
        let mut body = walk_in("粤B7K3M9", "13912345678", 4_980);
        body[field] = json!(false);
        cases.push((body, field));
    }
    for strokes in [
        json!([[[5, 5], [6, 6]]]),
        json!([[[5, 5], [700, 50], [20, 30]]]),
    ] {
        let mut body = walk_in("粤B7K3M9", "13912345678", 4_980);
        body["signature"]["strokes"] = strokes;
        cases.push((body, "signature"));
    }
    for (body, field) in cases {
        let response = check_in(&app, None, &body).await;
        expect_refused(
            &app,
            &before,
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            &[field],
        )
        .await;
    }
}

#[tokio::test]
async fn a_bad_plate_or_phone_is_refused_with_its_field_and_nothing_is_written() {
    let app = spawn_app().await;
    let before = written(&app).await;

    let response = check_in(&app, None, &walk_in("港B12345", "12345", 4_980)).await;
    let refused = expect_refused(
        &app,
        &before,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        &["phone", "plate"],
    )
    .await;
    assert_eq!(
        refused["error"]["fields"],
        json!({
            "phone": PhoneError::BadLength.to_string(),
            "plate": PlateError::UnknownProvince.to_string(),
        })
    );

    for (plate, phone, fields) in [
        ("粤B1234I", "13912345678", vec!["plate"]),
        ("粤B12", "13912345678", vec!["plate"]),
        ("粤B7K3M9", "23912345678", vec!["phone"]),
        ("粤B7K3M9", "139-1234-567a", vec!["phone"]),
        ("", "", vec!["phone", "plate"]),
    ] {
        let response = check_in(&app, Some("kiosk-bad"), &walk_in(plate, phone, 4_980)).await;
        expect_refused(
            &app,
            &before,
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            &fields,
        )
        .await;
    }

    // Left out altogether.
    let response = check_in(&app, None, &choices(4_980)).await;
    expect_refused(
        &app,
        &before,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        &["phone", "plate"],
    )
    .await;
}

#[tokio::test]
async fn a_duplicate_submit_with_the_same_key_makes_one_job_and_replays_its_receipt() {
    let app = spawn_app().await;
    let before = written(&app).await;
    let key = "kiosk-1-3f9c2a71";
    let body = walk_in("粤B7K3M9", "13912345678", 4_980);

    let first = checked_in(&app, Some(key), &body).await;
    let second = checked_in(&app, Some(key), &body).await;
    assert_eq!(second, first, "the same receipt twice");
    let made = written(&app).await;
    assert_eq!(
        delta(&before, &made),
        [
            ("jobs", 1),
            ("job_items", 2),
            ("job_timeline", 1),
            ("vehicles", 1),
            ("customers", 1),
            ("events", 1),
            ("checkin_keys", 1),
            ("recorded_km", 4_980),
            ("named_customers", 1),
        ]
    );

    // The same key for a different check-in is refused, and writes nothing.
    let mut other = body.clone();
    other["wash"] = json!(false);
    let response = check_in(&app, Some(key), &other).await;
    expect_refused(
        &app,
        &made,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "idempotency_key_reused",
        &[],
    )
    .await;

    // A key that is not one is a bad request.
    for bad in ["x".repeat(129), " ".to_string()] {
        let response = check_in(&app, Some(&bad), &body).await;
        expect_refused(
            &app,
            &made,
            response,
            StatusCode::BAD_REQUEST,
            "bad_request",
            &[],
        )
        .await;
    }
}

#[tokio::test]
async fn two_concurrent_submits_with_one_key_make_exactly_one_job() {
    let app = spawn_app().await;
    for (round, plate) in ["粤B7K3M9", "粤B8Q2W7", "粤B3X5Y6"].into_iter().enumerate() {
        let before = written(&app).await;
        let key = format!("double-tap-{round}");
        let body = walk_in(plate, "13912345678", 4_980);
        let (a, b) = tokio::join!(
            check_in(&app, Some(&key), &body),
            check_in(&app, Some(&key), &body)
        );
        let (a, b) = tokio::join!(
            body_of(a, StatusCode::CREATED),
            body_of(b, StatusCode::CREATED)
        );
        assert_eq!(a, b, "round {round}");
        let changed = delta(&before, &written(&app).await);
        let count = |what| changed.iter().find(|(w, _)| *w == what).map_or(0, |c| c.1);
        assert_eq!(
            (count("jobs"), count("checkin_keys"), count("vehicles")),
            (1, 1, 1),
            "round {round}: {changed:?}"
        );
        let jobs: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM jobs j JOIN vehicles v ON v.id = j.vehicle_id WHERE v.plate = ?",
        )
        .bind(plate)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        assert_eq!(jobs, 1, "round {round}");
    }
}

#[tokio::test]
async fn five_lookup_misses_lock_the_kiosk_out_even_for_a_right_answer() {
    let app = spawn_app().await;
    let before = written(&app).await;
    for miss in [
        json!({ "plate": "粤A6T1Z8", "phone_last4": "0000" }),
        json!({ "plate": "粤A6T1Z9", "phone_last4": "1873" }),
        json!({ "appointment_code": "YY9999" }),
        json!({ "plate": "not a plate", "phone_last4": "1873" }),
        json!({ "appointment_code": "" }),
    ] {
        let response = lookup(&app, miss.clone()).await;
        assert_eq!(
            body_of(response, StatusCode::NOT_FOUND).await,
            not_found(),
            "{miss}"
        );
    }
    for right in [
        json!({ "plate": "粤A6T1Z8", "phone_last4": "1873" }),
        json!({ "appointment_code": "YY0001" }),
    ] {
        let response = lookup(&app, right).await;
        expect_refused(
            &app,
            &before,
            response,
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            &[],
        )
        .await;
    }
}

#[tokio::test]
async fn the_quote_prices_the_package_due_and_names_the_next_one() {
    let app = spawn_app().await;
    let before = written(&app).await;

    let q = quote(&app, json!({ "mileage_km": 19_800, "package": true })).await;
    let lines = PACKAGE_20K.map(priced);
    assert_eq!(q["package_due"]["due_km"], 20_000);
    assert_eq!(q["package_due"]["free"], false);
    assert_eq!(lines_of(&q["package_due"]["items"]), lines);
    assert_eq!(lines_of(&q["lines"]), lines);
    // 140 min at ¥300/h; parts 398 + 68 + 128 + 68 + 48 + 88.
    assert_eq!(
        q["totals"],
        json!({ "labor": 70_000, "parts": 79_800, "total": 149_800, "labor_minutes": 140 })
    );
    assert_eq!(q["next_package_km"], Value::Null);
    assert_eq!(
        (&q["diagnosis"], &q["parts_short"]),
        (&json!(false), &json!(false))
    );
    // The extras: everything else but the diagnosis, which concerns add by themselves.
    let extras: Vec<String> = lines_of(&q["extras"]).into_iter().map(|l| l.0).collect();
    assert_eq!(extras.len(), 20 - 6 - 1, "{extras:?}");
    assert!(extras
        .iter()
        .all(|c| !PACKAGE_20K.contains(&c.as_str()) && c != "diagnosis"));

    // Between two packages nothing is due and the next one is named.
    let q = quote(&app, json!({ "mileage_km": 25_000, "package": true })).await;
    assert_eq!(q["package_due"], Value::Null);
    assert_eq!(q["next_package_km"], 30_000);
    assert_eq!(q["lines"], json!([]));

    // An unknown service item is a field error.
    let response = post(
        &app,
        "/api/v1/checkins/quote",
        &json!({ "mileage_km": 25_000, "services": [9_999] }),
    )
    .await;
    expect_refused(
        &app,
        &before,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        &["services"],
    )
    .await;
    assert_eq!(written(&app).await, before);
}

#[tokio::test]
async fn a_part_out_of_stock_flags_the_order_and_pushes_the_promise_to_the_delivery() {
    let app = spawn_app().await;
    let (brakes, gearbox, oil) = (
        service_id(&app, "front_brake_pads").await,
        service_id(&app, "transmission_fluid").await,
        service_id(&app, "oil_change").await,
    );
    let order = |services: Value| json!({ "mileage_km": 25_000, "services": services });
    let sent = Utc::now();

    // Same standard time and skill, one part in stock and one not.
    let in_stock = quote(&app, order(json!([gearbox]))).await;
    let short = quote(&app, order(json!([brakes]))).await;
    assert_eq!(in_stock["parts_short"], false);
    assert_eq!(short["parts_short"], true);
    let mut pads = priced("front_brake_pads");
    pads.4 = false;
    assert_eq!(lines_of(&short["lines"]), [pads.clone()]);
    assert_eq!(
        in_stock["totals"]["labor_minutes"],
        short["totals"]["labor_minutes"]
    );
    let short_at = time(&short["promised_at"]);
    assert!(
        short_at > time(&in_stock["promised_at"]),
        "{short} {in_stock}"
    );
    // The work starts once the part is delivered: 60 minutes and the checks after that.
    assert!(short_at >= add_working_minutes(parts_arrival(sent), 60 + 15));

    // The same order with and without the brake pads.
    let without = quote(&app, order(json!([oil]))).await;
    let with = quote(&app, order(json!([oil, brakes]))).await;
    assert_eq!(
        (&without["parts_short"], &with["parts_short"]),
        (&json!(false), &json!(true))
    );
    assert!(time(&with["promised_at"]) > time(&without["promised_at"]));

    // Checked in, the receipt and the job carry the later promise.
    let mut body = walk_in("粤B7K3M9", "13912345678", 25_000);
    body["package"] = json!(false);
    body["wash"] = json!(false);
    body["services"] = json!([brakes]);
    let receipt = checked_in(&app, Some("kiosk-brakes"), &body).await;
    assert_eq!(receipt["estimate"]["parts_short"], true);
    assert_eq!(lines_of(&receipt["estimate"]["lines"]), [pads]);
    let promised = time(&receipt["promised_at"]);
    assert!(promised > time(&in_stock["promised_at"]));
    assert!(promised >= add_working_minutes(parts_arrival(sent), 60 + 15));
    let stored: String = sqlx::query_scalar("SELECT promised_at FROM jobs WHERE id = ?")
        .bind(receipt["job_id"].as_i64().unwrap())
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(time(&json!(stored)), promised);
}

#[tokio::test]
async fn the_promise_follows_the_workshops_queue() {
    let app = spawn_app().await;
    let order = json!({
        "mileage_km": 25_000,
        "services": [service_id(&app, "valve_clearance").await],
    });
    let earlier = quote(&app, order.clone()).await;

    // A big job checked in ahead of it.
    let mut body = walk_in("粤B7K3M9", "13912345678", 25_000);
    body["package"] = json!(false);
    body["services"] = json!([
        service_id(&app, "transmission_fluid").await,
        service_id(&app, "valve_clearance").await,
        service_id(&app, "clean_injectors").await,
    ]);
    checked_in(&app, None, &body).await;

    let later = quote(&app, order).await;
    assert_eq!(earlier["lines"], later["lines"]);
    assert!(
        time(&later["promised_at"]) > time(&earlier["promised_at"]),
        "{} then {}",
        earlier["promised_at"],
        later["promised_at"]
    );
}

#[tokio::test]
async fn a_new_job_reaches_the_lounge_masked_and_the_desk_in_full() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let mut lounge = app.stream("lounge").await;
    let mut desk = SseStream::open(&advisor.client, &app.url("/api/v1/events/desk"), None).await;
    lounge.snapshot().await;
    desk.snapshot().await;

    let mut body = walk_in("粤B7K3M9", "13912345678", 4_980);
    body["vin"] = json!("LFMAEACA6S0012345");
    let receipt = checked_in(&app, Some("kiosk-live"), &body).await;
    let job_id = receipt["job_id"].clone();
    let newest = app.max_event_id().await;

    let frames = lounge.frames_until_quiet(QUIET).await;
    assert_eq!(frames.len(), 1, "{frames:?}");
    let frame = &frames[0];
    assert_eq!((frame.event.as_str(), frame.id), ("job", newest));
    for secret in ["粤B7K3M9", "13912345678", "陈先生", "LFMAEACA6S0012345"] {
        assert!(
            !frame.data.contains(secret),
            "the lounge shows {secret}: {}",
            frame.data
        );
    }
    let job = frame.json();
    assert_eq!(
        keys(&job),
        [
            "bay_id",
            "colour",
            "eta",
            "flags",
            "id",
            "labor_minutes",
            "model",
            "plate_masked",
            "promised_at",
            "queue_pos",
            "stage",
            "stage_since",
            "ticket",
            "version"
        ]
    );
    assert_eq!(job["id"], job_id);
    assert_eq!(job["ticket"], receipt["ticket"]);
    assert_eq!(job["stage"], "checked_in");
    assert_eq!(job["plate_masked"], mask_plate("粤B7K3M9"));
    assert_eq!(job["plate_masked"], "粤B·***M9");
    assert_eq!(job["model"], "丰田 卡罗拉");
    assert_eq!(time(&job["promised_at"]), time(&receipt["promised_at"]));

    let frame = desk.frame().await;
    assert_eq!((frame.event.as_str(), frame.id), ("job", newest));
    let job = frame.json();
    assert_eq!(job["id"], job_id);
    assert_eq!(job["customer"]["name"], "陈先生");
    assert_eq!(job["customer"]["phone"], "13912345678");
    assert_eq!(job["vehicle"]["plate"], "粤B7K3M9");

    // A screen connecting now sees it in its snapshot.
    let snapshot = app.stream("lounge").await.snapshot().await.json();
    assert!(snapshot["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|j| j["id"] == job_id));
}

#[tokio::test]
async fn calling_an_advisor_reaches_the_desk_and_nowhere_else() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let desk_url = app.url("/api/v1/events/desk");
    let mut desk = SseStream::open(&advisor.client, &desk_url, None).await;
    let mut lounge = app.stream("lounge").await;
    let mut bays = app.stream("bays").await;
    let lounge_snapshot = lounge.snapshot().await;
    bays.snapshot().await;
    assert_eq!(desk.snapshot().await.json()["requests"], json!([]));
    let before = written(&app).await;

    // The kiosk is not signed in.
    let response = post(
        &app,
        "/api/v1/desk-requests",
        &json!({ "source": "kiosk", "language": "en" }),
    )
    .await;
    let request = body_of(response, StatusCode::CREATED).await;
    assert_eq!(keys(&request), ["at", "id", "language", "source"]);
    assert_eq!(
        (&request["source"], &request["language"]),
        (&json!("kiosk"), &json!("en"))
    );
    assert!((Utc::now() - time(&request["at"])).num_seconds().abs() < 60);
    assert_eq!(
        delta(&before, &written(&app).await),
        [("events", 1), ("desk_requests", 1)]
    );

    let frame = desk.frame().await;
    assert_eq!(
        (frame.event.as_str(), frame.id),
        ("desk_request", app.max_event_id().await)
    );
    assert_eq!(frame.json(), request);
    for (channel, stream) in [("lounge", &mut lounge), ("bays", &mut bays)] {
        let frames = stream.frames_until_quiet(QUIET).await;
        assert!(frames.is_empty(), "{channel} got {frames:?}");
    }
    // Nor is it replayed to a lounge that reconnects.
    let mut replay = app.stream_from("lounge", lounge_snapshot.id).await;
    assert!(replay.frames_until_quiet(QUIET).await.is_empty());
    // A desk connecting now has it among the open requests.
    let snapshot = SseStream::open(&advisor.client, &desk_url, None)
        .await
        .snapshot()
        .await
        .json();
    assert_eq!(snapshot["requests"], json!([request]));

    // Without a source it is refused, and writes nothing.
    let after = written(&app).await;
    for source in ["", "   ", "k".repeat(41).as_str()] {
        let response = post(&app, "/api/v1/desk-requests", &json!({ "source": source })).await;
        expect_refused(
            &app,
            &after,
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            &["source"],
        )
        .await;
    }
}
