//! What the screens see of a check-in: the new job on the lounge (masked) and the desk
//! (in full) at once, and a call for an advisor on the desk only.

use super::*;

#[tokio::test]
async fn a_new_job_reaches_the_lounge_masked_and_the_desk_in_full() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let mut lounge = app.stream("lounge").await;
    let mut desk = SseStream::open(&advisor.client, &app.url("/api/v1/events/desk"), None).await;
    lounge.snapshot().await;
    desk.snapshot().await;

    let mut body = walk_in("粤B7K3M9", "13912345678", 4_980);
    body["vin"] = json!("LFMAEACA6S0012345");
    let receipt = checked_in(&app, Some("kiosk-live"), &body).await;
    let job_id = receipt["job_id"].clone();
    let newest = app.max_event_id().await;

    let frames = lounge.frames_until_quiet(QUIET).await;
    assert_eq!(frames.len(), 1, "{frames:?}");
    let frame = &frames[0];
    assert_eq!((frame.event.as_str(), frame.id), ("job", newest));
    for secret in ["粤B7K3M9", "13912345678", "陈先生", "LFMAEACA6S0012345"] {
        assert!(
            !frame.data.contains(secret),
            "the lounge shows {secret}: {}",
            frame.data
        );
    }
    let job = frame.json();
    assert_eq!(
        keys(&job),
        [
            "bay_id",
            "colour",
            "eta",
            "flags",
            "id",
            "labor_minutes",
            "labour",
            "model",
            "plate_masked",
            "promised_at",
            "queue_pos",
            "skills",
            "stage",
            "stage_since",
            "ticket",
            "version"
        ]
    );
    assert_eq!(job["id"], job_id);
    assert_eq!(job["ticket"], receipt["ticket"]);
    assert_eq!(job["stage"], "checked_in");
    assert_eq!(job["plate_masked"], mask_plate("粤B7K3M9"));
    assert_eq!(job["plate_masked"], "粤B·***M9");
    assert_eq!(job["model"], "丰田 卡罗拉");
    assert_eq!(time(&job["promised_at"]), time(&receipt["promised_at"]));

    let frame = desk.frame().await;
    assert_eq!((frame.event.as_str(), frame.id), ("job", newest));
    let job = frame.json();
    assert_eq!(job["id"], job_id);
    assert_eq!(job["customer"]["name"], "陈先生");
    assert_eq!(job["customer"]["phone"], "13912345678");
    assert_eq!(job["vehicle"]["plate"], "粤B7K3M9");

    // A screen connecting now sees it in its snapshot.
    let snapshot = app.stream("lounge").await.snapshot().await.json();
    assert!(snapshot["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|j| j["id"] == job_id));
}

#[tokio::test]
async fn calling_an_advisor_reaches_the_desk_and_nowhere_else() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let desk_url = app.url("/api/v1/events/desk");
    let mut desk = SseStream::open(&advisor.client, &desk_url, None).await;
    let mut lounge = app.stream("lounge").await;
    let mut bays = app.stream("bays").await;
    let lounge_snapshot = lounge.snapshot().await;
    bays.snapshot().await;
    assert_eq!(desk.snapshot().await.json()["requests"], json!([]));
    let before = written(&app).await;

    // The kiosk is not signed in.
    let response = post(
        &app,
        "/api/v1/desk-requests",
        &json!({ "source": "kiosk", "language": "en" }),
    )
    .await;
    let request = body_of(response, StatusCode::CREATED).await;
    assert_eq!(keys(&request), ["at", "id", "language", "source"]);
    assert_eq!(
        (&request["source"], &request["language"]),
        (&json!("kiosk"), &json!("en"))
    );
    assert!((Utc::now() - time(&request["at"])).num_seconds().abs() < 60);
    assert_eq!(
        delta(&before, &written(&app).await),
        [("events", 1), ("desk_requests", 1)]
    );

    let frame = desk.frame().await;
    assert_eq!(
        (frame.event.as_str(), frame.id),
        ("desk_request", app.max_event_id().await)
    );
    assert_eq!(frame.json(), request);
    for (channel, stream) in [("lounge", &mut lounge), ("bays", &mut bays)] {
        let frames = stream.frames_until_quiet(QUIET).await;
        assert!(frames.is_empty(), "{channel} got {frames:?}");
    }
    // Nor is it replayed to a lounge that reconnects.
    let mut replay = app.stream_from("lounge", lounge_snapshot.id).await;
    assert!(replay.frames_until_quiet(QUIET).await.is_empty());
    // A desk connecting now has it among the open requests.
    let snapshot = SseStream::open(&advisor.client, &desk_url, None)
        .await
        .snapshot()
        .await
        .json();
    assert_eq!(snapshot["requests"], json!([request]));

    // Without a source it is refused, and writes nothing.
    let after = written(&app).await;
    for source in ["", "   ", "k".repeat(41).as_str()] {
        let response = post(&app, "/api/v1/desk-requests", &json!({ "source": source })).await;
        expect_refused(
            &app,
            &after,
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            &["source"],
        )
        .await;
    }
}
