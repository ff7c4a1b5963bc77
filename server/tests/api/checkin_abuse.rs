//! Abuse of the anonymous kiosk (issue 13): a stranger's walk-in cannot move a known
//! car's recorded mileage, attach a car to someone else's record, put words on the
//! lounge screen, or flood the workshop and the desk.

use app::domain::text::NAME_MAX;
use reqwest::StatusCode;
use serde_json::{json, Value};
use server::checkin::throttle::{CHECKINS_PER_WINDOW, DESK_REQUESTS_PER_WINDOW};

use crate::checkins::{
    body_of, check_in, checked_in, delta, found, post, returning, service_id, walk_in, written,
};
use crate::helpers::{expect_error, spawn_app, TestApp};

/// 李建国's second car: 粤A6T1Z8, 19,800 km on record, no job open.
const PLATE: &str = "粤A6T1Z8";
const OWNER_PHONE: &str = "13926051873";
const STRANGER_PHONE: &str = "13912345678";

/// An oil change, so the order is never empty whatever package is due at the reading.
async fn oil_change(app: &TestApp, mut body: Value) -> Value {
    body["package"] = json!(false);
    body["services"] = json!([service_id(app, "oil_change").await]);
    body
}

async fn recorded_km(app: &TestApp, plate: &str) -> i64 {
    sqlx::query_scalar("SELECT last_mileage_km FROM vehicles WHERE plate = ?")
        .bind(plate)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_strangers_walk_in_cannot_raise_a_known_cars_mileage_and_lock_its_owner_out() {
    let app = spawn_app().await;
    assert_eq!(recorded_km(&app, PLATE).await, 19_800);

    // Someone who knows only the plate checks the car in at 1,999,999 km, confirmed.
    let mut attack = oil_change(&app, walk_in(PLATE, STRANGER_PHONE, 1_999_999)).await;
    attack["mileage_confirmed"] = json!(true);
    let receipt = checked_in(&app, None, &attack).await;
    // The reading stays on that job (for staff to see), not on the car's record.
    let on_job: i64 = sqlx::query_scalar("SELECT mileage_km FROM jobs WHERE id = ?")
        .bind(receipt["job_id"].as_i64().unwrap())
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(on_job, 1_999_999);
    assert_eq!(recorded_km(&app, PLATE).await, 19_800);

    // The owner can still check in with the real reading.
    let result = found(&app, json!({ "plate": PLATE, "phone_last4": "1873" })).await;
    assert_eq!(result["last_mileage_km"], 19_800);
    let lookup_ref = result["lookup_ref"].as_str().unwrap();
    let owner = oil_change(&app, returning(lookup_ref, 20_100)).await;
    checked_in(&app, Some("owner"), &owner).await;
    assert_eq!(recorded_km(&app, PLATE).await, 20_100);

    // The owner's own phone at a walk-in proves as much as a lookup: that is recorded.
    let own_walk_in = oil_change(&app, walk_in(PLATE, OWNER_PHONE, 20_400)).await;
    checked_in(&app, None, &own_walk_in).await;
    assert_eq!(recorded_km(&app, PLATE).await, 20_400);
}

#[tokio::test]
async fn a_new_plate_with_a_known_phone_is_not_attached_to_that_customer() {
    let app = spawn_app().await;
    let owner_cars = "SELECT COUNT(*) FROM vehicles v JOIN customers c ON c.id = v.customer_id
                      WHERE c.phone = '13926051873' AND c.name = '李建国'";
    let cars_before = app.scalar(owner_cars).await;
    let before = written(&app).await;

    let mut body = walk_in("粤B7K3M9", OWNER_PHONE, 4_980);
    body["name"] = json!("冒充者");
    let receipt = checked_in(&app, None, &body).await;

    // A new customer record of its own; 李建国's record gains no car and keeps its name.
    assert_eq!(app.scalar(owner_cars).await, cars_before);
    let after = written(&app).await;
    let changed = delta(&before, &after);
    assert!(changed.contains(&("customers", 1)), "{changed:?}");
    assert!(changed.contains(&("vehicles", 1)), "{changed:?}");
    let (name, phone): (String, String) = sqlx::query_as(
        "SELECT c.name, c.phone FROM jobs j JOIN vehicles v ON v.id = j.vehicle_id
         JOIN customers c ON c.id = v.customer_id WHERE j.id = ?",
    )
    .bind(receipt["job_id"].as_i64().unwrap())
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((name.as_str(), phone.as_str()), ("冒充者", OWNER_PHONE));
    assert!(name.chars().count() <= NAME_MAX);
}

#[tokio::test]
async fn a_walk_ins_free_text_model_never_reaches_the_lounge() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let spam = "加微信 scam888 领免费保养";
    let mut body = walk_in("粤B7K3M9", STRANGER_PHONE, 4_980);
    body["model"] = json!(spam);
    let receipt = checked_in(&app, None, &body).await;
    let job_id = receipt["job_id"].as_i64().unwrap();

    let mut lounge = app.stream("lounge").await;
    let snapshot = lounge.snapshot().await;
    assert!(snapshot.data.contains(receipt["ticket"].as_str().unwrap()));
    assert!(!snapshot.data.contains("scam888"), "{}", snapshot.data);
    let stored: String = sqlx::query_scalar(
        "SELECT v.model FROM jobs j JOIN vehicles v ON v.id = j.vehicle_id WHERE j.id = ?",
    )
    .bind(job_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(stored, "");
    // Staff still see what the customer typed, in the check-in's timeline entry.
    let job = advisor.get_json(&format!("/api/v1/jobs/{job_id}")).await;
    let first = &job["timeline"][0];
    assert_eq!(first["action"], "check_in", "{job}");
    assert!(first["note"].as_str().unwrap().contains(spam), "{first}");

    // A model the store knows (however it is spaced or cased) is stored as it knows it.
    let mut body = walk_in("粤B8Q2W7", "13800138000", 4_980);
    body["model"] = json!("丰田卡罗拉");
    let receipt = checked_in(&app, None, &body).await;
    let stored: String = sqlx::query_scalar(
        "SELECT v.model FROM jobs j JOIN vehicles v ON v.id = j.vehicle_id WHERE j.id = ?",
    )
    .bind(receipt["job_id"].as_i64().unwrap())
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(stored, "丰田 卡罗拉");
}

#[tokio::test]
async fn check_ins_from_one_address_are_throttled_and_the_desk_is_not() {
    let app = spawn_app().await;
    // Every attempt counts, refused or not: these are refused (no consent).
    let mut refused = walk_in("粤B7K3M9", STRANGER_PHONE, 4_980);
    refused["consent"] = json!(false);
    for _ in 0..CHECKINS_PER_WINDOW {
        let response = check_in(&app, None, &refused).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let before = written(&app).await;
    let good = walk_in("粤B7K3M9", STRANGER_PHONE, 4_980);
    let response = check_in(&app, Some("over-the-limit"), &good).await;
    expect_error(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert_eq!(written(&app).await, before);

    // An advisor checking a customer in at the desk is not a kiosk: not throttled.
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let response = advisor
        .client
        .post(advisor.url("/api/v1/checkins"))
        .json(&good)
        .send()
        .await
        .unwrap();
    body_of(response, StatusCode::CREATED).await;
}

#[tokio::test]
async fn desk_requests_from_one_address_are_throttled() {
    let app = spawn_app().await;
    let ask = json!({ "source": "kiosk", "language": "zh" });
    let seeded = app.scalar("SELECT COUNT(*) FROM desk_requests").await;
    for _ in 0..DESK_REQUESTS_PER_WINDOW {
        let response = post(&app, "/api/v1/desk-requests", &ask).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let before = written(&app).await;
    let response = post(&app, "/api/v1/desk-requests", &ask).await;
    expect_error(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert_eq!(written(&app).await, before);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM desk_requests").await - seeded,
        i64::from(DESK_REQUESTS_PER_WINDOW)
    );
}
