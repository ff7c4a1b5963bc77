//! Actions on jobs: conflicts, refusals, bad input, races and the whole service lane.

use std::time::Duration;

use chrono::{Days, Utc};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{expect_error, new_client, spawn_app, TestApp};

/// What must not move when a request is refused: (version, stage, events, timeline rows).
async fn fingerprint(app: &TestApp, ticket: &str) -> (i64, String, i64, i64) {
    let (version, stage) = app.job_row(ticket).await;
    (
        version,
        stage,
        app.events_count().await,
        app.timeline_count(ticket).await,
    )
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_carrying_the_current_job() {
    let app = spawn_app().await;
    let lead = app.lead(1).await;
    let before = fingerprint(&app, "A03").await;
    let response = lead
        .act(
            app.job_id("A03").await,
            before.0 - 1,
            json!({ "action": "start" }),
        )
        .await;
    let body = expect_error(response, StatusCode::CONFLICT, "version_conflict").await;
    assert_eq!(body["error"]["current"]["version"], json!(before.0));
    assert_eq!(body["error"]["current"]["stage"], "queued");
    assert_eq!(fingerprint(&app, "A03").await, before);
}

#[tokio::test]
async fn an_illegal_action_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let washer = app.sign_in_staff("washer", "pitwall").await;
    let lead = app.lead(1).await;
    let (a03, before) = (app.job_id("A03").await, fingerprint(&app, "A03").await);
    for (actor, action) in [
        (&washer, "finish_wash"),
        (&lead, "resume"),
        (&lead, "finish_work"),
    ] {
        let response = actor.act(a03, before.0, json!({ "action": action })).await;
        expect_error(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "illegal_transition",
        )
        .await;
        assert_eq!(fingerprint(&app, "A03").await, before, "{action}");
    }
}

#[tokio::test]
async fn bad_requests_are_refused_in_the_error_shape() {
    let app = spawn_app().await;
    let lead = app.lead(1).await;
    let (a03, before) = (app.job_id("A03").await, fingerprint(&app, "A03").await);
    let url = app.url(&format!("/api/v1/jobs/{a03}/actions"));
    let post = |body: String| {
        lead.client
            .post(&url)
            .header(header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
    };

    expect_error(
        post(r#"{"action": "start", "#.into()).await.unwrap(),
        StatusCode::BAD_REQUEST,
        "bad_request",
    )
    .await;
    for wrong in [
        json!({ "action": "start", "expected_version": "two" }),
        json!({ "action": "start" }),
        json!({ "action": "fly", "expected_version": before.0 }),
        json!({ "action": "pause", "expected_version": before.0, "reason": 42 }),
        json!([1, 2, 3]),
    ] {
        let response = post(wrong.to_string()).await.unwrap();
        expect_error(response, StatusCode::BAD_REQUEST, "bad_request").await;
    }

    let huge = json!({ "action": "finish_work", "expected_version": before.0, "note": "x".repeat(70 * 1024) });
    let response = post(huge.to_string()).await.unwrap();
    let status = response.status();
    assert!(
        matches!(
            status,
            StatusCode::PAYLOAD_TOO_LARGE | StatusCode::BAD_REQUEST
        ),
        "{status}"
    );
    let code = if status == StatusCode::BAD_REQUEST {
        "bad_request"
    } else {
        "payload_too_large"
    };
    expect_error(response, status, code).await;

    let anonymous = new_client()
        .post(&url)
        .json(&json!({ "action": "start", "expected_version": before.0 }));
    expect_error(
        anonymous.send().await.unwrap(),
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;

    let other_bay = app.lead(2).await;
    let response = other_bay
        .act(a03, before.0, json!({ "action": "start" }))
        .await;
    expect_error(response, StatusCode::FORBIDDEN, "forbidden").await;

    let response = lead.act(999_999, 1, json!({ "action": "start" })).await;
    expect_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    for path in [
        "/api/v1/jobs/999999",
        "/api/v1/jobs/abc",
        "/api/v1/no-such-thing",
    ] {
        expect_error(advisor.get(path).await, StatusCode::NOT_FOUND, "not_found").await;
    }
    let wrong_method = advisor.client.delete(&url).send().await.unwrap();
    assert!(wrong_method.headers().contains_key(header::ALLOW));
    expect_error(
        wrong_method,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    )
    .await;
    // Sign-ins append `bay` events; the job itself and its timeline did not move.
    let after = fingerprint(&app, "A03").await;
    assert_eq!((after.0, after.1, after.3), (before.0, before.1, before.3));
    let job_events = app
        .scalar("SELECT COUNT(*) FROM events WHERE kind = 'job'")
        .await;
    assert_eq!(job_events, 0);
}

#[tokio::test]
async fn two_technicians_racing_for_one_job_get_one_success_and_one_conflict() {
    let app = spawn_app().await;
    let (lead, technician) = (app.lead(1).await, app.sign_in_bay(1, "1110").await);
    let (a03, version, events) = (
        app.job_id("A03").await,
        app.version("A03").await,
        app.events_count().await,
    );
    let start = json!({ "action": "start" });
    let (a, b) = tokio::join!(
        lead.act(a03, version, start.clone()),
        technician.act(a03, version, start)
    );
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    assert_eq!(app.events_count().await, events + 1);
    assert_eq!(
        app.job_row("A03").await,
        (version + 1, "in_service".to_string())
    );
}

#[tokio::test]
async fn a_job_goes_down_the_whole_lane_and_leaves_the_lounge() {
    let app = spawn_app().await;
    let foreman = app.sign_in_staff("foreman", "pitwall").await;
    let lead = app.lead(1).await;
    let qc = app.sign_in_staff("qc", "pitwall").await;
    let washer = app.sign_in_staff("washer", "pitwall").await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let mut lounge = app.stream("lounge").await;
    lounge.snapshot().await;

    let lane = [
        (
            &foreman,
            json!({ "action": "assign", "bay_id": 1 }),
            "queued",
        ),
        (&lead, json!({ "action": "start" }), "in_service"),
        (
            &lead,
            json!({ "action": "pause", "reason": "awaiting_parts", "note": "滤芯缺货" }),
            "paused",
        ),
        (&lead, json!({ "action": "resume" }), "in_service"),
        (
            &lead,
            json!({ "action": "finish_work", "self_check": true, "note": "自检完成" }),
            "quality_check",
        ),
        (
            &lead,
            json!({ "action": "team_check", "passed": true }),
            "quality_check",
        ),
        (&qc, json!({ "action": "qc_pass" }), "washing"),
        (&washer, json!({ "action": "finish_wash" }), "ready"),
    ];
    // Every job event A03 should send, in order: each action's, and each checklist tick's.
    let mut expected: Vec<Value> = Vec::new();
    for (actor, action, stage) in &lane {
        if action["action"] == "finish_work" {
            let ticks = app.tick_all(actor, "A03").await;
            expected.extend(std::iter::repeat_n(json!("in_service"), ticks));
        }
        let job = app.act_ok(actor, "A03", action.clone()).await;
        assert_eq!(job["stage"], *stage, "{action}");
        expected.push(json!(stage));
    }

    let (a03, ready) = (app.job_id("A03").await, fingerprint(&app, "A03").await);
    let future = Utc::now()
        .date_naive()
        .checked_add_days(Days::new(180))
        .unwrap()
        .to_string();
    let past = Utc::now()
        .date_naive()
        .checked_sub_days(Days::new(1))
        .unwrap()
        .to_string();
    for (km, date, field) in [
        (5_000, &future, "next_service_km"),
        (10_120, &past, "next_service_date"),
    ] {
        let deliver =
            json!({ "action": "deliver", "next_service_km": km, "next_service_date": date });
        let body = expect_error(
            advisor.act(a03, ready.0, deliver).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
        )
        .await;
        assert!(body["error"]["fields"][field].is_string(), "{body}");
        assert_eq!(fingerprint(&app, "A03").await, ready);
    }
    let deliver = json!({ "action": "deliver", "next_service_km": 10_120, "next_service_date": future, "old_parts_handled": true, "call_time": "evening" });
    assert_eq!(
        app.act_ok(&advisor, "A03", deliver).await["stage"],
        "delivered"
    );

    let frames = lounge.frames_until_quiet(Duration::from_millis(1500)).await;
    // Only A03's own events: a job's move also re-sends the jobs whose ETA it moved.
    let stages: Vec<Value> = frames
        .iter()
        .filter(|f| f.event == "job" && f.json()["id"] == json!(a03))
        .map(|f| f.json()["stage"].clone())
        .collect();
    assert_eq!(stages, expected);
    let last = frames.last().unwrap();
    assert_eq!(
        (last.event.as_str(), last.json()),
        ("job_removed", json!({ "id": a03 }))
    );
}
