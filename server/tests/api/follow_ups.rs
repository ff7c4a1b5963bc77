//! The follow-up call list (回访): every delivered car is on it, due from the day after
//! delivery at the customer's preferred time to the end of the third day; a customer
//! who wants no calls is not called; three unanswered calls close it as unreachable.

use app::domain::{from_store_local, store_date};
use chrono::{DateTime, Days, NaiveTime, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::delivery::{a03_ready, in_days};
use crate::helpers::{expect_error, spawn_app, Actor, TestApp};

pub(crate) fn deliver(call_time: &str) -> Value {
    json!({ "action": "deliver", "next_service_km": 10_120, "next_service_date": in_days(180),
            "old_parts_handled": true, "call_time": call_time })
}

/// A03 delivered with `call_time`; the follow-up agent signed in.
pub(crate) async fn a03_delivered(app: &TestApp, call_time: &str) -> Actor {
    let advisor = a03_ready(app).await;
    app.act_ok(&advisor, "A03", deliver(call_time)).await;
    app.sign_in_staff("followup", "pitwall").await
}

pub(crate) async fn task_of(agent: &Actor, ticket: &str, contact: u8) -> Option<Value> {
    let list = agent.get_json("/api/v1/follow-ups").await;
    list["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .find(|t| t["facts"]["ticket"] == ticket && t["contact"] == contact)
        .cloned()
}

fn at(value: &Value) -> DateTime<Utc> {
    serde_json::from_value(value.clone()).expect("a time")
}

#[tokio::test]
async fn a_delivered_car_is_due_a_call_by_the_end_of_the_third_day_at_the_preferred_time() {
    let app = spawn_app().await;
    let agent = a03_delivered(&app, "afternoon").await;
    let task = task_of(&agent, "A03", 1).await.expect("A03 is on the list");
    let delivered = at(&task["facts"]["delivered_at"]);
    let day = store_date(delivered);
    let local = |days: u64, h: u32, m: u32, s: u32| {
        from_store_local(
            day.checked_add_days(Days::new(days))
                .unwrap()
                .and_time(NaiveTime::from_hms_opt(h, m, s).unwrap()),
        )
    };
    assert_eq!(at(&task["due"]["from"]), local(1, 14, 0, 0));
    assert_eq!(at(&task["due"]["by"]), local(3, 23, 59, 59));
    assert_eq!(task["state"], "open");
    assert_eq!(task["bucket"], "later");
    // The script's facts: the car, the work, who handed it back, what it cost.
    let facts = &task["facts"];
    assert_eq!(facts["plate"], "粤B7N2S8");
    assert_eq!(facts["advisor"], "王敏");
    assert!(facts["work"].as_array().unwrap().len() >= 2, "{facts}");
    assert_eq!(facts["phone"].as_str().map(str::len), Some(11));
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let invoice = advisor
        .get_json(&format!("/api/v1/jobs/{}/invoice", facts["job_id"]))
        .await;
    assert_eq!(facts["total_fen"], invoice["total_fen"]);

    // Two days on it is today's call; after the third day it is overdue.
    app.advance_clock(2 * 24 * 60).await;
    assert_eq!(
        task_of(&agent, "A03", 1).await.unwrap()["bucket"],
        "due_today"
    );
    app.advance_clock(2 * 24 * 60).await;
    assert_eq!(
        task_of(&agent, "A03", 1).await.unwrap()["bucket"],
        "overdue"
    );
}

#[tokio::test]
async fn a_customer_who_wants_no_calls_is_not_on_the_list() {
    let app = spawn_app().await;
    let agent = a03_delivered(&app, "no_calls").await;
    assert_eq!(task_of(&agent, "A03", 1).await, None);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM jobs WHERE ticket = 'A03' AND call_time = 'no_calls'")
            .await,
        1
    );
}

#[tokio::test]
async fn three_unanswered_calls_close_the_task_as_unreachable() {
    let app = spawn_app().await;
    let agent = a03_delivered(&app, "morning").await;
    let id = task_of(&agent, "A03", 1).await.unwrap()["id"].clone();
    let calls = format!("/api/v1/follow-ups/{id}/calls");

    // Answers only from a customer who was reached; none missing when they were.
    let body = expect_error(
        agent
            .post(
                &calls,
                json!({ "outcome": "reached", "expected_attempts": 0 }),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    assert!(body["error"]["fields"]["findings"].is_string());
    let answers = json!({ "satisfaction": "satisfied", "fault_fixed": "yes", "comments": "", "reminder_consent": true });
    expect_error(
        agent
            .post(
                &calls,
                json!({ "outcome": "not_reached", "expected_attempts": 0, "findings": answers }),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;

    for (n, state) in [(0, "open"), (1, "open"), (2, "unreachable")] {
        let response = agent
            .post(
                &calls,
                json!({ "outcome": "not_reached", "expected_attempts": n }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let task: Value = response.json().await.unwrap();
        assert_eq!(task["state"], state);
        assert_eq!(task["attempts"], n + 1);
        assert_eq!(task["agent"], "吴佳");
        if n == 0 {
            // A second agent who still sees no attempt is told someone called since.
            let stale = agent
                .post(
                    &calls,
                    json!({ "outcome": "not_reached", "expected_attempts": 0 }),
                )
                .await;
            let body = expect_error(stale, StatusCode::CONFLICT, "version_conflict").await;
            assert_eq!(body["error"]["current"]["attempts"], 1);
        }
    }
    let closed = agent
        .post(
            &calls,
            json!({ "outcome": "not_reached", "expected_attempts": 3 }),
        )
        .await;
    expect_error(closed, StatusCode::CONFLICT, "follow_up_closed").await;
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM follow_up_calls WHERE follow_up_id = {id}"
        ))
        .await,
        3
    );
    let task = task_of(&agent, "A03", 1).await.unwrap();
    assert_eq!(task["bucket"], "done");
    assert!(task["closed_at"].is_string());
}

#[tokio::test]
async fn only_the_complaint_chain_reads_the_call_list() {
    let app = spawn_app().await;
    let washer = app.sign_in_staff("washer", "pitwall").await;
    expect_error(
        washer.get("/api/v1/follow-ups").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let tech = app.sign_in_bay(1, "1110").await;
    expect_error(
        tech.get("/api/v1/complaints").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let anonymous = reqwest::Client::new()
        .get(app.url("/api/v1/follow-ups"))
        .send()
        .await
        .unwrap();
    expect_error(anonymous, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    for who in ["followup", "supervisor", "advisor", "manager"] {
        let actor = app.sign_in_staff(who, "pitwall").await;
        assert_eq!(
            actor.get("/api/v1/follow-ups").await.status(),
            StatusCode::OK
        );
    }
}
