//! Parts that move: reserved at check-in and released on cancel, issued at the bay with
//! a technician's PIN (lowering on hand; the last unit goes to exactly one of two
//! issues), waited for and received (the waiting car's ETA moves on the lounge), and
//! never shown on an anonymous channel.

use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::checkins::{checked_in, walk_in};
use crate::helpers::{expect_error, spawn_app, Actor, TestApp};

/// `(on_hand, reserved, on_order)` of a part as stored.
async fn counts(app: &TestApp, code: &str) -> (i64, i64, i64) {
    sqlx::query_as("SELECT on_hand, reserved, on_order FROM parts WHERE code = ?")
        .bind(code)
        .fetch_one(&app.pool)
        .await
        .expect("part counts")
}

async fn part_id(app: &TestApp, code: &str) -> i64 {
    app.scalar(&format!("SELECT id FROM parts WHERE code = '{code}'"))
        .await
}

/// The id of the job's item made from service item `code`.
async fn item_id(app: &TestApp, ticket: &str, code: &str) -> i64 {
    app.scalar(&format!(
        "SELECT i.id FROM job_items i JOIN jobs j ON j.id = i.job_id
           JOIN service_items s ON s.id = i.service_item_id
          WHERE j.ticket = '{ticket}' AND s.code = '{code}'"
    ))
    .await
}

async fn set_on_hand(app: &TestApp, code: &str, on_hand: i64) {
    sqlx::query("UPDATE parts SET on_hand = ? WHERE code = ?")
        .bind(on_hand)
        .bind(code)
        .execute(&app.pool)
        .await
        .expect("set on hand");
}

async fn issue(
    bay: &Actor,
    job_id: i64,
    item_id: i64,
    part_id: i64,
    qty: u32,
) -> reqwest::Response {
    bay.post(
        &format!("/api/v1/jobs/{job_id}/items/{item_id}/issues"),
        json!({ "part_id": part_id, "qty": qty, "pin": "1111" }),
    )
    .await
}

/// A03 (bay 1, oil change and oil filter) in service, with its bay's lead signed in.
async fn a03_in_service(app: &TestApp) -> (Actor, i64) {
    let lead = app.lead(1).await;
    app.act_ok(&lead, "A03", json!({ "action": "start" })).await;
    (lead, app.job_id("A03").await)
}

fn time(v: &Value) -> DateTime<Utc> {
    v.as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_else(|| panic!("not a time: {v}"))
}

#[tokio::test]
async fn issuing_lowers_on_hand_and_the_reservation_and_is_the_invoice_line() {
    let app = spawn_app().await;
    let (lead, job) = a03_in_service(&app).await;
    let (oil, item) = (
        part_id(&app, "engine_oil_4l").await,
        item_id(&app, "A03", "oil_change").await,
    );
    let (on_hand, reserved, _) = counts(&app, "engine_oil_4l").await;
    assert!(reserved >= 1, "A03's oil is reserved since the seed");

    let response = issue(&lead, job, item, oil, 2).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.expect("job");
    let issued = body["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["id"] == json!(item)))
        .map(|i| i["issued"].clone())
        .expect("the item");
    assert_eq!(issued[0]["qty"], json!(2), "{issued}");
    assert_eq!(issued[0]["by"], json!(lead.name));
    // Two off the shelf; the item's one reserved unit is used up (the second was extra).
    assert_eq!(counts(&app, "engine_oil_4l").await.0, on_hand - 2);
    assert_eq!(counts(&app, "engine_oil_4l").await.1, reserved - 1);
    let audited = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE subject = 'part' AND subject_id = {oil} AND action = 'issue'"
        ))
        .await;
    assert_eq!(audited, 1);
    // The stock page sees it.
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let stock = manager.get_json("/api/v1/stock").await;
    let listed = stock["parts"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["id"] == json!(oil)))
        .cloned()
        .expect("oil on the stock list");
    assert_eq!(listed["on_hand"], json!(on_hand - 2));
    assert_eq!(listed["available"], json!(on_hand - 2 - (reserved - 1)));
}

#[tokio::test]
async fn of_two_issues_of_the_last_unit_exactly_one_succeeds() {
    let app = spawn_app().await;
    let (lead, job) = a03_in_service(&app).await;
    let (filter, item) = (
        part_id(&app, "oil_filter").await,
        item_id(&app, "A03", "oil_filter").await,
    );
    set_on_hand(&app, "oil_filter", 1).await;
    let second = app.lead(1).await;
    let (a, b) = tokio::join!(
        issue(&lead, job, item, filter, 1),
        issue(&second, job, item, filter, 1)
    );
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    let loser = if a.status() == StatusCode::CONFLICT {
        a
    } else {
        b
    };
    expect_error(loser, StatusCode::CONFLICT, "out_of_stock").await;
    assert_eq!(counts(&app, "oil_filter").await.0, 0);
    assert_eq!(
        app.scalar(&format!(
            "SELECT SUM(qty) FROM issued_parts WHERE part_id = {filter}"
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn a_part_not_in_stock_cannot_be_issued() {
    let app = spawn_app().await;
    let (lead, job) = a03_in_service(&app).await;
    let (oil, item) = (
        part_id(&app, "engine_oil_4l").await,
        item_id(&app, "A03", "oil_change").await,
    );
    set_on_hand(&app, "engine_oil_4l", 0).await;
    let version = app.version("A03").await;
    let body = expect_error(
        issue(&lead, job, item, oil, 1).await,
        StatusCode::CONFLICT,
        "out_of_stock",
    )
    .await;
    assert!(body["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("0 on hand")));
    assert_eq!(counts(&app, "engine_oil_4l").await.0, 0);
    assert_eq!(app.version("A03").await, version, "nothing changed");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM issued_parts").await, 0);
    // A part the item does not use, and a PIN not of the bay's team, are refused too.
    let wrong_part = part_id(&app, "air_filter").await;
    expect_error(
        issue(&lead, job, item, wrong_part, 1).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    let qc_pin = lead
        .post(
            &format!("/api/v1/jobs/{job}/items/{item}/issues"),
            json!({ "part_id": oil, "qty": 1, "pin": "7777" }),
        )
        .await;
    expect_error(qc_pin, StatusCode::UNPROCESSABLE_ENTITY, "wrong_pin").await;
}

#[tokio::test]
async fn receiving_releases_the_waiting_car_and_moves_its_eta_on_the_lounge() {
    let app = spawn_app().await;
    let (lead, job) = a03_in_service(&app).await;
    let (oil, item) = (
        part_id(&app, "engine_oil_4l").await,
        item_id(&app, "A03", "oil_change").await,
    );
    set_on_hand(&app, "engine_oil_4l", 0).await;
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let due = app::domain::store_date(Utc::now()) + chrono::Duration::days(2);
    let ordered = manager
        .client
        .patch(manager.url(&format!("/api/v1/parts/{oil}")))
        .json(&json!({ "on_order": 10, "expected_on": due }))
        .send()
        .await
        .expect("PATCH");
    assert_eq!(ordered.status(), StatusCode::OK);

    let waiting = lead
        .post(
            &format!("/api/v1/jobs/{job}/items/{item}/waits"),
            json!({ "part_id": oil }),
        )
        .await;
    assert_eq!(waiting.status(), StatusCode::OK);
    let waiting: Value = waiting.json().await.expect("job");
    assert_eq!(waiting["stage"], json!("paused"));
    assert_eq!(waiting["pause_reason"], json!("awaiting_parts"));
    let on_shelf = app::domain::eta::delivery_arrival(due);
    assert!(
        time(&waiting["eta"]) > on_shelf,
        "the ETA runs from the delivery: {}",
        waiting["eta"]
    );

    let mut lounge = app.stream("lounge").await;
    lounge.snapshot().await;
    let received = manager
        .post(
            &format!("/api/v1/parts/{oil}/receipts"),
            json!({ "qty": 10, "received_on": app::domain::store_date(Utc::now()) }),
        )
        .await;
    assert_eq!(received.status(), StatusCode::OK);
    let part: Value = received.json().await.expect("part");
    assert_eq!(
        (part["on_hand"].clone(), part["on_order"].clone()),
        (json!(10), json!(0))
    );

    let frames = lounge.frames_until_quiet(Duration::from_millis(800)).await;
    let moved = frames
        .iter()
        .rev()
        .filter(|f| f.event == "job")
        .map(|f| f.json())
        .find(|j| j["id"] == json!(job))
        .expect("the waiting car's new ETA on the lounge");
    assert!(time(&moved["eta"]) < on_shelf, "released: {}", moved["eta"]);
    assert!(frames.iter().all(|f| f.event != "part"));
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM part_waits WHERE released_at IS NULL")
            .await,
        0
    );
    let desk_view = manager.get_json(&format!("/api/v1/jobs/{job}")).await;
    assert!(desk_view["items"]
        .as_array()
        .is_some_and(|items| items.iter().all(|i| i["waits"] == json!([]))));
}

#[tokio::test]
async fn check_in_reserves_the_package_parts_and_cancelling_releases_them() {
    let app = spawn_app().await;
    let before = counts(&app, "engine_oil_4l").await;
    let receipt = checked_in(&app, None, &walk_in("粤B1P2R3", "13912345678", 5_000)).await;
    let job = receipt["job_id"].as_i64().expect("job id");
    let reserved = app
        .scalar(&format!(
            "SELECT COALESCE(SUM(qty), 0) FROM part_reservations WHERE job_id = {job}"
        ))
        .await;
    assert!(reserved > 0, "the package's parts are reserved");
    let after = counts(&app, "engine_oil_4l").await;
    assert_eq!(after.1, before.1 + 1, "the oil change's oil");
    assert_eq!(after.0, before.0, "nothing leaves the shelf at check-in");

    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    // Tickets restart daily: act on the job by its id.
    let version = app
        .scalar(&format!("SELECT version FROM jobs WHERE id = {job}"))
        .await;
    let cancelled = advisor
        .act(
            job,
            version,
            json!({ "action": "cancel", "note": "客户改约" }),
        )
        .await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    assert_eq!(counts(&app, "engine_oil_4l").await, before);
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM part_reservations WHERE job_id = {job}"
        ))
        .await,
        0
    );
}

#[tokio::test]
async fn approved_extra_work_holds_its_parts() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let pending: i64 = app
        .scalar("SELECT i.id FROM job_items i JOIN jobs j ON j.id = i.job_id WHERE j.ticket = 'A01' AND i.status = 'pending'")
        .await;
    let before = counts(&app, "front_brake_pad_set").await.1;
    let approved = advisor
        .post(
            &format!("/api/v1/additional-items/{pending}/decision"),
            json!({ "approve": true, "by": "advisor" }),
        )
        .await;
    assert_eq!(approved.status(), StatusCode::OK);
    assert_eq!(counts(&app, "front_brake_pad_set").await.1, before + 1);
}

#[tokio::test]
async fn stock_is_staff_only_and_never_on_anonymous_channels() {
    let app = spawn_app().await;
    let anonymous = reqwest::Client::new()
        .get(app.url("/api/v1/events/parts"))
        .send()
        .await
        .expect("GET");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let lead = app.lead(1).await;
    assert_eq!(
        lead.get("/api/v1/events/parts").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        lead.get("/api/v1/stock").await.status(),
        StatusCode::FORBIDDEN
    );
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let oil = part_id(&app, "engine_oil_4l").await;
    // Advisors see the stock but do not keep it.
    let refused = advisor
        .post(
            &format!("/api/v1/parts/{oil}/receipts"),
            json!({ "qty": 1, "received_on": app::domain::store_date(Utc::now()) }),
        )
        .await;
    expect_error(refused, StatusCode::FORBIDDEN, "forbidden").await;

    let mut lounge = app.stream("lounge").await;
    let mut bays = app.stream("bays").await;
    let mut bay = app.stream("bay/1").await;
    for stream in [&mut lounge, &mut bays, &mut bay] {
        let snapshot = stream.snapshot().await;
        assert!(!snapshot.data.contains("on_hand") && !snapshot.data.contains("reorder_point"));
    }
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let added = manager
        .post(
            "/api/v1/parts",
            json!({ "code": "wiper_blade", "name_zh": "雨刮片", "name_en": "Wiper blade", "price_fen": 9_800, "reorder_point": 4 }),
        )
        .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    let (lead, job) = a03_in_service(&app).await;
    let item = item_id(&app, "A03", "oil_change").await;
    assert_eq!(
        issue(&lead, job, item, oil, 1).await.status(),
        StatusCode::OK
    );
    for stream in [&mut lounge, &mut bays, &mut bay] {
        let frames = stream.frames_until_quiet(Duration::from_millis(800)).await;
        for frame in frames {
            assert_ne!(frame.event, "part");
            for word in ["on_hand", "reorder_point", "price_fen", "\"issued\":[{"] {
                assert!(!frame.data.contains(word), "{word} in {}", frame.data);
            }
        }
    }
}
