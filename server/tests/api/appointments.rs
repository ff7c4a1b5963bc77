//! Appointments (预约): booking against the workshop's capacity per bay skill (a full
//! alignment hour refuses another alignment with the nearest free hours, yet takes an
//! oil change), the parts check moving the first day offered, the no-show flag 30
//! minutes after the time, and confirm/reschedule/cancel on the timeline (who sees an
//! appointment: `appointments_reach`).

use app::domain::{from_store_local, store_date};
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{expect_error, spawn_app, Actor, TestApp};

/// The store day `days` from today.
pub(crate) fn day_ahead(days: u64) -> NaiveDate {
    store_date(Utc::now())
        .checked_add_days(Days::new(days))
        .unwrap()
}

/// `hour`:00 store-local on `day`.
pub(crate) fn at_hour(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    from_store_local(day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap()))
}

async fn item_id(app: &TestApp, code: &str) -> i64 {
    app.scalar(&format!(
        "SELECT id FROM service_items WHERE code = '{code}'"
    ))
    .await
}

/// A car of the demo store by its plate.
pub(crate) async fn vehicle(app: &TestApp, plate: &str) -> i64 {
    app.scalar(&format!("SELECT id FROM vehicles WHERE plate = '{plate}'"))
        .await
}

async fn book(
    advisor: &Actor,
    vehicle_id: i64,
    at: DateTime<Utc>,
    services: &[i64],
) -> reqwest::Response {
    advisor
        .post(
            "/api/v1/appointments",
            json!({ "vehicle_id": vehicle_id, "scheduled_at": at, "service_ids": services }),
        )
        .await
}

#[tokio::test]
async fn a_full_alignment_hour_refuses_another_alignment_but_takes_an_oil_change() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let alignment = item_id(&app, "wheel_alignment").await;
    let oil = item_id(&app, "oil_change").await;
    let day = day_ahead(2);
    let ten = at_hour(day, 10);
    let first = book(&advisor, vehicle(&app, "粤B7N2S8").await, ten, &[alignment]).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    assert!(first["code"].as_str().unwrap().starts_with("YY"));
    assert_eq!(first["minutes"], 60);
    assert_eq!(first["state"], "booked");
    assert_eq!(first["steps"][0]["kind"], "booked");

    // One alignment bay: the hour is full for alignment.
    let before = app.scalar("SELECT COUNT(*) FROM appointments").await;
    let refused = book(&advisor, vehicle(&app, "粤B5H6J9").await, ten, &[alignment]).await;
    let body = expect_error(refused, StatusCode::CONFLICT, "slot_full").await;
    let offered: Vec<DateTime<Utc>> =
        serde_json::from_value(body["error"]["current"]["alternatives"].clone()).unwrap();
    assert_eq!(
        offered[..2],
        [at_hour(day, 9), at_hour(day, 11)],
        "nearest first, earlier on a tie"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM appointments").await,
        before,
        "nothing stored"
    );

    // An oil change needs a quick-service bay: still free at ten.
    let oil_change = book(&advisor, vehicle(&app, "粤B5H6J9").await, ten, &[oil]).await;
    assert_eq!(oil_change.status(), StatusCode::CREATED);

    // The day's grid shows the alignment hour full.
    let grid = advisor
        .get_json(&format!("/api/v1/appointments?date={day}"))
        .await;
    let slot = grid["slots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["start"] == json!(ten))
        .unwrap();
    let align = slot["skills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["skill"] == "alignment")
        .unwrap();
    assert_eq!(
        (align["booked"].as_u64(), align["capacity"].as_u64()),
        (Some(60), Some(60))
    );
    assert_eq!(grid["appointments"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_parts_shortage_moves_the_first_day_offered_to_after_the_delivery() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let pads = item_id(&app, "front_brake_pads").await;
    let delivery = day_ahead(4);
    sqlx::query("UPDATE parts SET on_hand = reserved, on_order = 5, expected_on = ? WHERE code = 'front_brake_pad_set'")
        .bind(delivery.to_string())
        .execute(&app.pool)
        .await
        .unwrap();
    let car = vehicle(&app, "粤B7N2S8").await;
    let asked = advisor
        .post(
            "/api/v1/appointments/availability",
            json!({ "date": day_ahead(1), "service_ids": [pads], "vehicle_id": car }),
        )
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(asked["shortages"][0]["code"], "front_brake_pad_set");
    assert_eq!(
        asked["parts_from"],
        json!(delivery.checked_add_days(Days::new(1)).unwrap())
    );
    assert!(
        asked["slots"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["fits"] == false),
        "no hour before the parts"
    );

    let refused = book(&advisor, car, at_hour(day_ahead(1), 10), &[pads]).await;
    let body = expect_error(refused, StatusCode::CONFLICT, "parts_short").await;
    assert_eq!(body["error"]["current"]["parts_from"], asked["parts_from"]);
    let after = book(&advisor, car, at_hour(day_ahead(5), 10), &[pads]).await;
    assert_eq!(after.status(), StatusCode::CREATED);

    // The booking holds the part: a second car's booking finds it short too.
    let later = advisor
        .post(
            "/api/v1/appointments/availability",
            json!({ "date": day_ahead(5), "service_ids": [pads] }),
        )
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(later["shortages"][0]["available"], -1);
}

#[tokio::test]
async fn an_appointment_not_checked_in_30_minutes_after_its_time_is_a_no_show() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let day = day_ahead(1);
    let nine = at_hour(day, 9);
    let made = book(&advisor, vehicle(&app, "粤B7N2S8").await, nine, &[]).await;
    assert_eq!(
        made.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "nothing asked: refused"
    );
    let made = advisor
        .post("/api/v1/appointments", json!({ "vehicle_id": vehicle(&app, "粤B7N2S8").await, "scheduled_at": nine, "concerns": "刹车异响" }))
        .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let id = made.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let path = format!("/api/v1/appointments/{id}");
    assert_eq!(advisor.get_json(&path).await["no_show"], false);
    let to = |target: DateTime<Utc>| (target - Utc::now()).num_minutes();
    app.advance_clock(to(nine + chrono::Duration::minutes(28)))
        .await;
    assert_eq!(
        advisor.get_json(&path).await["no_show"],
        false,
        "28 minutes late is not yet a no-show"
    );
    app.advance_clock(4).await;
    assert_eq!(advisor.get_json(&path).await["no_show"], true);
    let grid = advisor
        .get_json(&format!("/api/v1/appointments?date={day}"))
        .await;
    let listed = grid["appointments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(listed["no_show"], true);
}

#[tokio::test]
async fn confirm_reschedule_and_cancel_are_each_on_the_timeline_and_a_closed_one_stays_closed() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let car = vehicle(&app, "粤B7N2S8").await;
    let oil = item_id(&app, "oil_change").await;
    let made: Value = book(&advisor, car, at_hour(day_ahead(3), 9), &[oil])
        .await
        .json()
        .await
        .unwrap();
    let id = made["id"].as_i64().unwrap();
    let path = format!("/api/v1/appointments/{id}/changes");
    let confirmed: Value = advisor
        .post(&path, json!({ "action": "confirm", "expected_version": 1 }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(confirmed["state"], "confirmed");
    let stale = advisor
        .post(&path, json!({ "action": "cancel", "expected_version": 1 }))
        .await;
    expect_error(stale, StatusCode::CONFLICT, "version_conflict").await;
    let moved = advisor
        .post(&path, json!({ "action": "reschedule", "expected_version": 2, "scheduled_at": at_hour(day_ahead(3), 15), "note": "客户改到下午" }))
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let moved: Value = moved.json().await.unwrap();
    assert_eq!(moved["scheduled_at"], json!(at_hour(day_ahead(3), 15)));
    let off_hour = advisor
        .post(&path, json!({ "action": "reschedule", "expected_version": 3, "scheduled_at": at_hour(day_ahead(3), 15) + chrono::Duration::minutes(20) }))
        .await;
    expect_error(off_hour, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    let cancelled: Value = advisor
        .post(
            &path,
            json!({ "action": "cancel", "expected_version": 3, "note": "客户车辆已卖" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cancelled["state"], "cancelled");
    let kinds: Vec<&str> = cancelled["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["booked", "confirmed", "rescheduled", "cancelled"]);
    assert!(cancelled["steps"][2]["note"]
        .as_str()
        .unwrap()
        .contains("→"));
    let again = advisor
        .post(&path, json!({ "action": "confirm", "expected_version": 4 }))
        .await;
    expect_error(again, StatusCode::CONFLICT, "appointment_closed").await;
    // Confirming sent the customer one message with the code, the move another.
    let confirmations = app
        .scalar(&format!("SELECT COUNT(*) FROM outbox WHERE kind = 'appointment_confirmed' AND appointment_id = {id}"))
        .await;
    assert_eq!(confirmations, 2);
    let text: String =
        sqlx::query_scalar("SELECT text FROM outbox WHERE appointment_id = ? ORDER BY id LIMIT 1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(text.contains(made["code"].as_str().unwrap()), "{text}");
}

#[tokio::test]
async fn a_new_customer_is_booked_with_the_kiosk_rules_and_bad_input_changes_nothing() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let at = at_hour(day_ahead(2), 14);
    let customers = app.scalar("SELECT COUNT(*) FROM customers").await;
    let bad = advisor
        .post("/api/v1/appointments", json!({ "new_car": { "plate": "XX", "phone": "123", "name": "", "model": "" }, "scheduled_at": at, "concerns": "x" }))
        .await;
    let body = expect_error(bad, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    for field in ["plate", "phone", "name", "model"] {
        assert!(
            body["error"]["fields"][field].is_string(),
            "{field}: {body}"
        );
    }
    let past = advisor
        .post("/api/v1/appointments", json!({ "vehicle_id": vehicle(&app, "粤B7N2S8").await, "scheduled_at": at_hour(day_ahead(0), 0) - chrono::Duration::days(1), "concerns": "x" }))
        .await;
    expect_error(past, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM customers").await,
        customers,
        "nothing stored"
    );
    let made = advisor
        .post("/api/v1/appointments", json!({ "new_car": { "plate": "粤b·98765", "phone": "138 0013 8000", "name": "陈先生", "model": "丰田 凯美瑞" }, "scheduled_at": at, "concerns": "空调不凉" }))
        .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    assert_eq!(made["plate"], "粤B98765");
    assert_eq!(made["phone"], "13800138000");
    assert_eq!(made["minutes"], 60, "concerns alone: an hour of diagnosis");
    let twice = advisor
        .post("/api/v1/appointments", json!({ "new_car": { "plate": "粤B98765", "phone": "13800138000", "name": "陈先生", "model": "丰田 凯美瑞" }, "scheduled_at": at, "concerns": "x" }))
        .await;
    expect_error(twice, StatusCode::CONFLICT, "plate_taken").await;
}
