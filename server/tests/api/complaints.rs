//! Complaints (投诉): a call that finds the customer dissatisfied and the fault not
//! fixed opens one (and a second contact a week later); each deadline that passes hands
//! it up the chain; the return job (返修) is a linked job flagged on every screen; the
//! public channels never carry any of it.

use std::time::Duration;

use app::domain::store_date;
use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::follow_ups::{a03_delivered, task_of};
use crate::helpers::{expect_error, spawn_app};
use crate::sse::SseStream;

const WORDS: &str = "刹车还是响 the brakes still squeal";

fn at(value: &Value) -> DateTime<Utc> {
    serde_json::from_value(value.clone()).expect("a time")
}

#[tokio::test]
async fn a_bad_call_opens_a_complaint_that_escalates_at_each_deadline() {
    let app = spawn_app().await;
    let mut lounge = app.stream("lounge").await;
    let mut bays = app.stream("bays").await;
    lounge.snapshot().await;
    bays.snapshot().await;
    let agent = a03_delivered(&app, "evening").await;
    let a03 = app.job_id("A03").await;
    let mut aftersales =
        SseStream::open(&agent.client, &app.url("/api/v1/events/aftersales"), None).await;
    aftersales.snapshot().await;
    let task = task_of(&agent, "A03", 1).await.unwrap();
    let called = agent
        .post(
            &format!("/api/v1/follow-ups/{}/calls", task["id"]),
            json!({ "outcome": "reached", "expected_attempts": 0, "findings": {
                "satisfaction": "dissatisfied", "fault_fixed": "no", "comments": WORDS, "reminder_consent": true } }),
        )
        .await;
    assert_eq!(called.status(), StatusCode::OK);
    let called: Value = called.json().await.unwrap();
    assert_eq!(called["state"], "done");
    assert_eq!(called["findings"]["comments"], WORDS);
    let id = called["complaint_id"].as_i64().expect("a complaint");

    // A second contact about a week after the call.
    let second = task_of(&agent, "A03", 2).await.expect("a second contact");
    let gap = at(&second["due"]["from"]) - at(&called["closed_at"]);
    assert!(gap.num_days() >= 6 && gap.num_days() <= 7, "{gap}");

    let complaint = agent.get_json(&format!("/api/v1/complaints/{id}")).await;
    assert_eq!(complaint["owner_role"], "follow_up_agent");
    assert_eq!(complaint["channel"], "follow_up_call");
    assert_eq!(complaint["category"], "repair_quality");
    assert_eq!(complaint["severity"], "high");
    assert_eq!(complaint["summary"], WORDS);
    assert_eq!(complaint["job_id"], a03);
    let opened = at(&complaint["opened_at"]);
    assert_eq!(
        at(&complaint["deadline"]) - opened,
        chrono::Duration::hours(4)
    );

    // The fault not fixed: the return job in one tap, linked and flagged, labour free.
    let opened_job = agent
        .post(&format!("/api/v1/complaints/{id}/return-job"), json!({}))
        .await;
    assert_eq!(opened_job.status(), StatusCode::CREATED);
    let with_job: Value = opened_job.json().await.unwrap();
    let return_id = with_job["return_job_id"].as_i64().expect("the return job");
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let job = advisor.get_json(&format!("/api/v1/jobs/{return_id}")).await;
    assert_eq!(job["return_of"], a03);
    assert_eq!(job["stage"], "checked_in");
    assert_eq!(job["flags"][0], "return");
    assert_eq!(job["vehicle"]["plate"], "粤B7N2S8");
    let items = job["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|i| i["labor_fen"] == 0), "{items:?}");
    // The staff channel carried each change as it happened: the call, the second
    // contact, the complaint opened, and the complaint with its return job.
    let frames = aftersales
        .frames_until_quiet(Duration::from_millis(500))
        .await;
    let events: Vec<(String, Value)> = frames.iter().map(|f| (f.event.clone(), f.json())).collect();
    assert!(
        events
            .iter()
            .any(|(e, v)| e == "follow_up" && v["contact"] == 2),
        "{events:?}"
    );
    assert!(
        events
            .iter()
            .any(|(e, v)| e == "follow_up" && v["state"] == "done"),
        "{events:?}"
    );
    let last = events
        .iter()
        .rev()
        .find(|(e, _)| e == "complaint")
        .expect("a complaint event");
    assert_eq!(last.1["return_job_id"], return_id);
    let again = agent
        .post(&format!("/api/v1/complaints/{id}/return-job"), json!({}))
        .await;
    expect_error(again, StatusCode::CONFLICT, "return_job_exists").await;

    // Each deadline that passes hands it on, stamped at that deadline.
    let mut deadline = at(&complaint["deadline"]);
    for owner in ["advisor", "reception_supervisor", "manager"] {
        app.advance_clock(4 * 60 + 1).await;
        let now = agent.get_json(&format!("/api/v1/complaints/{id}")).await;
        assert_eq!(now["owner_role"], owner);
        let step = now["steps"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(step["kind"], "escalated");
        assert_eq!(step["owner_role"], owner);
        assert_eq!(step["actor_role"], Value::Null);
        assert_eq!(at(&step["at"]), deadline);
        deadline = at(&now["deadline"]);
    }
    // The manager is the end of the chain: overdue, no further step.
    app.advance_clock(24 * 60).await;
    let now = agent.get_json(&format!("/api/v1/complaints/{id}")).await;
    assert_eq!(now["owner_role"], "manager");
    assert_eq!(now["overdue"], true);
    let kinds: Vec<&str> = now["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["opened", "note", "escalated", "escalated", "escalated"]
    );

    // Resolved, the customer told today; then re-opened with a fresh deadline.
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let steps = format!("/api/v1/complaints/{id}/steps");
    let moved = app.advance_clock(0).await;
    let today = store_date(at(&moved["now"]));
    let resolve = |version: &Value| {
        json!({ "action": "resolve", "note": "返修完成, 客户确认不再异响", "customer_told_on": today,
                "expected_version": version })
    };
    let stale = manager.post(&steps, resolve(&json!(1))).await;
    expect_error(stale, StatusCode::CONFLICT, "version_conflict").await;
    let resolved = manager.post(&steps, resolve(&now["version"])).await;
    assert_eq!(resolved.status(), StatusCode::OK);
    let resolved: Value = resolved.json().await.unwrap();
    assert_eq!(resolved["state"], "closed");
    assert_eq!(resolved["customer_told_on"], json!(today));
    let note_on_closed = manager
        .post(
            &steps,
            json!({ "action": "note", "note": "x", "expected_version": resolved["version"] }),
        )
        .await;
    expect_error(note_on_closed, StatusCode::CONFLICT, "complaint_closed").await;
    let reopened = manager
        .post(&steps, json!({ "action": "reopen", "note": "客户来电: 又响了", "expected_version": resolved["version"] }))
        .await;
    assert_eq!(reopened.status(), StatusCode::OK);
    let reopened: Value = reopened.json().await.unwrap();
    assert_eq!(reopened["state"], "open");
    assert_eq!(reopened["overdue"], false);

    // Nothing of it on the public channels: no words, no phone, no complaint.
    let phone = task["facts"]["phone"].as_str().unwrap().to_string();
    for stream in [&mut lounge, &mut bays] {
        for frame in stream.frames_until_quiet(Duration::from_millis(500)).await {
            let text = frame.json().to_string();
            assert!(!text.contains("squeal") && !text.contains(&phone), "{text}");
            assert!(
                !text.contains("complaint") && !text.contains("follow_up"),
                "{text}"
            );
            assert!(
                frame.event == "job" || frame.event == "job_removed" || frame.event == "bay",
                "{}",
                frame.event
            );
        }
    }
}

#[tokio::test]
async fn a_complaint_taken_at_the_desk_needs_a_channel_a_summary_and_a_customer() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let before = app.scalar("SELECT COUNT(*) FROM complaints").await;
    for (body, field) in [
        (
            json!({ "channel": "follow_up_call", "category": "delay", "severity": "low", "summary": "x",
                 "customer_name": "李雷", "customer_phone": "13800138000" }),
            "channel",
        ),
        (
            json!({ "channel": "phone", "category": "delay", "severity": "low", "summary": "  ",
                 "customer_name": "李雷", "customer_phone": "13800138000" }),
            "summary",
        ),
        (
            json!({ "channel": "phone", "category": "delay", "severity": "low", "summary": "x",
                 "customer_name": "李雷" }),
            "customer_phone",
        ),
        (
            json!({ "channel": "phone", "category": "delay", "severity": "low", "summary": "x",
                 "customer_name": "李雷", "customer_phone": "12345" }),
            "customer_phone",
        ),
        (
            json!({ "channel": "phone", "category": "delay", "severity": "low", "summary": "x\u{202e}",
                 "customer_name": "李雷", "customer_phone": "13800138000" }),
            "summary",
        ),
        (
            json!({ "job_id": 999_999, "channel": "online", "category": "price", "severity": "normal",
                 "summary": "x" }),
            "job_id",
        ),
    ] {
        let refused = advisor.post("/api/v1/complaints", body).await;
        let error = expect_error(refused, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
        assert!(error["error"]["fields"][field].is_string(), "{error}");
    }
    assert_eq!(app.scalar("SELECT COUNT(*) FROM complaints").await, before);

    let a05 = app.job_id("A05").await;
    let taken = advisor
        .post(
            "/api/v1/complaints",
            json!({ "job_id": a05, "channel": "in_store", "category": "delay", "severity": "low",
                    "summary": "等了很久没人告知进度" }),
        )
        .await;
    assert_eq!(taken.status(), StatusCode::CREATED);
    let taken: Value = taken.json().await.unwrap();
    // Taken by an advisor: theirs, 48 hours at low severity, the customer from the job.
    assert_eq!(taken["owner_role"], "advisor");
    assert_eq!(
        at(&taken["deadline"]) - at(&taken["opened_at"]),
        chrono::Duration::hours(48)
    );
    assert_eq!(taken["customer_phone"].as_str().map(str::len), Some(11));
    assert_eq!(taken["steps"][0]["kind"], "opened");
    assert_eq!(taken["steps"][0]["actor_name"], "王敏");
    // A job that is not delivered has no return job.
    let id = taken["id"].as_i64().unwrap();
    let refused = advisor
        .post(&format!("/api/v1/complaints/{id}/return-job"), json!({}))
        .await;
    expect_error(refused, StatusCode::CONFLICT, "not_delivered").await;
    let list = advisor.get_json("/api/v1/complaints").await;
    assert!(list["complaints"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == id));
}
