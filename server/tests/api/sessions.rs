//! Signing in and out: wrong PINs and passwords, the PIN limiter, who am I, and the name
//! an accepted action records.

use reqwest::StatusCode;
use serde_json::{json, Value};
use server::store::seed::DEMO_CUSTOMERS;

use crate::helpers::{expect_error, new_client, spawn_app, TestApp};

async fn sign_in(app: &TestApp, body: Value) -> reqwest::Response {
    new_client()
        .post(app.url("/api/v1/sessions"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn wrong_pins_are_refused_and_then_rate_limited() {
    let app = spawn_app().await;
    let wrong = sign_in(&app, json!({ "bay_id": 1, "pin": "9999" })).await;
    expect_error(wrong, StatusCode::UNPROCESSABLE_ENTITY, "wrong_pin").await;
    // Bay 2's technician is not on bay 1's team.
    let elsewhere = sign_in(&app, json!({ "bay_id": 1, "pin": "2220" })).await;
    expect_error(elsewhere, StatusCode::UNPROCESSABLE_ENTITY, "wrong_pin").await;

    for pin in ["0000", "1234", "4321", "2222", "1111"] {
        let response = sign_in(&app, json!({ "bay_id": 6, "pin": pin })).await;
        expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "wrong_pin").await;
    }
    // The sixth attempt is refused even with the right PIN.
    let response = sign_in(&app, json!({ "bay_id": 6, "pin": "6666" })).await;
    expect_error(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    // Another bay is not locked out.
    assert_eq!(
        sign_in(&app, json!({ "bay_id": 5, "pin": "5555" }))
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn staff_sign_in_checks_the_password() {
    let app = spawn_app().await;
    let wrong = sign_in(&app, json!({ "username": "advisor", "password": "nope" })).await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = sign_in(&app, json!({ "username": "nobody", "password": "pitwall" })).await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = unknown.json().await.unwrap();
    assert!(
        body["error"]["code"].is_string() && body["error"]["message"].is_string(),
        "{body}"
    );
}

#[tokio::test]
async fn who_am_i_then_sign_out() {
    let app = spawn_app().await;
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let me: Value = manager.get("/api/v1/sessions").await.json().await.unwrap();
    assert_eq!(
        (me["role"].clone(), me["name"].clone()),
        (json!("manager"), json!("周婷"))
    );
    let lead = app.lead(3).await;
    let me: Value = lead.get("/api/v1/sessions").await.json().await.unwrap();
    assert_eq!(
        (me["role"].clone(), me["name"].clone(), me["bay_id"].clone()),
        (json!("team_lead"), json!("罗明辉"), json!(3))
    );

    let out = lead
        .client
        .delete(lead.url("/api/v1/sessions"))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::OK);
    expect_error(
        lead.get("/api/v1/sessions").await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
    // Signed out, the same client can no longer act.
    let response = lead
        .act(
            app.job_id("A06").await,
            app.version("A06").await,
            json!({ "action": "team_check", "passed": true }),
        )
        .await;
    expect_error(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

#[tokio::test]
async fn the_timeline_records_who_acted() {
    let app = spawn_app().await;
    let technician = app.sign_in_bay(1, "1110").await;
    assert_eq!(technician.name, "马俊");
    app.act_ok(&technician, "A03", json!({ "action": "start" }))
        .await;

    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let job: Value = advisor
        .get(&format!("/api/v1/jobs/{}", app.job_id("A03").await))
        .await
        .json()
        .await
        .unwrap();
    let last = job["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["actor_name"], json!(technician.name));
    assert_eq!(
        (last["action"].clone(), last["to_stage"].clone()),
        (json!("start"), json!("in_service"))
    );
    // The staff view carries the customer.
    assert_eq!(job["customer"]["name"], json!(DEMO_CUSTOMERS[2].0));
}
