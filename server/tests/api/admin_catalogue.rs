//! `/api/v1/admin/catalogue…` and `/labour-rate` (issue 16): prices change for what
//! comes after, never for a job already checked in; bad input changes nothing; every
//! change is audited.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::admin_bays::audit_rows;
use crate::checkins::{checked_in, quote, service_id, walk_in};
use crate::helpers::{expect_error, spawn_app, Actor};

async fn send(actor: &Actor, method: Method, path: &str, body: Value) -> reqwest::Response {
    actor
        .client
        .request(method, actor.url(path))
        .json(&body)
        .send()
        .await
        .expect("admin request")
}

async fn item(actor: &Actor, code: &str) -> Value {
    let catalogue = actor.get_json("/api/v1/admin/catalogue").await;
    catalogue["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .cloned()
        .unwrap_or_else(|| panic!("no {code} in {catalogue}"))
}

#[tokio::test]
async fn a_price_change_leaves_a_checked_in_job_as_it_was_accepted() {
    let app = spawn_app().await;
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let alignment = service_id(&app, "wheel_alignment").await;
    let mut order = walk_in("粤B9Z7Y6", "13800138000", 12_000);
    order["package"] = json!(false);
    order["services"] = json!([alignment]);
    let receipt = checked_in(&app, Some("admin-price-1"), &order).await;
    let job_path = format!("/api/v1/jobs/{}", receipt["job_id"]);
    let job_before = advisor.get_json(&job_path).await;
    let quote_before = quote(
        &app,
        json!({ "mileage_km": 12_000, "services": [alignment] }),
    )
    .await;

    // Dearer: 60 → 90 minutes at a rate raised from ¥300 to ¥360 an hour.
    let mut edit = item(&manager, "wheel_alignment").await;
    assert_eq!(edit["labor_fen"], 30_000);
    edit["labor_minutes"] = json!(90);
    let answer = send(
        &manager,
        Method::PUT,
        &format!("/api/v1/admin/catalogue/items/{alignment}"),
        edit,
    )
    .await;
    assert_eq!(answer.status(), StatusCode::OK);
    let answer = send(
        &manager,
        Method::PUT,
        "/api/v1/admin/labour-rate",
        json!({ "labour_rate_fen_per_hour": 36_000 }),
    )
    .await;
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(item(&manager, "wheel_alignment").await["labor_fen"], 54_000);

    // The next quote has the new price; the job keeps the one it was accepted with.
    let quote_after = quote(
        &app,
        json!({ "mileage_km": 12_000, "services": [alignment] }),
    )
    .await;
    assert_eq!(quote_before["lines"][0]["labor"], 30_000);
    assert_eq!(quote_after["lines"][0]["labor"], 54_000);
    let job_after = advisor.get_json(&job_path).await;
    assert_eq!(job_after["items"], job_before["items"]);
    let total = |job: &Value| -> i64 {
        job["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["labor_fen"].as_i64().unwrap() + i["parts_fen"].as_i64().unwrap())
            .sum()
    };
    assert_eq!(total(&job_after), 30_000);
    assert_eq!(job_after["items"][0]["labor_fen"], 30_000, "{job_after}");

    let rows = audit_rows(&app, "service_item").await;
    assert_eq!(rows.len(), 1);
    let detail: Value = serde_json::from_str(&rows[0].3).unwrap();
    assert_eq!(
        (
            detail["before"]["labor_minutes"].as_i64(),
            detail["after"]["labor_minutes"].as_i64()
        ),
        (Some(60), Some(90))
    );
    let rate = audit_rows(&app, "labour_rate").await;
    assert_eq!(rate.len(), 1);
    assert_eq!(
        serde_json::from_str::<Value>(&rate[0].3).unwrap(),
        json!({ "before_fen": 30_000, "after_fen": 36_000 })
    );
}

#[tokio::test]
async fn bad_catalogue_input_is_refused_field_by_field_and_changes_nothing() {
    let app = spawn_app().await;
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let before = manager.get_json("/api/v1/admin/catalogue").await;
    let bad = json!({
        "code": "Tyre Rotation!", "name_zh": "", "name_en": "Tyres", "labor_minutes": 0,
        "skill": "juggling", "part_id": 999, "part_qty": 0
    });
    let answer = send(&manager, Method::POST, "/api/v1/admin/catalogue/items", bad).await;
    let body = expect_error(answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    let fields: Vec<&String> = body["error"]["fields"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(
        fields,
        [
            "code",
            "labor_minutes",
            "name_zh",
            "part_id",
            "part_qty",
            "skill"
        ]
    );
    // Another item's code is taken; a part without a quantity is not an item.
    let mut clash = item(&manager, "oil_filter").await;
    clash["code"] = json!("oil_change");
    let id = clash["id"].clone();
    let answer = send(
        &manager,
        Method::PUT,
        &format!("/api/v1/admin/catalogue/items/{id}"),
        clash,
    )
    .await;
    let body = expect_error(answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    assert!(body["error"]["fields"]["code"].is_string(), "{body}");
    for fen in [0, 99, 1_000_001, -5] {
        let answer = send(
            &manager,
            Method::PUT,
            "/api/v1/admin/labour-rate",
            json!({ "labour_rate_fen_per_hour": fen }),
        )
        .await;
        let body = expect_error(answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
        assert!(body["error"]["fields"]["labour_rate_fen_per_hour"].is_string());
    }
    let answer = send(
        &manager,
        Method::PUT,
        "/api/v1/admin/catalogue/items/9999",
        item(&manager, "oil_filter").await,
    )
    .await;
    expect_error(answer, StatusCode::NOT_FOUND, "not_found").await;

    assert_eq!(manager.get_json("/api/v1/admin/catalogue").await, before);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM audit_log").await, 0);
}

#[tokio::test]
async fn a_new_service_item_is_offered_at_the_kiosk_and_audited() {
    let app = spawn_app().await;
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let new = json!({
        "code": "wiper_blades", "name_zh": "更换雨刮片", "name_en": "Wiper blade replacement",
        "labor_minutes": 15, "skill": "quick_service", "part_id": null, "part_qty": 0
    });
    let answer = send(&manager, Method::POST, "/api/v1/admin/catalogue/items", new).await;
    assert_eq!(answer.status(), StatusCode::CREATED);
    let created: Value = answer.json().await.unwrap();
    assert_eq!(
        (created["labor_fen"].as_i64(), created["parts_fen"].as_i64()),
        (Some(7_500), Some(0))
    );
    let offered = quote(&app, json!({ "mileage_km": 25_000 })).await;
    assert!(
        offered["extras"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["code"] == "wiper_blades"),
        "{offered}"
    );
    let rows = audit_rows(&app, "service_item").await;
    assert_eq!(
        (rows.len(), rows[0].1.as_str(), rows[0].2),
        (1, "create", created["id"].as_i64())
    );
}
