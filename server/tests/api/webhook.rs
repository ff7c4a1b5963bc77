//! The outbox's delivery through the signed webhook: retried with backoff until the
//! gateway takes it, given up on after the last attempt, never sent to a customer who
//! said no, and written once per cause.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use app::model::{MessageKind, WebhookPayload};
use axum::{body::Bytes, extract::State, http::HeaderMap, http::StatusCode, routing::post};
use chrono::Utc;
use server::store::{enqueue, NewMessage};

use crate::helpers::{spawn_app, spawn_app_with_webhook, TestApp};

const SECRET: &str = "test-webhook-secret-0123456789";

/// One request the receiver got: whether its headers were right, its body, its answer.
#[derive(Debug, Clone)]
struct Received {
    signed: bool,
    payload: Option<WebhookPayload>,
    status: u16,
}

#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<Received>>>,
    /// The answers to give, in order; the last one repeats.
    plan: Arc<Vec<u16>>,
}

impl Receiver {
    fn requests(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }
}

async fn receive(State(rx): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let timestamp = header("x-pitwall-timestamp").and_then(|t| t.parse::<i64>().ok());
    let signed = header("content-type") == Some("application/json")
        && timestamp.is_some_and(|t| {
            (Utc::now().timestamp() - t).abs() <= 60
                && header("x-pitwall-signature")
                    == Some(server::outbox::signature(SECRET.as_bytes(), t, &body).as_str())
        });
    let mut got = rx.got.lock().unwrap();
    let planned = rx.plan.get(got.len()).or(rx.plan.last()).copied();
    let status = if signed { planned.unwrap_or(200) } else { 401 };
    got.push(Received {
        signed,
        payload: serde_json::from_slice(&body).ok(),
        status,
    });
    StatusCode::from_u16(status).unwrap()
}

/// A gateway on a random local port answering `plan`; its URL and what it received.
async fn start_receiver(plan: &[u16]) -> (String, Receiver) {
    let rx = Receiver {
        got: Arc::default(),
        plan: Arc::new(plan.to_vec()),
    };
    let app = axum::Router::new()
        .route("/sms", post(receive))
        .with_state(rx.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/sms", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, rx)
}

async fn message_for(app: &TestApp, customer_id: i64, key: &str) -> NewMessage {
    let phone: String = sqlx::query_scalar("SELECT phone FROM customers WHERE id = ?")
        .bind(customer_id)
        .fetch_one(&app.pool)
        .await
        .expect("a demo customer");
    NewMessage {
        kind: MessageKind::CarReady,
        customer_id: Some(customer_id),
        job_id: None,
        appointment_id: None,
        phone,
        language: "zh".into(),
        text: "【星辰4S店】您的车辆粤B·12345已完工，可以来取车了。".into(),
        link: Some("http://127.0.0.1/track/abc".into()),
        dedupe_key: key.into(),
    }
}

async fn put(app: &TestApp, msg: &NewMessage) -> Option<i64> {
    let mut conn = app.pool.acquire().await.unwrap();
    enqueue(&mut conn, msg, Utc::now()).await.unwrap()
}

/// (state, attempts, sent_at, last_error) as stored.
async fn row(app: &TestApp, id: i64) -> (String, i64, Option<String>, Option<String>) {
    sqlx::query_as("SELECT state, attempts, sent_at, last_error FROM outbox WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// Waits (at most 10 s) until the message is in `state`.
async fn wait_for(app: &TestApp, id: i64, state: &str) {
    for _ in 0..200 {
        if row(app, id).await.0 == state {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "message {id} never became {state}: {:?}",
        row(app, id).await
    );
}

#[tokio::test]
async fn a_message_is_retried_until_the_gateway_takes_it_once() {
    let (url, rx) = start_receiver(&[500, 500, 200]).await;
    let app = spawn_app_with_webhook(&url, SECRET, 50, 6).await;
    let msg = message_for(&app, 1, "car_ready:test:1").await;
    let id = put(&app, &msg).await.expect("a new message");

    wait_for(&app, id, "sent").await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let got = rx.requests();
    let statuses: Vec<u16> = got.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [500, 500, 200], "delivered exactly once: {got:?}");
    assert!(
        got.iter().all(|r| r.signed),
        "every request signed: {got:?}"
    );
    for r in &got {
        let payload = r.payload.as_ref().expect("a WebhookPayload body");
        assert_eq!(payload.id, id, "the same id on every retry");
        assert_eq!(payload.kind, MessageKind::CarReady);
        assert_eq!((&payload.phone, &payload.text), (&msg.phone, &msg.text));
        assert_eq!(payload.link, msg.link);
    }
    let (_, attempts, sent_at, last_error) = row(&app, id).await;
    assert_eq!(attempts, 3);
    assert!(sent_at.is_some(), "sent_at recorded");
    assert_eq!(last_error, None);
}

#[tokio::test]
async fn a_message_the_gateway_keeps_refusing_dies_after_the_last_attempt() {
    let (url, rx) = start_receiver(&[500]).await;
    let app = spawn_app_with_webhook(&url, SECRET, 50, 3).await;
    let id = put(&app, &message_for(&app, 1, "car_ready:test:2").await)
        .await
        .expect("a new message");

    wait_for(&app, id, "dead").await;
    // Several polls and backoffs later, nobody tried again.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let got = rx.requests();
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got.iter().all(|r| r.signed && r.status == 500), "{got:?}");
    let (state, attempts, sent_at, last_error) = row(&app, id).await;
    assert_eq!((state.as_str(), attempts), ("dead", 3));
    assert_eq!(sent_at, None);
    assert_eq!(last_error.as_deref(), Some("HTTP 500"));
}

#[tokio::test]
async fn a_customer_who_said_no_gets_nothing() {
    let (url, rx) = start_receiver(&[200]).await;
    let app = spawn_app_with_webhook(&url, SECRET, 50, 6).await;
    sqlx::query("UPDATE customers SET messages_ok = 0 WHERE id = 2")
        .execute(&app.pool)
        .await
        .unwrap();
    let id = put(&app, &message_for(&app, 2, "car_ready:test:3").await)
        .await
        .expect("kept, so the desk sees why nothing went");
    assert_eq!(row(&app, id).await.0, "suppressed");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(rx.requests().is_empty(), "{:?}", rx.requests());
    assert_eq!(row(&app, id).await, ("suppressed".into(), 0, None, None));
}

#[tokio::test]
async fn one_cause_gives_one_message_and_without_a_gateway_it_waits() {
    let app = spawn_app().await;
    let msg = message_for(&app, 1, "car_ready:test:4").await;
    let id = put(&app, &msg).await.expect("a new message");
    assert_eq!(put(&app, &msg).await, None, "a repeat adds nothing");
    let rows = app
        .scalar("SELECT COUNT(*) FROM outbox WHERE dedupe_key = 'car_ready:test:4'")
        .await;
    assert_eq!(rows, 1);

    let mut conn = app.pool.acquire().await.unwrap();
    let listed = server::store::messages(&mut conn, 10).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].id, listed[0].attempts), (id, 0));
    let due = server::store::due_messages(&mut conn, Utc::now(), 10).await;
    assert_eq!(due.unwrap().len(), 1, "no gateway: it stays pending");

    // A word pitwall never wrote is corrupt data, never read as some default.
    sqlx::query("PRAGMA ignore_check_constraints = ON")
        .execute(&mut *conn)
        .await
        .unwrap();
    sqlx::query("UPDATE outbox SET kind = 'fax' WHERE id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await
        .unwrap();
    let read = server::store::messages(&mut conn, 10).await;
    assert!(
        matches!(read, Err(server::store::StoreError::Corrupt(_))),
        "{read:?}"
    );
    sqlx::query("PRAGMA ignore_check_constraints = OFF")
        .execute(&mut *conn)
        .await
        .unwrap();
}

/// The outbox runs on the store's clock, as the lane does: two days on, a car made ready
/// and a reminder sent go out at once, each stamped with the store's time (a worker on
/// the wall clock held the reminder back for two days).
#[tokio::test]
async fn messages_caused_after_the_clock_moved_go_out_at_once() {
    let (url, rx) = start_receiver(&[200]).await;
    let app = spawn_app_with_webhook(&url, SECRET, 50, 6).await;
    app.advance_clock(2 * 24 * 60).await;
    let washer = app.sign_in_staff("washer", "pitwall").await;
    app.act_ok(
        &washer,
        "A07",
        serde_json::json!({ "action": "finish_wash" }),
    )
    .await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    // The first demo car whose owner takes reminders.
    let mut sent = None;
    for car in 1..=13 {
        let answer = advisor
            .post(
                &format!("/api/v1/reminders/{car}/message"),
                serde_json::json!({}),
            )
            .await;
        if answer.status() == reqwest::StatusCode::CREATED {
            sent = Some(car);
            break;
        }
    }
    assert!(sent.is_some(), "a demo customer takes reminders");

    let ids: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, created_at FROM outbox WHERE kind IN ('car_ready', 'reminder') ORDER BY id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(ids.len(), 2, "{ids:?}");
    for (id, created_at) in &ids {
        wait_for(&app, *id, "sent").await;
        let at = chrono::DateTime::parse_from_rfc3339(created_at).unwrap();
        let ahead = at.with_timezone(&Utc) - Utc::now();
        assert!(ahead > chrono::Duration::hours(47), "{created_at}");
    }
    // (Two days on, the other cars' promises have slipped too: their messages went as well.)
    let kinds: Vec<MessageKind> = rx
        .requests()
        .iter()
        .filter_map(|r| r.payload.as_ref().map(|p| p.kind))
        .filter(|k| matches!(k, MessageKind::CarReady | MessageKind::Reminder))
        .collect();
    assert_eq!(kinds, [MessageKind::CarReady, MessageKind::Reminder]);
}
