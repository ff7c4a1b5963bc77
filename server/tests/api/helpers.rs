//! A fresh server per test (its own SQLite file seeded with the demo store) and signed-in actors.

use std::{path::PathBuf, time::Duration};

use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};
use sqlx::{
    sqlite::{SqliteConnectOptions, SqlitePoolOptions},
    SqlitePool,
};
use tempfile::TempDir;

use crate::sse::SseStream;

pub struct TestApp {
    pub base: String,
    /// The server's SQLite file, for tests that open it themselves.
    #[allow(dead_code)]
    pub db_path: PathBuf,
    /// A second connection pool on the server's database, for assertions and pruning.
    pub pool: SqlitePool,
    _dir: TempDir,
}

/// A client with its own cookie jar: one person at one screen.
pub struct Actor {
    pub client: Client,
    pub name: String,
    base: String,
}

/// The default retention of `server::Config`.
pub async fn spawn_app() -> TestApp {
    spawn_app_with_retention(server::Config::default().event_retention).await
}

pub async fn spawn_app_with_retention(event_retention: i64) -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let db_path = dir.path().join("pitwall.db");
    let config = server::Config {
        db_path: db_path.clone(),
        keepalive: Duration::from_secs(1),
        event_retention,
        // The demo store is opt-in (its passwords are public); the tests rely on it.
        seed_demo: true,
        // The tests move time (`TestApp::advance_clock`).
        test_clock: true,
        ..Default::default()
    };
    serve_demo(dir, config).await
}

/// The demo store with its messages delivered to the webhook at `url`.
pub async fn spawn_app_with_webhook(
    url: &str,
    secret: &str,
    backoff_ms: u64,
    max_attempts: u32,
) -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = server::Config {
        db_path: dir.path().join("pitwall.db"),
        keepalive: Duration::from_secs(1),
        seed_demo: true,
        test_clock: true,
        webhook: server::outbox::WebhookConfig {
            url: Some(url.to_string()),
            secret: secret.to_string(),
            backoff: Duration::from_millis(backoff_ms),
            max_attempts,
        },
        ..Default::default()
    };
    serve_demo(dir, config).await
}

/// Serves `config` (its database in `dir`) and waits until it is healthy.
async fn serve_demo(dir: TempDir, config: server::Config) -> TestApp {
    let db_path = config.db_path.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let server = tokio::spawn(server::serve(config, listener, std::future::pending()));
    let client = Client::new();
    for _ in 0..300 {
        if server.is_finished() {
            panic!("the server stopped: {:?}", server.await);
        }
        let health = client
            .get(format!("{base}/api/v1/health"))
            .timeout(Duration::from_secs(2))
            .send()
            .await;
        if health.is_ok_and(|r| r.status() == StatusCode::OK) {
            let options = SqliteConnectOptions::new()
                .filename(&db_path)
                .busy_timeout(Duration::from_secs(5));
            let pool = SqlitePoolOptions::new()
                .max_connections(2)
                .connect_with(options)
                .await
                .expect("open the test database");
            return TestApp {
                base,
                db_path,
                pool,
                _dir: dir,
            };
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not become healthy");
}

pub fn new_client() -> Client {
    Client::builder()
        .cookie_store(true)
        .build()
        .expect("client")
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn sign_in(&self, body: Value) -> Actor {
        let client = new_client();
        let response = client
            .post(self.url("/api/v1/sessions"))
            .json(&body)
            .send()
            .await
            .expect("sign in");
        assert_eq!(response.status(), StatusCode::OK, "sign-in {body}");
        let who: Value = response.json().await.expect("sign-in body");
        let name = who["name"].as_str().expect("name").to_string();
        Actor {
            client,
            name,
            base: self.base.clone(),
        }
    }

    /// Every demo staff account's password is "pitwall".
    pub async fn sign_in_staff(&self, username: &str, password: &str) -> Actor {
        self.sign_in(json!({ "username": username, "password": password }))
            .await
    }

    pub async fn sign_in_bay(&self, bay_id: i64, pin: &str) -> Actor {
        self.sign_in(json!({ "bay_id": bay_id, "pin": pin })).await
    }

    /// The bay's team lead (PIN: the bay number four times).
    pub async fn lead(&self, bay_id: i64) -> Actor {
        self.sign_in_bay(bay_id, &bay_id.to_string().repeat(4))
            .await
    }

    /// Moves the server's clock forward by `minutes` (`POST /api/test/clock`); the
    /// complaints the move makes overdue escalate before it answers.
    pub async fn advance_clock(&self, minutes: i64) -> Value {
        let response = Client::new()
            .post(self.url("/api/test/clock"))
            .json(&json!({ "advance_minutes": minutes }))
            .send()
            .await
            .expect("move the clock");
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.expect("the clock's answer")
    }

    pub async fn job_id(&self, ticket: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM jobs WHERE ticket = ?")
            .bind(ticket)
            .fetch_one(&self.pool)
            .await
            .expect("job by ticket")
    }

    /// (version, stage) as stored.
    pub async fn job_row(&self, ticket: &str) -> (i64, String) {
        sqlx::query_as("SELECT version, stage FROM jobs WHERE ticket = ?")
            .bind(ticket)
            .fetch_one(&self.pool)
            .await
            .expect("job row")
    }

    pub async fn version(&self, ticket: &str) -> i64 {
        self.job_row(ticket).await.0
    }

    pub async fn scalar(&self, sql: &str) -> i64 {
        sqlx::query_scalar::<_, Option<i64>>(sql)
            .fetch_one(&self.pool)
            .await
            .expect(sql)
            .unwrap_or(0)
    }

    pub async fn events_count(&self) -> i64 {
        self.scalar("SELECT COUNT(*) FROM events").await
    }

    pub async fn max_event_id(&self) -> i64 {
        self.scalar("SELECT MAX(id) FROM events").await
    }

    pub async fn timeline_count(&self, ticket: &str) -> i64 {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM job_timeline t JOIN jobs j ON j.id = t.job_id WHERE j.ticket = ?",
        )
        .bind(ticket)
        .fetch_one(&self.pool)
        .await
        .expect("timeline count")
    }

    /// Opens `GET /api/v1/events/{channel}` anonymously.
    pub async fn stream(&self, channel: &str) -> SseStream {
        SseStream::open(
            &Client::new(),
            &self.url(&format!("/api/v1/events/{channel}")),
            None,
        )
        .await
    }

    /// Opens a stream with a `Last-Event-ID` header.
    pub async fn stream_from(&self, channel: &str, last_event_id: i64) -> SseStream {
        let url = self.url(&format!("/api/v1/events/{channel}"));
        SseStream::open(&Client::new(), &url, Some(last_event_id)).await
    }

    /// Takes an action with the job's current version; asserts 200 and returns the job.
    pub async fn act_ok(&self, actor: &Actor, ticket: &str, action: Value) -> Value {
        let version = self.version(ticket).await;
        let response = actor
            .act(self.job_id(ticket).await, version, action.clone())
            .await;
        let status = response.status();
        let body: Value = response.json().await.expect("action body");
        assert_eq!(status, StatusCode::OK, "{ticket} {action}: {body}");
        assert_eq!(body["version"], json!(version + 1), "{ticket} {action}");
        body
    }
}

impl TestApp {
    /// Ticks every item of the job's work done, as `actor` at its bay; returns how many.
    pub async fn tick_all(&self, actor: &Actor, ticket: &str) -> usize {
        let job_id = self.job_id(ticket).await;
        let items: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM job_items WHERE job_id = ? AND status IN ('todo', 'approved') ORDER BY id",
        )
        .bind(job_id)
        .fetch_all(&self.pool)
        .await
        .expect("items to tick");
        for item in &items {
            let response = actor
                .check_item(job_id, *item, json!({ "done": true }))
                .await;
            assert_eq!(
                response.status(),
                StatusCode::OK,
                "tick {ticket} item {item}"
            );
        }
        items.len()
    }

    /// Ticks the whole checklist, then finishes the work with the self-check.
    pub async fn finish(&self, actor: &Actor, ticket: &str, note: &str) -> Value {
        self.tick_all(actor, ticket).await;
        self.act_ok(
            actor,
            ticket,
            json!({ "action": "finish_work", "self_check": true, "note": note }),
        )
        .await
    }
}

impl Actor {
    /// `POST /api/v1/jobs/{id}/items/{item}/check`.
    pub async fn check_item(&self, job_id: i64, item_id: i64, body: Value) -> Response {
        self.client
            .post(self.url(&format!("/api/v1/jobs/{job_id}/items/{item_id}/check")))
            .json(&body)
            .send()
            .await
            .expect("check request")
    }

    /// `POST` a JSON body to an API path.
    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.client
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .expect("POST")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `POST /api/v1/jobs/{id}/actions` with `expected_version` merged into `action`.
    pub async fn act(&self, job_id: i64, expected_version: i64, mut action: Value) -> Response {
        action["expected_version"] = json!(expected_version);
        self.client
            .post(self.url(&format!("/api/v1/jobs/{job_id}/actions")))
            .json(&action)
            .send()
            .await
            .expect("action request")
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// `GET` a path and read its JSON body.
    pub async fn get_json(&self, path: &str) -> Value {
        self.get(path).await.json().await.expect("a JSON body")
    }
}

/// Asserts the API's error shape and code; returns the body.
pub async fn expect_error(response: Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(response.status(), status);
    let body: Value = response.json().await.expect("error body is JSON");
    assert_eq!(body["error"]["code"], json!(code), "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "error without a message: {body}"
    );
    body
}
