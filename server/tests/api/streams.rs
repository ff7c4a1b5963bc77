//! The SSE contract: snapshots, live events with log ids, replay after a reconnect,
//! retention, keep-alives, headers, and which channel carries what to whom.

use std::time::{Duration, Instant};

use reqwest::{header, Client, StatusCode};
use serde_json::{json, Value};

use crate::{
    helpers::{expect_error, new_client, spawn_app, spawn_app_with_retention},
    sse::{SseStream, WAIT},
};

const QUIET: Duration = Duration::from_millis(1500);

#[tokio::test]
async fn an_action_reaches_lounge_and_bays_with_its_log_id() {
    let app = spawn_app().await;
    // Sign in first: the sign-in's `bay` event is then part of the snapshots.
    let lead = app.lead(1).await;
    let mut lounge = app.stream("lounge").await;
    let mut bays = app.stream("bays").await;
    let lounge_snapshot = lounge.snapshot().await;
    let bays_snapshot = bays.snapshot().await;
    assert_eq!(lounge_snapshot.id, app.max_event_id().await);

    app.act_ok(&lead, "A03", json!({ "action": "start" })).await;
    let newest = app.max_event_id().await;
    let a03 = app.job_id("A03").await;
    for (stream, snapshot) in [(&mut lounge, lounge_snapshot), (&mut bays, bays_snapshot)] {
        let frame = stream.frame().await;
        assert_eq!(frame.event, "job", "{frame:?}");
        assert_eq!(frame.json()["id"], json!(a03));
        assert_eq!(frame.json()["stage"], "in_service");
        assert!(frame.id > snapshot.id, "{} <= {}", frame.id, snapshot.id);
        assert_eq!(frame.id, newest, "the frame's id is the event's row id");
    }
}

#[tokio::test]
async fn a_reconnect_gets_exactly_the_missed_events_in_order() {
    let app = spawn_app().await;
    let lead = app.lead(1).await;
    let mut lounge = app.stream("lounge").await;
    let snapshot = lounge.snapshot().await;
    drop(lounge);

    app.act_ok(&lead, "A03", json!({ "action": "start" })).await;
    app.act_ok(
        &lead,
        "A03",
        json!({ "action": "pause", "reason": "awaiting_parts" }),
    )
    .await;
    app.act_ok(&lead, "A03", json!({ "action": "resume" }))
        .await;
    let logged: Vec<i64> = sqlx::query_scalar("SELECT id FROM events WHERE id > ? ORDER BY id")
        .bind(snapshot.id)
        .fetch_all(&app.pool)
        .await
        .unwrap();
    // A03's three moves, plus A04 (queued behind it) re-sent when its ETA moved.
    let a03 = app.job_id("A03").await;
    assert!(logged.len() >= 3, "{logged:?}");

    let by_header = app.stream_from("lounge", snapshot.id).await;
    let by_query = app
        .stream(&format!("lounge?last_event_id={}", snapshot.id))
        .await;
    for mut stream in [by_header, by_query] {
        let frames = stream.frames_until_quiet(QUIET).await;
        let events: Vec<&str> = frames.iter().map(|f| f.event.as_str()).collect();
        assert_eq!(
            events,
            vec!["job"; logged.len()],
            "no snapshot, just the missed events"
        );
        assert_eq!(frames.iter().map(|f| f.id).collect::<Vec<_>>(), logged);
        let stages: Vec<Value> = frames
            .iter()
            .map(|f| f.json())
            .filter(|j| j["id"] == json!(a03))
            .map(|j| j["stage"].clone())
            .collect();
        assert_eq!(
            stages,
            [json!("in_service"), json!("paused"), json!("in_service")]
        );
    }
}

#[tokio::test]
async fn an_id_outside_the_log_gets_a_fresh_snapshot() {
    let app = spawn_app_with_retention(2).await;
    let lead = app.lead(1).await;
    app.act_ok(&lead, "A03", json!({ "action": "start" })).await;
    let first = app.max_event_id().await;
    app.act_ok(
        &lead,
        "A03",
        json!({ "action": "pause", "reason": "other" }),
    )
    .await;
    app.act_ok(&lead, "A03", json!({ "action": "resume" }))
        .await;
    app.finish(&lead, "A03", "").await;
    server::store::prune_events(&app.pool, 2).await.unwrap();
    assert_eq!(app.events_count().await, 2);
    let newest = app.max_event_id().await;

    // Still retained: replayed.
    let mut retained = app.stream_from("lounge", newest - 1).await;
    let frame = retained.frame().await;
    assert_eq!((frame.event.as_str(), frame.id), ("job", newest));

    // Pruned, and newer than the log (a reset server): a snapshot of the current state.
    for last_event_id in [first, 999_999] {
        let mut stream = app.stream_from("lounge", last_event_id).await;
        let snapshot = stream.snapshot().await;
        assert_eq!(snapshot.id, newest);
        let jobs = snapshot.json()["jobs"].as_array().unwrap().clone();
        let a03 = jobs.iter().find(|j| j["ticket"] == "A03").unwrap();
        assert_eq!(a03["stage"], "quality_check");
    }
}

#[tokio::test]
async fn an_idle_stream_starts_with_retry_and_keeps_alive_uncompressed() {
    let app = spawn_app().await;
    let response = Client::new()
        .get(app.url("/api/v1/events/lounge"))
        .header(header::ACCEPT_ENCODING, "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let mut stream = SseStream::from_response(response);
    let content_type = stream.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        content_type.starts_with("text/event-stream"),
        "{content_type}"
    );
    assert!(stream.headers.get(header::CONTENT_ENCODING).is_none());

    let first = stream.next_message(WAIT).await.unwrap();
    assert!(
        first.raw.starts_with("retry:") && first.retry.is_some(),
        "{:?}",
        first.raw
    );
    stream.snapshot().await;
    let idle = Instant::now();
    let message = stream
        .next_message(Duration::from_millis(2500))
        .await
        .expect("a keep-alive");
    assert_eq!(message.comments, ["keep-alive"], "{:?}", message.raw);
    assert!(idle.elapsed() < Duration::from_millis(2500));
}

#[tokio::test]
async fn the_desk_is_for_signed_in_staff_only() {
    let app = spawn_app().await;
    let url = app.url("/api/v1/events/desk");
    let anonymous = Client::new().get(&url).send().await.unwrap();
    expect_error(anonymous, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let technician = app.lead(1).await;
    let response = technician.client.get(&url).send().await.unwrap();
    expect_error(response, StatusCode::FORBIDDEN, "forbidden").await;

    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let snapshot = SseStream::open(&advisor.client, &url, None)
        .await
        .snapshot()
        .await
        .json();
    let a03 = snapshot["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["ticket"] == "A03")
        .unwrap()
        .clone();
    let (name, phone) = server::store::seed::DEMO_CUSTOMERS[2];
    assert_eq!(
        (
            a03["customer"]["name"].clone(),
            a03["customer"]["phone"].clone()
        ),
        (json!(name), json!(phone))
    );
}

#[tokio::test]
async fn a_bay_channel_carries_its_own_jobs_only() {
    let app = spawn_app().await;
    let (lead1, lead2) = (app.lead(1).await, app.lead(2).await);
    let mut bay1 = app.stream("bay/1").await;
    let tickets: Vec<Value> = bay1.snapshot().await.json()["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["ticket"].clone())
        .collect();
    assert_eq!(tickets, [json!("A03"), json!("A04")]);

    app.act_ok(
        &lead2,
        "A01",
        json!({ "action": "pause", "reason": "awaiting_approval" }),
    )
    .await;
    app.act_ok(&lead1, "A03", json!({ "action": "start" }))
        .await;
    let frames = bay1.frames_until_quiet(QUIET).await;
    assert_eq!(frames.len(), 1, "{frames:?}");
    assert_eq!(
        (frames[0].event.as_str(), frames[0].id),
        ("job", app.max_event_id().await)
    );
    assert_eq!(frames[0].json()["id"], json!(app.job_id("A03").await));
}

#[tokio::test]
async fn a_tracking_channel_carries_its_one_job() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let desk = SseStream::open(&advisor.client, &app.url("/api/v1/events/desk"), None)
        .await
        .snapshot()
        .await;
    let jobs = desk.json()["jobs"].as_array().unwrap().clone();
    let token = jobs.iter().find(|j| j["ticket"] == "A03").unwrap()["tracking_token"]
        .as_str()
        .unwrap()
        .to_string();
    let mut track = app.stream(&format!("track/{token}")).await;
    assert_eq!(track.snapshot().await.json()["job"]["ticket"], "A03");

    let (lead1, lead2) = (app.lead(1).await, app.lead(2).await);
    app.act_ok(
        &lead2,
        "A01",
        json!({ "action": "pause", "reason": "awaiting_parts" }),
    )
    .await;
    app.act_ok(&lead1, "A03", json!({ "action": "start" }))
        .await;
    // A01's pause may also move A03's ETA (depending on the minute it runs), which is
    // announced as a frame of A03 too; A01 itself never shows on A03's channel.
    let frames = track.frames_until_quiet(QUIET).await;
    assert!(!frames.is_empty() && frames.len() <= 2, "{frames:?}");
    assert!(
        frames.iter().all(|f| f.json()["ticket"] == "A03"),
        "{frames:?}"
    );
    let last = frames.last().map(|f| f.json()).unwrap();
    assert_eq!(last["stage"], "in_service");
}

#[tokio::test]
async fn unknown_channels_are_not_found() {
    let app = spawn_app().await;
    let client = new_client();
    for channel in [
        "track/doesnotexist",
        "bay/99",
        "bay/abc",
        "nope",
        "lounge/1",
    ] {
        let response = client
            .get(app.url(&format!("/api/v1/events/{channel}")))
            .send()
            .await
            .unwrap();
        expect_error(response, StatusCode::NOT_FOUND, "not_found").await;
    }
}
