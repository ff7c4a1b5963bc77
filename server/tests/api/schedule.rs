//! Maintenance schedules per fuel type and model family (issue 16): the kiosk's
//! "package due" follows the car's own schedule; the manager edits schedules.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::admin_bays::audit_rows;
use crate::checkins::{found, quote};
use crate::helpers::{expect_error, spawn_app};

fn codes(package: &Value) -> Vec<String> {
    package["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {package}"))
        .iter()
        .map(|i| i["code"].as_str().unwrap().to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// The demo's electric car (BYD Han EV, 33,860 km; owner's phone ends 7164).
async fn ev_lookup(app: &crate::helpers::TestApp) -> Value {
    found(app, json!({ "plate": "粤BD12345", "phone_last4": "7164" })).await
}

#[tokio::test]
async fn an_electric_car_is_offered_its_ev_package_not_an_oil_change() {
    let app = spawn_app().await;
    let ev = ev_lookup(&app).await;
    assert_eq!(ev["fuel_type"], "electric");
    // 33,860 km: between its 20,000 and 40,000 km checks, nothing is due yet.
    assert_eq!(ev["package_due"], Value::Null);
    let lookup_ref = ev["lookup_ref"].as_str().unwrap();
    let at_40k = quote(
        &app,
        json!({ "mileage_km": 39_700, "lookup_ref": lookup_ref, "package": true }),
    )
    .await;
    let items = codes(&at_40k["package_due"]);
    assert_eq!(at_40k["package_due"]["due_km"], 40_000);
    assert_eq!(
        items,
        [
            "brake_fluid",
            "cabin_filter",
            "coolant",
            "traction_battery_check",
            "tyre_rotation",
            "wheel_alignment"
        ]
    );
    assert!(
        !items
            .iter()
            .any(|c| c.starts_with("oil") || c == "spark_plugs"),
        "{items:?}"
    );

    // A petrol car (walk-in, no fuel type given) at the same reading gets the oil change.
    let petrol = quote(&app, json!({ "mileage_km": 39_700, "package": true })).await;
    assert!(codes(&petrol["package_due"]).contains(&"oil_change".to_string()));
    // A walk-in that says electric gets the EV schedule.
    let walk_in_ev = quote(
        &app,
        json!({ "mileage_km": 39_700, "package": true, "fuel_type": "electric" }),
    )
    .await;
    assert_eq!(codes(&walk_in_ev["package_due"]), items);
    // And a hybrid its own (petrol work plus the battery check).
    let hybrid = quote(
        &app,
        json!({ "mileage_km": 9_800, "package": true, "fuel_type": "hybrid" }),
    )
    .await;
    let hybrid_items = codes(&hybrid["package_due"]);
    assert!(
        hybrid_items.contains(&"oil_change".to_string())
            && hybrid_items.contains(&"traction_battery_check".to_string()),
        "{hybrid_items:?}"
    );
}

#[tokio::test]
async fn a_model_family_schedule_overrides_its_fuel_default_for_that_family_only() {
    let app = spawn_app().await;
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let cabin: i64 = crate::checkins::service_id(&app, "cabin_filter").await;
    let han = json!({
        "fuel_type": "electric", "model_family": "汉",
        "packages": [{ "km": 40_000, "name_zh": "汉 4万公里", "name_en": "Han 40,000 km", "free": false, "item_ids": [cabin] }]
    });
    let answer = manager
        .client
        .post(manager.url("/api/v1/admin/schedules"))
        .json(&han)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::CREATED);
    let created: Value = answer.json().await.unwrap();
    assert_eq!(created["model_family"], "汉");

    let ev = ev_lookup(&app).await;
    let lookup_ref = ev["lookup_ref"].as_str().unwrap();
    let q = quote(
        &app,
        json!({ "mileage_km": 39_700, "lookup_ref": lookup_ref, "package": true }),
    )
    .await;
    assert_eq!(codes(&q["package_due"]), ["cabin_filter"]);
    // Another electric car (no family) still follows the electric default.
    let other = quote(
        &app,
        json!({ "mileage_km": 39_700, "package": true, "fuel_type": "electric" }),
    )
    .await;
    assert!(codes(&other["package_due"]).contains(&"coolant".to_string()));

    // The same key twice, an unknown item, a repeated km: refused, nothing written.
    let schedules_before = manager.get_json("/api/v1/admin/schedules").await;
    let bad = json!({
        "fuel_type": "electric", "model_family": "汉",
        "packages": [
            { "km": 10_000, "name_zh": "甲", "name_en": "A", "free": false, "item_ids": [9999] },
            { "km": 10_000, "name_zh": "乙", "name_en": "", "free": false, "item_ids": [cabin] }
        ]
    });
    let answer = manager
        .client
        .post(manager.url("/api/v1/admin/schedules"))
        .json(&bad)
        .send()
        .await
        .unwrap();
    let body = expect_error(answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    let fields: Vec<&String> = body["error"]["fields"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(
        fields,
        [
            "model_family",
            "packages[0].item_ids",
            "packages[1].km",
            "packages[1].name_en"
        ]
    );
    let answer = manager
        .client
        .request(Method::POST, manager.url("/api/v1/admin/schedules"))
        .json(&json!({ "fuel_type": "diesel", "model_family": null, "packages": [] }))
        .send()
        .await
        .unwrap();
    expect_error(answer, StatusCode::BAD_REQUEST, "bad_request").await;
    assert_eq!(
        manager.get_json("/api/v1/admin/schedules").await,
        schedules_before
    );
    assert_eq!(audit_rows(&app, "schedule").await.len(), 1);
}
