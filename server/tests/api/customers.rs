//! The customer's file (客户档案) and what delivery writes into it: search by plate (as
//! the kiosk normalises it), phone, name or VIN; the visit with its work, invoice and
//! follow-up; the next check-in not offered the package just done; corrections on the
//! audit trail; the reminder list; and one outbox message per cause.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::appointments::{at_hour, day_ahead, vehicle};
use crate::delivery::a03_ready;
use crate::follow_ups::deliver;
use crate::helpers::{expect_error, new_client, spawn_app, TestApp};

/// A03's customer (张丽华, the red Corolla 粤B7N2S8).
async fn a03_customer(app: &TestApp) -> i64 {
    app.scalar("SELECT v.customer_id FROM vehicles v WHERE v.plate = '粤B7N2S8'")
        .await
}

async fn kiosk_package(app: &TestApp) -> Value {
    let found = new_client()
        .post(app.url("/api/v1/checkins/lookup"))
        .json(&json!({ "plate": "粤B7N2S8", "phone_last4": "1045" }))
        .send()
        .await
        .unwrap();
    assert_eq!(found.status(), StatusCode::OK);
    found.json::<Value>().await.unwrap()["package_due"].clone()
}

#[tokio::test]
async fn delivery_writes_the_visit_and_the_next_check_in_does_not_offer_the_same_package() {
    let app = spawn_app().await;
    // A03 came in for its first service (the 5,000 km package) at 5,120 km.
    sqlx::query("UPDATE jobs SET package_km = 5000 WHERE ticket = 'A03'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        kiosk_package(&app).await["due_km"],
        5000,
        "due before the visit"
    );
    let advisor = a03_ready(&app).await;
    app.act_ok(&advisor, "A03", deliver("morning")).await;
    assert!(
        kiosk_package(&app).await.is_null(),
        "the package done is not offered again"
    );

    let id = a03_customer(&app).await;
    let file = advisor.get_json(&format!("/api/v1/customers/{id}")).await;
    let car = &file["cars"][0];
    assert_eq!(car["plate"], "粤B7N2S8");
    assert_eq!(car["next_service_km"], 10_120);
    let visit = &car["visits"][0];
    assert_eq!(visit["ticket"], "A03", "newest first: {car}");
    assert_eq!(visit["mileage_km"], 5_120);
    assert_eq!(visit["package_km"], 5000);
    assert!(
        visit["summary"].as_str().unwrap().contains("更换机油"),
        "{visit}"
    );
    assert!(visit["total_fen"].as_i64().unwrap() > 0);
    assert_eq!(visit["follow_up"]["state"], "open");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM service_history WHERE job_id = (SELECT id FROM jobs WHERE ticket = 'A03')").await,
        1
    );
    // The older record (the PDI) is there too.
    assert!(car["visits"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["summary"].as_str().unwrap().contains("PDI")));
}

#[tokio::test]
async fn a_customer_is_found_by_plate_as_typed_phone_name_or_vin() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let id = a03_customer(&app).await;
    for q in [
        "粤b·7n2s8",
        "18688231045",
        "1045",
        "张丽",
        "LFMA2ARE9S0034571",
    ] {
        let hits = advisor
            .get_json(&format!("/api/v1/customers?q={}", urlencode(q)))
            .await;
        let ids: Vec<i64> = hits["customers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        assert!(ids.contains(&id), "{q}: {hits}");
    }
    let short = advisor.get("/api/v1/customers?q=a").await;
    expect_error(short, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    let none = advisor.get_json("/api/v1/customers?q=nobody-here").await;
    assert_eq!(none["customers"], json!([]));
}

fn urlencode(q: &str) -> String {
    q.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[tokio::test]
async fn the_desk_corrects_contact_and_car_details_on_the_audit_trail() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let id = a03_customer(&app).await;
    let bad = advisor
        .client
        .patch(app.url(&format!("/api/v1/customers/{id}")))
        .json(&json!({ "phone": "12" }))
        .send()
        .await
        .unwrap();
    expect_error(bad, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    let changed: Value = advisor
        .client
        .patch(app.url(&format!("/api/v1/customers/{id}")))
        .json(&json!({ "phone": "139 0013 9000", "messages_ok": false }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(changed["phone"], "13900139000");
    assert_eq!(changed["messages_ok"], false);
    let car = vehicle(&app, "粤B7N2S8").await;
    let taken = advisor
        .client
        .patch(app.url(&format!("/api/v1/vehicles/{car}")))
        .json(&json!({ "plate": "粤B5H6J9" }))
        .send()
        .await
        .unwrap();
    expect_error(taken, StatusCode::CONFLICT, "plate_taken").await;
    // The kiosk's VIN rule holds at the desk too: 17 letters and digits, or none.
    let short = advisor
        .client
        .patch(app.url(&format!("/api/v1/vehicles/{car}")))
        .json(&json!({ "vin": "LFM-123", "colour": "黑色" }))
        .send()
        .await
        .unwrap();
    let refused = expect_error(short, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    assert_eq!(
        refused["error"]["fields"]["vin"],
        "A VIN has 17 letters and digits."
    );
    let fixed = advisor
        .client
        .patch(app.url(&format!("/api/v1/vehicles/{car}")))
        .json(&json!({ "colour": "白色", "vin": "" }))
        .send()
        .await
        .unwrap();
    assert_eq!(fixed.status(), StatusCode::OK);
    let fixed: Value = fixed.json().await.unwrap();
    assert_eq!(fixed["cars"][0]["colour"], "白色");
    assert!(fixed["cars"][0]["vin"].is_null());
    let audited = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE (subject = 'customer' AND subject_id = {id}) OR (subject = 'vehicle' AND subject_id = {car})"
        ))
        .await;
    assert_eq!(audited, 2);
}

#[tokio::test]
async fn a_car_appears_due_soon_as_the_clock_nears_its_next_service_and_leaves_when_booked() {
    let app = spawn_app().await;
    let advisor = a03_ready(&app).await;
    app.act_ok(&advisor, "A03", deliver("morning")).await;
    let plate_due = |list: &Value| {
        list["cars"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["plate"] == "粤B7N2S8")
    };
    let list = advisor.get_json("/api/v1/reminders?days=30&km=0").await;
    assert!(
        !plate_due(&list),
        "the next service is 180 days off (or 5,000 km)"
    );
    // Its pace from the PDI (15 km, 160 days ago) to today (5,120 km) is about 32 km a
    // day: 5,000 km more in about 157 days, before the 180 days recorded. 130 days on,
    // that is within 30 days.
    app.advance_clock(130 * 24 * 60).await;
    let list = advisor.get_json("/api/v1/reminders?days=30&km=0").await;
    assert!(plate_due(&list), "{list}");
    let car = list["cars"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["plate"] == "粤B7N2S8")
        .unwrap()
        .clone();
    assert_eq!(car["next_service_km"], 10_120);
    let id = car["vehicle_id"].as_i64().unwrap();

    let call = advisor
        .post(
            &format!("/api/v1/reminders/{id}/calls"),
            json!({ "outcome": "call_back", "note": "下周再打" }),
        )
        .await;
    assert_eq!(call.status(), StatusCode::CREATED);
    let sent = advisor
        .post(&format!("/api/v1/reminders/{id}/message"), json!({}))
        .await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    let sent: Value = sent.json().await.unwrap();
    assert_eq!(
        (sent["kind"].as_str(), sent["state"].as_str()),
        (Some("reminder"), Some("pending"))
    );
    let twice = advisor
        .post(&format!("/api/v1/reminders/{id}/message"), json!({}))
        .await;
    expect_error(twice, StatusCode::CONFLICT, "reminder_sent_today").await;
    let list = advisor.get_json("/api/v1/reminders?days=30&km=0").await;
    let listed = list["cars"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["vehicle_id"] == id)
        .unwrap()
        .clone();
    assert_eq!(listed["last_call"]["outcome"], "call_back");

    // Booked: off the list.
    let today = day_ahead(0) + chrono::Days::new(131);
    let booked = advisor
        .post(
            "/api/v1/appointments",
            json!({ "vehicle_id": id, "scheduled_at": at_hour(today, 16), "package_km": 10000 }),
        )
        .await;
    assert_eq!(
        booked.status(),
        StatusCode::CREATED,
        "{}",
        booked.text().await.unwrap()
    );
    let list = advisor.get_json("/api/v1/reminders?days=30&km=0").await;
    assert!(!plate_due(&list));
}

#[tokio::test]
async fn each_cause_queues_one_message_and_a_customer_who_said_no_gets_none() {
    let app = spawn_app().await;
    let count = |kind: &'static str| {
        let app = &app;
        async move {
            app.scalar(&format!(
                "SELECT COUNT(*) FROM outbox o JOIN jobs j ON j.id = o.job_id WHERE j.ticket = 'A03' AND o.kind = '{kind}'"
            ))
            .await
        }
    };
    let advisor = a03_ready(&app).await;
    // Two extra items reported (each waited for approval once), the car ready once,
    // then delivered with a follow-up call announced.
    assert_eq!(count("approval_needed").await, 2);
    assert_eq!(count("car_ready").await, 1);
    app.act_ok(&advisor, "A03", deliver("morning")).await;
    assert_eq!(
        count("car_ready").await,
        1,
        "a later change does not send it again"
    );
    assert_eq!(count("follow_up_reminder").await, 1);
    let link: String = sqlx::query_scalar("SELECT link FROM outbox o JOIN jobs j ON j.id = o.job_id WHERE j.ticket = 'A03' AND o.kind = 'approval_needed' LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(link.starts_with("/track/"), "{link}");

    // The customer says no to messages: the reminder is kept, suppressed.
    let id = a03_customer(&app).await;
    advisor
        .client
        .patch(app.url(&format!("/api/v1/customers/{id}")))
        .json(&json!({ "messages_ok": false }))
        .send()
        .await
        .unwrap();
    let car = vehicle(&app, "粤B7N2S8").await;
    let sent: Value = advisor
        .post(&format!("/api/v1/reminders/{car}/message"), json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sent["state"], "suppressed");
    let list = advisor.get_json("/api/v1/messages").await;
    assert_eq!(list["gateway"], false);
    assert!(list["messages"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["id"] == sent["id"] && m["state"] == "suppressed"));
}
