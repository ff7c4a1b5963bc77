//! Who gets which view of a channel, and for how long: a bay's full view only for its
//! crew and never the customer, the desk only for desk sessions (its snapshot server
//! function too), streams that end with their session, and the log's replay bounded
//! (too far behind, an expired link) and robust to a row it cannot read.

use std::time::Duration;

use leptos::server_fn::ServerFn;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use server::store::seed::{DEMO_CUSTOMERS, DEMO_PLATES};

use crate::{
    helpers::{expect_error, spawn_app, Actor, TestApp},
    sse::{Frame, SseStream},
};

const QUIET: Duration = Duration::from_millis(1500);

/// Every customer's name and phone of the demo store.
fn customers() -> Vec<&'static str> {
    DEMO_CUSTOMERS.iter().flat_map(|(n, p)| [*n, *p]).collect()
}

/// What the jobs at `bay` say in the customer's own words.
async fn concerns_at(app: &TestApp, bay: i64) -> Vec<String> {
    let all: Vec<String> =
        sqlx::query_scalar("SELECT concerns FROM jobs WHERE bay_id = ? AND concerns <> ''")
            .bind(bay)
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert!(!all.is_empty(), "bay {bay} has jobs with concerns");
    all
}

fn assert_absent(what: &str, text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(!text.contains(secret), "{what} shows {secret:?}");
    }
}

async fn stream_as(actor: &Actor, channel: &str) -> SseStream {
    SseStream::open(
        &actor.client,
        &actor.url(&format!("/api/v1/events/{channel}")),
        None,
    )
    .await
}

/// A01 at bay 2: its pending extra work approved by the customer on their page, which
/// puts the customer's name in the item's decision and on the timeline.
async fn customer_approves_a01(app: &TestApp) {
    let (token, item): (String, i64) = sqlx::query_as(
        "SELECT j.tracking_token, i.id FROM jobs j JOIN job_items i ON i.job_id = j.id
         WHERE j.ticket = 'A01' AND i.status = 'pending' ORDER BY i.id DESC LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let response = Client::new()
        .post(app.url(&format!("/api/v1/additional-items/{item}/decision")))
        .json(&json!({ "approve": true, "by": "customer", "tracking_token": token }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_bay_shows_full_plates_and_concerns_to_its_crew_only_and_names_to_nobody() {
    let app = spawn_app().await;
    let lead1 = app.lead(1).await;
    let note = "后备箱里有婴儿座椅，别动";
    app.act_ok(&lead1, "A03", json!({ "action": "start" }))
        .await;
    app.act_ok(
        &lead1,
        "A03",
        json!({ "action": "pause", "reason": "other", "note": note }),
    )
    .await;
    let concerns = concerns_at(&app, 1).await;
    let mut private: Vec<&str> = DEMO_PLATES.to_vec();
    private.extend(concerns.iter().map(String::as_str));
    private.push(note);
    private.extend(customers());

    // Anyone: the stream, the page, and a live event after a customer's decision.
    let mut anonymous = app.stream("bay/2").await;
    assert_absent("bay/2 snapshot", &anonymous.snapshot().await.data, &private);
    let mut bay1 = app.stream("bay/1").await;
    let snapshot = bay1.snapshot().await;
    assert_absent("bay/1 snapshot", &snapshot.data, &private);
    assert!(
        snapshot.data.contains('·'),
        "masked plates: {}",
        snapshot.data
    );
    let page = reqwest::get(app.url("/bay/1")).await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_absent("/bay/1", &page.text().await.unwrap(), &private);
    app.act_ok(&lead1, "A03", json!({ "action": "resume" }))
        .await;
    let frames = bay1.frames_until_quiet(QUIET).await;
    assert!(frames.iter().any(|f| f.event == "job"), "{frames:?}");
    for frame in frames {
        assert_absent("a bay/1 event", &frame.data, &private);
    }
    customer_approves_a01(&app).await;
    for frame in anonymous.frames_until_quiet(QUIET).await {
        assert_absent("a bay/2 event", &frame.data, &private);
    }

    // The crew signed in at the bay: full plates, concerns and notes, never a name or phone.
    let crew = stream_as(&lead1, "bay/1").await.snapshot().await.data;
    assert!(
        crew.contains("粤B7N2S8"),
        "A03's plate for its crew: {crew}"
    );
    assert!(crew.contains(concerns[0].as_str()), "{crew}");
    assert!(crew.contains(note), "{crew}");
    assert_absent("bay/1 for its crew", &crew, &customers());
    let page = lead1.get("/bay/1").await.text().await.unwrap();
    assert!(page.contains("粤B7N2S8"), "the crew's page shows the plate");
    assert_absent("/bay/1 for its crew", &page, &customers());
    let lead2 = app.lead(2).await;
    let mut crew2 = stream_as(&lead2, "bay/2").await;
    let decided = crew2.snapshot().await;
    assert!(
        decided.data.contains("\"by\":\"customer\""),
        "{}",
        decided.data
    );
    assert_absent("bay/2 after a decision", &decided.data, &customers());
    // Another bay's crew is anyone to bay 1.
    let other = stream_as(&lead2, "bay/1").await.snapshot().await.data;
    assert_absent("bay/1 for bay 2's crew", &other, &private);
}

/// `POST` the `channel_snapshot` server function as the desk page does on first load.
async fn snapshot_fn(client: &Client, app: &TestApp, channel: &str) -> reqwest::Response {
    client
        .post(app.url(app::live::ChannelSnapshot::PATH))
        .form(&[("channel", channel)])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_desk_snapshot_function_serves_desk_sessions_and_refuses_others() {
    let app = spawn_app().await;
    for who in ["advisor", "foreman", "manager"] {
        let staff = app.sign_in_staff(who, "pitwall").await;
        let response = snapshot_fn(&staff.client, &app, "desk").await;
        assert_eq!(response.status(), StatusCode::OK, "{who}");
        let body: Value = response.json().await.unwrap();
        let desk: Value = serde_json::from_str(body["data"].as_str().unwrap()).unwrap();
        assert!(
            desk["jobs"].as_array().is_some_and(|j| !j.is_empty()),
            "{who}"
        );
    }
    let anonymous = snapshot_fn(&Client::new(), &app, "desk").await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    for actor in [
        app.sign_in_staff("qc", "pitwall").await,
        app.sign_in_staff("washer", "pitwall").await,
        app.lead(1).await,
    ] {
        let response = snapshot_fn(&actor.client, &app, "desk").await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{}", actor.name);
    }
}

#[tokio::test]
async fn the_desk_stream_is_for_desk_roles_and_ends_at_sign_out_or_expiry() {
    let app = spawn_app().await;
    let url = app.url("/api/v1/events/desk");
    for who in ["qc", "washer"] {
        let staff = app.sign_in_staff(who, "pitwall").await;
        let response = staff.client.get(&url).send().await.unwrap();
        expect_error(response, StatusCode::FORBIDDEN, "forbidden").await;
    }

    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let other = app.sign_in_staff("foreman", "pitwall").await;
    let mut desk = stream_as(&advisor, "desk").await;
    let mut still = stream_as(&other, "desk").await;
    desk.snapshot().await;
    still.snapshot().await;
    let out = advisor
        .client
        .delete(advisor.url("/api/v1/sessions"))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::OK);
    assert!(ends_within(&mut desk, Duration::from_secs(2)).await);
    // Only that session's streams end.
    let lead = app.lead(1).await;
    app.act_ok(&lead, "A03", json!({ "action": "start" })).await;
    let frame = loop {
        let f = still.frame().await;
        if f.event == "job" {
            break f;
        }
    };
    assert_eq!(frame.json()["ticket"], "A03");

    // A session that expires while its stream is open: the stream ends with it.
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let soon = (chrono::Utc::now() + chrono::Duration::seconds(2))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    sqlx::query("UPDATE sessions SET expires_at = ? WHERE role = 'manager'")
        .bind(soon)
        .execute(&app.pool)
        .await
        .unwrap();
    let mut expiring = stream_as(&manager, "desk").await;
    expiring.snapshot().await;
    assert!(ends_within(&mut expiring, Duration::from_secs(5)).await);
}

#[tokio::test]
async fn a_bay_crew_stream_ends_when_its_technician_signs_out() {
    let app = spawn_app().await;
    let lead = app.lead(1).await;
    let mut crew = stream_as(&lead, "bay/1").await;
    assert!(crew.snapshot().await.data.contains("粤B7N2S8"));
    let out = lead
        .client
        .delete(lead.url("/api/v1/sessions"))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::OK);
    assert!(ends_within(&mut crew, Duration::from_secs(2)).await);
    // Reconnecting now gets the masked view.
    let again = stream_as(&lead, "bay/1").await.snapshot().await.data;
    assert!(!again.contains("粤B7N2S8"), "{again}");
}

/// True when the stream's body ends (not merely goes quiet) within `wait`.
async fn ends_within(stream: &mut SseStream, wait: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        if left.is_zero() {
            return false;
        }
        match stream.next_message(left).await {
            // Keep-alives (every second in tests) and live frames until the end.
            Some(_) => continue,
            None => return tokio::time::Instant::now() < deadline,
        }
    }
}

/// Copies the newest `job` event `n` times (the log of a busy day).
async fn fill_log(app: &TestApp, n: i64) {
    sqlx::query(
        "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
         INSERT INTO events (at, kind, job_id, bay_id, prev_bay_id, payload)
         SELECT e.at, e.kind, e.job_id, e.bay_id, e.prev_bay_id, e.payload
         FROM k, (SELECT * FROM events WHERE kind = 'job' ORDER BY id DESC LIMIT 1) e",
    )
    .bind(n)
    .execute(&app.pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn a_client_far_behind_gets_a_snapshot_not_the_whole_log() {
    let app = spawn_app().await;
    let lead = app.lead(1).await;
    app.act_ok(&lead, "A03", json!({ "action": "start" })).await;
    let before = app.max_event_id().await;
    fill_log(&app, 1500).await;
    let newest = app.max_event_id().await;

    for from in [before, 0] {
        let mut lounge = app.stream(&format!("lounge?last_event_id={from}")).await;
        let first = lounge.snapshot().await;
        assert_eq!(first.id, newest);
        let more = lounge.frames_until_quiet(QUIET).await;
        assert!(more.is_empty(), "{} frames after the snapshot", more.len());
    }
    // A little behind: still exactly the missed events.
    let mut near = app.stream_from("lounge", newest - 3).await;
    let frames: Vec<Frame> = near.frames_until_quiet(QUIET).await;
    let ids: Vec<i64> = frames.iter().map(|f| f.id).collect();
    assert_eq!(ids, [newest - 2, newest - 1, newest]);

    // Many deep resumes at once leave the store's connections to the actions.
    let mut resumes = Vec::new();
    for _ in 0..40 {
        resumes.push(app.stream_from("lounge", newest - 999).await);
    }
    let started = std::time::Instant::now();
    app.act_ok(
        &lead,
        "A03",
        json!({ "action": "pause", "reason": "awaiting_parts" }),
    )
    .await;
    assert!(started.elapsed() < Duration::from_secs(3));
    drop(resumes);
}

/// "Far behind" counts the channel's own events: a quiet bay or a customer's page
/// resumes with what it missed (here nothing) however busy the rest of the log was,
/// while a busy bay far behind still gets a snapshot.
#[tokio::test]
async fn a_quiet_channel_far_behind_the_log_resumes_without_a_snapshot() {
    let app = spawn_app().await;
    let lead = app.lead(1).await;
    app.act_ok(&lead, "A03", json!({ "action": "start" })).await;
    let before = app.max_event_id().await;
    let a05: String = sqlx::query_scalar("SELECT tracking_token FROM jobs WHERE ticket = 'A05'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    fill_log(&app, 1500).await; // all of them A03's, at bay 1

    for quiet in ["bay/6".to_string(), format!("track/{a05}")] {
        let mut stream = app.stream_from(&quiet, before).await;
        let frames = stream.frames_until_quiet(QUIET).await;
        assert!(frames.is_empty(), "{quiet}: {frames:?}");
    }
    let mut busy = app.stream_from("bay/1", before).await;
    assert_eq!(busy.snapshot().await.id, app.max_event_id().await);
}

#[tokio::test]
async fn an_expired_tracking_link_replays_nothing() {
    let app = spawn_app().await;
    // A10 was delivered (the seed's); log its job as an event, then let its link expire.
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let a10 = app.job_id("A10").await;
    let job: Value = advisor.get_json(&format!("/api/v1/jobs/{a10}")).await;
    let token = job["tracking_token"].as_str().unwrap().to_string();
    let before = app.max_event_id().await;
    sqlx::query("INSERT INTO events (at, kind, job_id, payload) VALUES ('2026-01-01T00:00:00.000Z', 'job', ?, ?)")
        .bind(a10)
        .bind(job.to_string())
        .execute(&app.pool)
        .await
        .unwrap();
    let mut live = app.stream_from(&format!("track/{token}"), before).await;
    let replayed = live.frames_until_quiet(QUIET).await;
    assert_eq!(replayed.len(), 1, "while the link is valid: {replayed:?}");

    let long_ago = (chrono::Utc::now() - chrono::Duration::days(30)).to_rfc3339();
    sqlx::query("UPDATE jobs SET delivered_at = ? WHERE id = ?")
        .bind(long_ago)
        .bind(a10)
        .execute(&app.pool)
        .await
        .unwrap();
    for from in [before, 0] {
        let mut track = app
            .stream(&format!("track/{token}?last_event_id={from}"))
            .await;
        let frames = track.frames_until_quiet(QUIET).await;
        let events: Vec<&str> = frames.iter().map(|f| f.event.as_str()).collect();
        assert_eq!(events, ["snapshot"], "from {from}");
        assert_eq!(
            frames[0].json(),
            json!({ "job": null, "expired": true }),
            "from {from}"
        );
    }
}

#[tokio::test]
async fn an_undecodable_event_is_skipped_and_screens_stay_live() {
    let app = spawn_app().await;
    let lead = app.lead(1).await;
    let mut lounge = app.stream("lounge").await;
    let snapshot = lounge.snapshot().await;
    sqlx::query("INSERT INTO events (at, kind, payload) VALUES ('2026-01-01T00:00:00.000Z', 'job', '{not json')")
        .execute(&app.pool)
        .await
        .unwrap();
    app.act_ok(&lead, "A03", json!({ "action": "start" })).await;
    let newest = app.max_event_id().await;
    let frame = lounge.frame().await;
    assert_eq!(
        (frame.event.as_str(), frame.json()["ticket"].clone()),
        ("job", json!("A03"))
    );

    // A replay across the bad row carries on past it, too.
    let mut replay = app.stream_from("lounge", snapshot.id).await;
    let frames = replay.frames_until_quiet(QUIET).await;
    assert_eq!(frames.last().map(|f| f.id), Some(newest), "{frames:?}");
    assert!(frames.iter().all(|f| f.event == "job"));
}
