//! The live ETA on the lounge: a pause for parts moves a car to the next delivery, the
//! car queued behind it moves up (the bay goes on with it), and resuming undoes both.

use std::time::Duration;

use app::domain::eta::{parts_arrival, CHECKS_MINUTES};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::helpers::spawn_app;
use crate::sse::Frame;

fn time(v: &Value) -> DateTime<Utc> {
    v.as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_else(|| panic!("not a time: {v}"))
}

/// The last event about `id` among `frames`.
fn last_of(frames: &[Frame], id: i64) -> Option<Value> {
    frames
        .iter()
        .rev()
        .filter(|f| f.event == "job")
        .map(Frame::json)
        .find(|j| j["id"] == json!(id))
}

#[tokio::test]
async fn a_pause_for_parts_moves_the_eta_and_the_queue_behind_it() {
    let app = spawn_app().await;
    let lead = app.lead(1).await;
    let (a03, a04) = (app.job_id("A03").await, app.job_id("A04").await);
    let mut lounge = app.stream("lounge").await;
    let snapshot = lounge.snapshot().await.json();
    let eta_of = |jobs: &Value, id: i64| {
        jobs["jobs"]
            .as_array()
            .and_then(|a| a.iter().find(|j| j["id"] == json!(id)))
            .map(|j| time(&j["eta"]))
            .unwrap_or_else(|| panic!("job {id} not on the lounge"))
    };
    let mut a04_queued = eta_of(&snapshot, a04);

    app.act_ok(&lead, "A03", json!({ "action": "start" })).await;
    let started = lounge.frames_until_quiet(Duration::from_millis(800)).await;
    let a03_working = time(&last_of(&started, a03).expect("A03 event")["eta"]);
    if let Some(a04) = last_of(&started, a04) {
        a04_queued = time(&a04["eta"]);
    }

    let before_pause = Utc::now();
    app.act_ok(
        &lead,
        "A03",
        json!({ "action": "pause", "reason": "awaiting_parts" }),
    )
    .await;
    let paused = lounge.frames_until_quiet(Duration::from_millis(800)).await;
    let a03_paused = last_of(&paused, a03).expect("A03 event");
    let a03_eta = time(&a03_paused["eta"]);
    // Not before the parts arrive plus the checks; and later than while it was worked on.
    let arrival = parts_arrival(before_pause);
    assert!(
        a03_eta >= arrival + chrono::Duration::minutes(i64::from(CHECKS_MINUTES)),
        "{a03_eta} vs parts at {arrival}"
    );
    assert!(a03_eta > a03_working);
    assert!(a03_paused["flags"]
        .as_array()
        .is_some_and(|f| f.contains(&json!("awaiting_parts"))));
    // The car queued behind it at bay 1 was re-sent, earlier: the bay goes on with it.
    let a04_next = time(&last_of(&paused, a04).expect("A04 re-sent")["eta"]);
    assert!(a04_next < a04_queued, "{a04_next} vs {a04_queued}");

    app.act_ok(&lead, "A03", json!({ "action": "resume" }))
        .await;
    let resumed = lounge.frames_until_quiet(Duration::from_millis(800)).await;
    let a03_back = time(&last_of(&resumed, a03).expect("A03 event")["eta"]);
    assert!(a03_back < a03_eta);
    let a04_back = time(&last_of(&resumed, a04).expect("A04 re-sent")["eta"]);
    assert!(a04_back > a04_next);
}

#[tokio::test]
async fn a_cancelled_job_leaves_the_lounge_and_its_snapshot() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let a05 = app.job_id("A05").await;
    let mut lounge = app.stream("lounge").await;
    let before = lounge.snapshot().await.json();
    let on_board = |snapshot: &Value| {
        snapshot["jobs"]
            .as_array()
            .is_some_and(|jobs| jobs.iter().any(|j| j["id"] == json!(a05)))
    };
    assert!(on_board(&before));

    app.act_ok(
        &advisor,
        "A05",
        json!({ "action": "cancel", "note": "客户改约" }),
    )
    .await;
    let frames = lounge.frames_until_quiet(Duration::from_millis(800)).await;
    assert!(
        frames
            .iter()
            .any(|f| f.event == "job_removed" && f.json()["id"] == json!(a05)),
        "{frames:?}"
    );
    assert!(!frames
        .iter()
        .any(|f| f.event == "job" && f.json()["id"] == json!(a05)));
    let mut fresh = app.stream("lounge").await;
    assert!(!on_board(&fresh.snapshot().await.json()));
}
