//! Guessing PINs and passwords from outside: a burst is limited like a trickle, a right
//! PIN between guesses resets nothing, a PIN countersigned at a bay never opens the
//! customer's details, an unknown username costs as long as a known one, and the
//! session cookie is `Secure` when the store says so.

use std::time::{Duration, Instant};

use futures::future::join_all;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{expect_error, new_client, spawn_app, Actor, TestApp};

async fn sign_in(app: &TestApp, body: Value) -> reqwest::Response {
    new_client()
        .post(app.url("/api/v1/sessions"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// (status, error code) of each answer.
async fn outcomes(responses: Vec<reqwest::Response>) -> Vec<(StatusCode, String)> {
    let mut out = Vec::new();
    for r in responses {
        let status = r.status();
        let body: Value = r.json().await.unwrap_or(Value::Null);
        let code = body["error"]["code"].as_str().unwrap_or("").to_string();
        out.push((status, code));
    }
    out
}

#[tokio::test]
async fn a_burst_of_wrong_pins_gets_no_more_guesses_than_a_trickle() {
    let app = spawn_app().await;
    // 100 wrong PINs for bay 3 (its team's are 3333 and 3330), all at once.
    let burst =
        (0..100).map(|n| sign_in(&app, json!({ "bay_id": 3, "pin": format!("{}", 9000 + n) })));
    let answers = outcomes(join_all(burst).await).await;
    let judged = answers
        .iter()
        .filter(|(s, c)| *s == StatusCode::UNPROCESSABLE_ENTITY && c == "wrong_pin")
        .count();
    let limited = answers
        .iter()
        .filter(|(s, c)| *s == StatusCode::TOO_MANY_REQUESTS && c == "rate_limited")
        .count();
    assert!(judged <= 5, "{judged} wrong PINs were judged: {answers:?}");
    assert_eq!(judged + limited, 100, "{answers:?}");
    // The bay is locked for the window, even to its own team's PIN.
    let right = sign_in(&app, json!({ "bay_id": 3, "pin": "3333" })).await;
    expect_error(right, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
}

/// Bay 1's technician (马俊, signed in) has worked A03 through to quality check.
async fn worked_to_quality_check(app: &TestApp) -> (Actor, i64) {
    let tech = app.sign_in_bay(1, "1110").await;
    app.act_ok(&tech, "A03", json!({ "action": "start" })).await;
    app.finish(&tech, "A03", "").await;
    (tech, app.job_id("A03").await)
}

#[tokio::test]
async fn a_right_pin_between_wrong_guesses_resets_nothing() {
    let app = spawn_app().await;
    let (tech, a03) = worked_to_quality_check(&app).await;
    let version = app.version("A03").await;
    // The technician guesses at the QC inspector's PIN, typing their own PIN after every
    // four guesses: it is right (403, not theirs to pass) but must not wipe the count.
    let mut judged = 0;
    let mut limited = 0;
    for round in 0..3 {
        for guess in 0..4 {
            let pin = format!("{}", 4000 + round * 10 + guess);
            let response = tech
                .act(a03, version, json!({ "action": "qc_pass", "pin": &pin }))
                .await;
            match response.status() {
                StatusCode::UNPROCESSABLE_ENTITY => judged += 1,
                StatusCode::TOO_MANY_REQUESTS => limited += 1,
                other => panic!("guess {pin}: {other}"),
            }
        }
        let own = tech
            .act(a03, version, json!({ "action": "qc_pass", "pin": "1110" }))
            .await;
        assert!(
            [StatusCode::FORBIDDEN, StatusCode::TOO_MANY_REQUESTS].contains(&own.status()),
            "own PIN: {}",
            own.status()
        );
    }
    assert_eq!((judged, limited), (5, 7), "the limit must still bite");
    assert_eq!(app.version("A03").await, version);

    // Signing in: four wrong PINs, the lead's right one, and the fifth wrong PIN is the last.
    for pin in ["9001", "9002", "9003", "9004"] {
        let wrong = sign_in(&app, json!({ "bay_id": 2, "pin": pin })).await;
        expect_error(wrong, StatusCode::UNPROCESSABLE_ENTITY, "wrong_pin").await;
    }
    let right = sign_in(&app, json!({ "bay_id": 2, "pin": "2222" })).await;
    assert_eq!(right.status(), StatusCode::OK);
    let fifth = sign_in(&app, json!({ "bay_id": 2, "pin": "9005" })).await;
    expect_error(fifth, StatusCode::UNPROCESSABLE_ENTITY, "wrong_pin").await;
    let sixth = sign_in(&app, json!({ "bay_id": 2, "pin": "9006" })).await;
    expect_error(sixth, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
}

/// The customer's name, phone and tracking token of a job, as stored.
async fn personal_data(app: &TestApp, ticket: &str) -> [String; 3] {
    let (name, phone, token): (String, String, String) = sqlx::query_as(
        "SELECT c.name, c.phone, j.tracking_token FROM jobs j
         JOIN vehicles v ON v.id = j.vehicle_id JOIN customers c ON c.id = v.customer_id
         WHERE j.ticket = ?",
    )
    .bind(ticket)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    [name, phone, token]
}

fn assert_nothing_personal(body: &str, personal: &[String; 3], what: &str) {
    for secret in personal {
        assert!(
            !body.contains(secret.as_str()),
            "{what} shows {secret}: {body}"
        );
    }
}

#[tokio::test]
async fn a_countersigned_answer_shows_only_what_the_bay_screen_may_see() {
    let app = spawn_app().await;
    let personal = personal_data(&app, "A03").await;
    let (tech, a03) = worked_to_quality_check(&app).await;
    let version = app.version("A03").await;
    let fail = json!({ "action": "qc_fail", "note": "brake fluid low", "pin": "7777" });

    // A stale QC fail with the inspector's PIN: the conflict carries the job, as the bay sees it.
    let stale = tech.act(a03, version - 1, fail.clone()).await;
    let body = expect_error(stale, StatusCode::CONFLICT, "version_conflict").await;
    assert_eq!(body["error"]["current"]["ticket"], "A03", "{body}");
    assert_nothing_personal(&body.to_string(), &personal, "409");

    // The same step in time: 200 with the technician's view, whoever countersigned.
    let done = tech.act(a03, version, fail).await;
    assert_eq!(done.status(), StatusCode::OK);
    let body: Value = done.json().await.unwrap();
    assert_eq!(body["stage"], "in_service", "{body}");
    assert_nothing_personal(&body.to_string(), &personal, "200");
}

/// Median wall time of signing in with each body (each answered 422).
async fn median_sign_in(app: &TestApp, bodies: Vec<Value>) -> Duration {
    let mut times = Vec::new();
    for body in bodies {
        let started = Instant::now();
        let response = sign_in(app, body).await;
        times.push(started.elapsed());
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    times.sort();
    times[times.len() / 2]
}

#[tokio::test]
async fn an_unknown_username_takes_as_long_as_a_wrong_password() {
    let app = spawn_app().await;
    let known = ["advisor", "advisor2", "foreman", "manager", "qc"]
        .map(|u| json!({ "username": u, "password": "not it" }));
    let unknown = ["nobody1", "nobody2", "nobody3", "nobody4", "nobody5"]
        .map(|u| json!({ "username": u, "password": "not it" }));
    // Interleaved runs would be fairer, but each is five Argon2 checks against one.
    let known_time = median_sign_in(&app, known.to_vec()).await;
    let unknown_time = median_sign_in(&app, unknown.to_vec()).await;
    // Before, an unknown name skipped the hash: ten times quicker or more.
    assert!(
        unknown_time * 3 >= known_time,
        "unknown {unknown_time:?} vs known {known_time:?}"
    );
}

/// A server with `secure_cookie` set; returns its base URL (the directory lives as long
/// as the returned guard).
async fn spawn_secure() -> (String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let config = server::Config {
        db_path: dir.path().join("pitwall.db"),
        secure_cookie: true,
        seed_demo: true,
        ..Default::default()
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let _server = tokio::spawn(server::serve(config, listener, std::future::pending()));
    for _ in 0..300 {
        let health = Client::new()
            .get(format!("{base}/api/v1/health"))
            .send()
            .await;
        if health.is_ok_and(|r| r.status() == StatusCode::OK) {
            return (base, dir);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not become healthy");
}

/// The `Set-Cookie` of signing in and of signing out again, at `base`.
async fn session_cookies(base: &str) -> (String, String) {
    // No cookie store: a `Secure` cookie would not be sent back over http.
    let client = Client::new();
    let signed_in = client
        .post(format!("{base}/api/v1/sessions"))
        .json(&json!({ "username": "advisor", "password": "pitwall" }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::OK);
    let set = signed_in.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    let token = set.split(';').next().unwrap().to_string();
    let signed_out = client
        .delete(format!("{base}/api/v1/sessions"))
        .header("cookie", token)
        .send()
        .await
        .unwrap();
    assert_eq!(signed_out.status(), StatusCode::OK);
    let clear = signed_out.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    (set, clear)
}

#[tokio::test]
async fn the_session_cookie_is_secure_when_configured() {
    let (base, _dir) = spawn_secure().await;
    let (set, clear) = session_cookies(&base).await;
    for cookie in [&set, &clear] {
        assert!(cookie.contains("; Secure"), "{cookie}");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
    }
    assert!(clear.contains("Max-Age=0"), "{clear}");

    // The default (http on a LAN) leaves it off, or no browser would keep the session.
    let app = spawn_app().await;
    let (set, clear) = session_cookies(&app.url("")).await;
    assert!(
        !set.contains("Secure") && !clear.contains("Secure"),
        "{set} / {clear}"
    );
}
