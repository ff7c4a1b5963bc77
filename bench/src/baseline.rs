//! The baseline of the fan-out figures: a minimal axum server with one
//! `tokio::sync::broadcast` and nothing else. It answers the few requests the fan-out
//! meter makes (sign-in, a lounge snapshot with A01, an action that bumps A01's version
//! and broadcasts it), so the same meter measures both.

use std::{
    convert::Infallible,
    sync::{
        atomic::{AtomicI64, Ordering},
        Arc,
    },
};

use axum::{
    body::{Body, Bytes},
    extract::State,
    response::Response,
    routing::{get, post},
    Json, Router,
};
use futures::StreamExt;
use serde_json::{json, Value};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;

use crate::args::Args;

struct Hub {
    version: AtomicI64,
    frames: broadcast::Sender<Bytes>,
}

pub async fn run(args: &Args) -> Result<(), String> {
    let port: u16 = args.get("port", 3999)?;
    let hub = Arc::new(Hub {
        version: AtomicI64::new(1),
        frames: broadcast::channel(256).0,
    });
    let app = Router::new()
        .route(
            "/api/v1/health",
            get(|| async { Json(json!({ "status": "ok" })) }),
        )
        .route("/api/v1/sessions", post(|| async { Json(json!({})) }))
        .route("/api/v1/events/{*channel}", get(events))
        .route("/api/v1/jobs/{id}/actions", post(action))
        .with_state(hub);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| e.to_string())?;
    println!("baseline broadcast server on 127.0.0.1:{port}");
    axum::serve(listener, app).await.map_err(|e| e.to_string())
}

fn frame(id: i64, event: &str, data: &Value) -> Bytes {
    Bytes::from(format!("id: {id}\nevent: {event}\ndata: {data}\n\n"))
}

async fn events(State(hub): State<Arc<Hub>>) -> Response {
    let version = hub.version.load(Ordering::SeqCst);
    let job = json!({ "id": 1, "ticket": "A01", "version": version });
    let first = frame(version, "snapshot", &json!({ "jobs": [job] }));
    let live = BroadcastStream::new(hub.frames.subscribe()).filter_map(|f| async { f.ok() });
    let stream = futures::stream::once(async { first })
        .chain(live)
        .map(Ok::<_, Infallible>);
    Response::builder()
        .header("content-type", "text/event-stream")
        .header("cache-control", "no-cache")
        .body(Body::from_stream(stream))
        .unwrap_or_default()
}

async fn action(State(hub): State<Arc<Hub>>) -> Json<Value> {
    let version = hub.version.fetch_add(1, Ordering::SeqCst) + 1;
    let job = json!({ "id": 1, "ticket": "A01", "version": version });
    let _ = hub.frames.send(frame(version, "job", &job));
    Json(job)
}
