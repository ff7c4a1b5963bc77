//! Handing a car back: `deliver` waits for the delivery checklist, then issues the
//! invoice (labour and parts per line, the free first service at zero, approved extras
//! charged, declined ones listed free of charge) and stores it with the job.

use chrono::{Days, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::checkins::{signature, walk_in};
use crate::helpers::{expect_error, spawn_app, Actor, TestApp};
use crate::sse::SseStream;

pub(crate) fn in_days(days: u64) -> String {
    Utc::now()
        .date_naive()
        .checked_add_days(Days::new(days))
        .unwrap()
        .to_string()
}

/// From quality check to ready: the bay's team lead, the QC inspector, the washer.
async fn through_checks(app: &TestApp, bay: i64, ticket: &str) -> Value {
    let lead = app.lead(bay).await;
    app.act_ok(
        &lead,
        ticket,
        json!({ "action": "team_check", "passed": true }),
    )
    .await;
    let qc = app.sign_in_staff("qc", "pitwall").await;
    app.act_ok(&qc, ticket, json!({ "action": "qc_pass" }))
        .await;
    let washer = app.sign_in_staff("washer", "pitwall").await;
    app.act_ok(&washer, ticket, json!({ "action": "finish_wash" }))
        .await
}

/// A03 (first service at 5,120 km, wash asked for) through to ready, with one extra item
/// approved and one declined on the way.
pub(crate) async fn a03_ready(app: &TestApp) -> Actor {
    let tech = app.sign_in_bay(1, "1110").await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let a03 = app.job_id("A03").await;
    app.act_ok(&tech, "A03", json!({ "action": "start" })).await;
    for (description, minutes, safety, approve) in [
        ("更换空调滤芯", 20, false, true),
        ("更换后刹车片", 60, true, false),
    ] {
        let reported = tech
            .post(
                &format!("/api/v1/jobs/{a03}/additional-items"),
                json!({ "description": description, "labor_minutes": minutes, "parts": [], "safety_critical": safety }),
            )
            .await;
        let id = reported.json::<Value>().await.unwrap()["item_id"]
            .as_i64()
            .unwrap();
        let decided = advisor
            .post(
                &format!("/api/v1/additional-items/{id}/decision"),
                json!({ "approve": approve, "by": "customer", "signature": signature() }),
            )
            .await;
        assert_eq!(decided.status(), StatusCode::OK);
    }
    app.finish(&tech, "A03", "").await;
    let ready = through_checks(app, 1, "A03").await;
    assert_eq!(ready["stage"], "ready");
    advisor
}

async fn fingerprint(app: &TestApp, ticket: &str) -> (i64, String, i64) {
    sqlx::query_as(
        "SELECT j.version, j.stage, (SELECT COUNT(*) FROM invoices i WHERE i.job_id = j.id)
         FROM jobs j WHERE j.ticket = ?",
    )
    .bind(ticket)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn deliver_waits_for_the_checklist_then_stores_the_invoice() {
    let app = spawn_app().await;
    let advisor = a03_ready(&app).await;
    let a03 = app.job_id("A03").await;
    let ready = fingerprint(&app, "A03").await;
    let mut desk =
        SseStream::open(&advisor.client, &advisor.url("/api/v1/events/desk"), None).await;
    desk.snapshot().await;

    // Old parts not handled, no next service, no call time: refused, naming each, nothing changed.
    let bare = advisor
        .act(a03, ready.0, json!({ "action": "deliver" }))
        .await;
    let body = expect_error(
        bare,
        StatusCode::UNPROCESSABLE_ENTITY,
        "delivery_checklist_incomplete",
    )
    .await;
    let fields = body["error"]["fields"].as_object().unwrap();
    let mut named: Vec<&str> = fields.keys().map(String::as_str).collect();
    named.sort_unstable();
    assert_eq!(named, ["call_time", "next_service", "old_parts_handled"]);
    let no_parts = json!({ "action": "deliver", "next_service_km": 10_120, "next_service_date": in_days(180) });
    let body = expect_error(
        advisor.act(a03, ready.0, no_parts).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "delivery_checklist_incomplete",
    )
    .await;
    assert!(body["error"]["fields"]["old_parts_handled"].is_string());
    let bad_payment = json!({ "action": "deliver", "next_service_km": 10_120, "next_service_date": in_days(180),
        "old_parts_handled": true, "payment_method": "bitcoin" });
    expect_error(
        advisor.act(a03, ready.0, bad_payment).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    assert_eq!(fingerprint(&app, "A03").await, ready);

    // The draft before delivery already totals what the invoice will.
    let draft: Value = advisor
        .get_json(&format!("/api/v1/jobs/{a03}/invoice"))
        .await;
    assert_eq!(draft["draft"], true);

    let deliver = json!({ "action": "deliver", "next_service_km": 10_120, "next_service_date": in_days(180),
        "old_parts_handled": true, "payment_method": "card", "call_time": "afternoon" });
    let job = app.act_ok(&advisor, "A03", deliver).await;
    assert_eq!(job["stage"], "delivered");
    assert_eq!(job["delivered_by"], json!(advisor.name));
    let invoice = &job["invoice"];
    assert_eq!(invoice["draft"], false);
    assert_eq!(invoice["payment_method"], "card");
    assert_eq!(invoice["next_service_km"], 10_120);
    assert_eq!(invoice["next_service_date"], json!(in_days(180)));

    // The free first service: the oil change and filter charged at zero.
    let lines = invoice["lines"].as_array().unwrap();
    let free: Vec<&Value> = lines.iter().filter(|l| l["free"] == true).collect();
    assert_eq!(free.len(), 2, "{invoice}");
    assert!(free
        .iter()
        .all(|l| l["labor_fen"] == 0 && l["parts_fen"] == 0));
    assert_eq!(invoice["free_first_service"], true);
    // The approved cabin filter is charged at the labour rate (20 min at ¥300/h).
    let extra: Vec<&Value> = lines.iter().filter(|l| l["kind"] == "additional").collect();
    assert_eq!(extra.len(), 1);
    assert_eq!(extra[0]["labor_fen"], 10_000);
    assert_eq!(invoice["labor_fen"], 10_000);
    assert_eq!(invoice["parts_fen"], 0);
    assert_eq!(invoice["total_fen"], 10_000);
    // The declined rear pads: listed, safety-critical, signed, not charged.
    let uncharged = invoice["uncharged"].as_array().unwrap();
    assert_eq!(uncharged.len(), 1);
    assert_eq!(uncharged[0]["reason"], "declined");
    assert_eq!(uncharged[0]["safety_critical"], true);
    assert_eq!(uncharged[0]["signed"], true);
    assert_eq!(uncharged[0]["price_fen"], 30_000);

    // Stored with the job: the same invoice afterwards, and the desk keeps the car today.
    let stored: Value = advisor
        .get_json(&format!("/api/v1/jobs/{a03}/invoice"))
        .await;
    assert_eq!(&stored, invoice);
    assert_eq!(fingerprint(&app, "A03").await.2, 1);
    let frame = loop {
        let f = desk.frame().await;
        if f.event == "job" && f.json()["id"] == json!(a03) && f.json()["stage"] == "delivered" {
            break f.json();
        }
    };
    assert_eq!(frame["invoice"]["number"], invoice["number"]);
    let mut fresh =
        SseStream::open(&advisor.client, &advisor.url("/api/v1/events/desk"), None).await;
    let snapshot = fresh.snapshot().await.json();
    assert!(snapshot["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|j| j["id"] == json!(a03)));
}

#[tokio::test]
async fn extra_work_still_undecided_holds_the_car() {
    let app = spawn_app().await;
    // A01 reaches ready with the brake pads still waiting for the customer.
    let tech = app.sign_in_bay(2, "2220").await;
    app.finish(&tech, "A01", "").await;
    through_checks(&app, 2, "A01").await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let (a01, ready) = (app.job_id("A01").await, fingerprint(&app, "A01").await);
    let deliver = json!({ "action": "deliver", "next_service_km": 70_000, "next_service_date": in_days(180),
        "old_parts_handled": true, "call_time": "morning" });
    let body = expect_error(
        advisor.act(a01, ready.0, deliver).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "delivery_checklist_incomplete",
    )
    .await;
    assert_eq!(
        body["error"]["fields"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["additional_items"]
    );
    assert_eq!(fingerprint(&app, "A01").await, ready);
}

#[tokio::test]
async fn the_desk_records_notes_the_customer_told_and_answered_requests() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let tech = app.sign_in_bay(5, "5550").await;
    let a09 = app.job_id("A09").await;

    let note = advisor
        .post(
            &format!("/api/v1/jobs/{a09}/notes"),
            json!({ "text": "左后门有划痕，客户已确认" }),
        )
        .await;
    assert_eq!(note.status(), StatusCode::OK);
    let blank = advisor
        .post(
            &format!("/api/v1/jobs/{a09}/notes"),
            json!({ "text": "  " }),
        )
        .await;
    expect_error(blank, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    let by_tech = tech
        .post(&format!("/api/v1/jobs/{a09}/notes"), json!({ "text": "x" }))
        .await;
    expect_error(by_tech, StatusCode::FORBIDDEN, "forbidden").await;
    // The technician sees the advisor's note on the bay.
    let seen: Value = tech.get_json(&format!("/api/v1/jobs/{a09}")).await;
    assert!(seen["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["text"] == "左后门有划痕，客户已确认"));

    // A09 runs an hour late (its promise moved back for the test): the desk calls and
    // records that the customer knows.
    let eta: String = sqlx::query_scalar("SELECT eta FROM jobs WHERE ticket = 'A09'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let promised =
        chrono::DateTime::parse_from_rfc3339(&eta).unwrap() - chrono::Duration::minutes(60);
    sqlx::query("UPDATE jobs SET promised_at = ? WHERE ticket = 'A09'")
        .bind(
            promised
                .with_timezone(&Utc)
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        )
        .execute(&app.pool)
        .await
        .unwrap();
    let before: Value = advisor.get_json(&format!("/api/v1/jobs/{a09}")).await;
    assert!(before["flags"]
        .as_array()
        .unwrap()
        .contains(&json!("delayed")));
    assert_eq!(before["customer_told_eta"], Value::Null);
    let told = advisor
        .post(
            &format!("/api/v1/jobs/{a09}/customer-told"),
            json!({ "note": "客户说不急" }),
        )
        .await;
    assert_eq!(told.status(), StatusCode::OK);
    let after: Value = told.json().await.unwrap();
    assert_eq!(after["customer_told_eta"], after["eta"]);
    assert_eq!(
        after["timeline"].as_array().unwrap().last().unwrap()["action"],
        "customer_told"
    );

    // A kiosk's "call an advisor" is answered once.
    let asked = advisor
        .post("/api/v1/desk-requests", json!({ "source": "kiosk" }))
        .await;
    let id = asked.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let path = format!("/api/v1/desk-requests/{id}/resolve");
    let answered = advisor.post(&path, json!({})).await;
    assert_eq!(answered.status(), StatusCode::OK);
    assert_eq!(
        answered.json::<Value>().await.unwrap()["resolved_by"],
        json!(advisor.name)
    );
    expect_error(
        advisor.post(&path, json!({})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let mut desk =
        SseStream::open(&advisor.client, &advisor.url("/api/v1/events/desk"), None).await;
    assert_eq!(desk.snapshot().await.json()["requests"], json!([]));
}

#[tokio::test]
async fn a_check_in_at_the_desk_names_the_advisor() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let at_desk = advisor
        .post(
            "/api/v1/checkins",
            walk_in("粤B0D001", "13911112222", 19_800),
        )
        .await;
    assert_eq!(at_desk.status(), StatusCode::CREATED);
    let id = at_desk.json::<Value>().await.unwrap()["job_id"]
        .as_i64()
        .unwrap();
    let job: Value = advisor.get_json(&format!("/api/v1/jobs/{id}")).await;
    let first = &job["timeline"][0];
    assert_eq!(
        (first["action"].clone(), first["actor_name"].clone()),
        (json!("check_in"), json!(advisor.name))
    );
    assert_eq!(first["actor_role"], "advisor");
    // The kiosk's own check-in is still the customer's.
    let kiosk =
        crate::checkins::checked_in(&app, None, &walk_in("粤B0D002", "13911113333", 19_800)).await;
    let id = kiosk["job_id"].as_i64().unwrap();
    let job: Value = advisor.get_json(&format!("/api/v1/jobs/{id}")).await;
    assert_eq!(job["timeline"][0]["actor_role"], "customer");
}

#[tokio::test]
async fn the_customers_page_expires_a_week_after_delivery() {
    let app = spawn_app().await;
    // A10 was delivered yesterday (the seed's): its page still shows it.
    let token: String = sqlx::query_scalar("SELECT tracking_token FROM jobs WHERE ticket = 'A10'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let mut page = app.stream(&format!("track/{token}")).await;
    let snapshot = page.snapshot().await.json();
    assert_eq!(
        (
            snapshot["job"]["stage"].clone(),
            snapshot["expired"].clone()
        ),
        (json!("delivered"), json!(false))
    );
    let eight_days_ago = (Utc::now() - chrono::Duration::days(8)).to_rfc3339();
    sqlx::query("UPDATE jobs SET delivered_at = ? WHERE ticket = 'A10'")
        .bind(eight_days_ago)
        .execute(&app.pool)
        .await
        .unwrap();
    let mut page = app.stream(&format!("track/{token}")).await;
    let snapshot = page.snapshot().await.json();
    assert_eq!(
        (snapshot["job"].clone(), snapshot["expired"].clone()),
        (Value::Null, json!(true))
    );
}
