//! `GET /api/v1/events/{channel}`: a snapshot or a `Last-Event-ID` replay from the log,
//! then live frames, keep-alive comments, never compressed or buffered. A subscriber that
//! falls behind catches up from the log, so no event is ever skipped. A stream ends when
//! the server stops, and one opened with a session's rights when that session ends.

use std::{collections::HashMap, convert::Infallible, sync::Arc};

use axum::{
    body::{Body, Bytes},
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::Response,
};
use futures::StreamExt;
use tokio::sync::{broadcast, broadcast::error::RecvError, mpsc};
use tokio_stream::wrappers::ReceiverStream;

use super::{
    access::{resolve_channel, Ends, SessionWatch},
    project, track_expired, ChannelKey, Frame, Hub,
};
use crate::{
    auth::current_actor,
    error::AppError,
    store::{self, StoreError},
    AppState,
};
use app::model::ErrorBody;

/// Browsers wait this long before reconnecting after a dropped stream.
const RETRY: &[u8] = b"retry: 2000\n\n";
const KEEP_ALIVE: &[u8] = b": keep-alive\n\n";

/// Live updates of a channel (SSE)
#[utoipa::path(get, path = "/api/v1/events/{channel}", tag = "events", operation_id = "events",
    description = include_str!("../api/doc/events.md"),
    security((), ("session" = [])),
    params(
        ("channel" = String, Path, pattern = "^(lounge|bays|desk|parts|aftersales|bay/[0-9]+|track/[A-Za-z0-9]{1,128})$", example = "lounge",
            description = "`lounge`, `bays`, `bay/{bay_id}` (a positive integer), `desk`, `parts`, `aftersales` or `track/{tracking_token}` (1–128 ASCII letters and digits). Routed literally, e.g. `/api/v1/events/bay/2`. Anything else is `404 not_found`."),
        ("Last-Event-ID" = Option<u64>, Header,
            description = "Resume after this event id (a non-negative integer; otherwise `400 bad_request`; empty means none)."),
        ("last_event_id" = Option<u64>, Query,
            description = "Same as the `Last-Event-ID` header, for clients that cannot set headers (e.g. `EventSource` on first connect). Ignored when the header is present."),
    ),
    responses(
        (status = 200, description = "The event stream (see the operation description for event names and data per channel).",
            content_type = "text/event-stream", body = String,
            headers(("Cache-Control" = String, description = "`no-cache, no-transform`"), ("X-Accel-Buffering" = String, description = "`no`")),
            example = json!("retry: 2000\n\nid: 412\nevent: snapshot\ndata: {\"jobs\":[],\"desk_phone\":\"\"}\n\n: keep-alive\n\nid: 413\nevent: job_removed\ndata: {\"id\":7}\n\n")),
        (status = 400, description = "`bad_request`: `Last-Event-ID` / `last_event_id` is not a non-negative integer, or the query string is malformed.",
            body = ErrorBody, example = json!({"error": {"code": "bad_request", "message": "Last-Event-ID must be a non-negative integer"}})),
        (status = 401, response = crate::api::doc::responses::Unauthenticated),
        (status = 403, description = "`forbidden`: `desk` or `parts` for a technician or team lead, QC inspector, washer, follow-up agent or reception supervisor; `aftersales` for anyone but a follow-up agent, advisor, reception supervisor or manager.", body = ErrorBody,
            example = json!({"error": {"code": "forbidden", "message": "the desk channel is for staff"}})),
        (status = 404, response = crate::api::doc::responses::NotFound),
        (status = 500, response = crate::api::doc::responses::Internal),
        (status = 503, response = crate::api::doc::responses::Unavailable),
    ))]
pub async fn events_handler(
    State(state): State<AppState>,
    Path(channel): Path<String>,
    query: Result<Query<HashMap<String, String>>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
    request: axum::extract::Request,
) -> Result<Response, AppError> {
    let key = ChannelKey::parse(&channel).ok_or(AppError::NotFound)?;
    let (parts, _) = request.into_parts();
    // Listen for sign-outs before the session is checked, so one that lands in between
    // still ends this stream.
    let revoked = state.hub.revocations();
    let (key, session) = authorize(&state, key, &parts).await?;
    let Query(query) = query.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let last_event_id = match headers
        .get("last-event-id")
        .map(|v| v.to_str().unwrap_or("x").to_string())
        .or_else(|| query.get("last_event_id").cloned())
    {
        None => None,
        Some(raw) if raw.trim().is_empty() => None,
        Some(raw) => Some(
            raw.trim()
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| {
                    AppError::BadRequest("Last-Event-ID must be a non-negative integer".into())
                })?,
        ),
    };

    // Subscribe before reading the store so nothing committed after the read is missed.
    let live = state.hub.subscribe(&key);
    // An expired tracking link shows only that it expired: no replay of the job.
    let frozen = match &key {
        ChannelKey::Track(token) => track_expired(&state.pool, token, state.clock.now()).await?,
        _ => false,
    };
    let resume = match last_event_id.filter(|_| !frozen) {
        Some(n) if state.hub.resumable(&key, n).await? => Some(n),
        _ => None,
    };
    let first = match resume {
        Some(n) => Start::Replay(n),
        None => {
            let (id, json) = state.hub.snapshot(&key).await?;
            Start::Snapshot(Frame::raw(id, "snapshot", &json))
        }
    };

    let (tx, rx) = mpsc::channel::<Bytes>(64);
    let ends = Ends {
        shutdown: state.hub.shutdown_signal(),
        revoked,
        session,
        pool: state.pool.clone(),
    };
    let stream = Stream {
        _counted: state.metrics.subscriber(&key),
        hub: state.hub.clone(),
        key,
        tx,
        keepalive: state.hub.keepalive,
        frozen,
    };
    tokio::spawn(stream.run(first, live, ends));
    let body = Body::from_stream(ReceiverStream::new(rx).map(Ok::<_, Infallible>));
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "text/event-stream")
        .header(header::CACHE_CONTROL, "no-cache, no-transform")
        .header("x-accel-buffering", "no")
        .body(body)
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// The channel key this request gets (the desk refused without a desk session, a bay's
/// full view only for its crew) and the session the stream must end with, if its view
/// needs one.
async fn authorize(
    state: &AppState,
    key: ChannelKey,
    parts: &http::request::Parts,
) -> Result<(ChannelKey, Option<SessionWatch>), AppError> {
    let mut conn = state.pool.acquire().await?;
    match &key {
        ChannelKey::Lounge | ChannelKey::Bays => return Ok((key, None)),
        ChannelKey::Bay(bay) | ChannelKey::BayCrew(bay) => {
            if !store::bay_exists(&mut conn, *bay).await? {
                return Err(AppError::NotFound);
            }
        }
        ChannelKey::Track(token) => {
            store::job_id_by_token(&mut conn, token)
                .await?
                .ok_or(AppError::NotFound)?;
            return Ok((key, None));
        }
        ChannelKey::Desk | ChannelKey::Parts | ChannelKey::Aftersales => {}
    }
    drop(conn);
    // A session that must change its password first opens nothing a signed-out screen cannot.
    let actor = current_actor(parts, state)
        .await?
        .filter(|a| !a.must_change_password);
    let key = resolve_channel(key, actor.as_ref())?;
    let session = match (&key, &actor) {
        (
            ChannelKey::Desk | ChannelKey::Parts | ChannelKey::Aftersales | ChannelKey::BayCrew(_),
            Some(actor),
        ) => Some(SessionWatch::of(state, actor).await?),
        _ => None,
    };
    Ok((key, session))
}

enum Start {
    Snapshot(Frame),
    Replay(i64),
}

struct Stream {
    /// Counts this stream in `/metrics` while it lives.
    _counted: crate::metrics::Subscriber,
    hub: Arc<Hub>,
    key: ChannelKey,
    tx: mpsc::Sender<Bytes>,
    keepalive: std::time::Duration,
    /// Nothing more to send but keep-alives (an expired tracking link).
    frozen: bool,
}

/// The stream ended: the client left or the store failed (the client reconnects with
/// its last id and misses nothing).
struct Ended;

impl From<StoreError> for Ended {
    fn from(e: StoreError) -> Self {
        tracing::warn!("event stream ended: {e}");
        Ended
    }
}

impl Stream {
    /// Drives the stream until the client leaves or something ends it; dropping `self`
    /// then closes the response body.
    async fn run(self, first: Start, mut live: broadcast::Receiver<Arc<Frame>>, ends: Ends) {
        tokio::select! {
            _ = self.drive(first, &mut live) => {}
            _ = ends.wait() => {}
        }
    }

    async fn drive(
        &self,
        first: Start,
        live: &mut broadcast::Receiver<Arc<Frame>>,
    ) -> Result<(), Ended> {
        self.send(Bytes::from_static(RETRY)).await?;
        let mut last = match first {
            Start::Snapshot(frame) => {
                let id = frame.id;
                self.send(frame.bytes).await?;
                id
            }
            // Boxed, like the catch-up below: rare paths that would otherwise size every
            // idle stream's state (BENCHMARKS.md, fan-out memory).
            Start::Replay(n) => Box::pin(self.replay(n)).await?,
        };
        loop {
            tokio::select! {
                _ = self.tx.closed() => return Err(Ended),
                received = live.recv(), if !self.frozen => match received {
                    Ok(frame) if frame.id > last => {
                        self.send(frame.bytes.clone()).await?;
                        last = frame.id;
                    }
                    Ok(_) => {}
                    Err(RecvError::Lagged(_)) => last = Box::pin(self.catch_up(last)).await?,
                    Err(RecvError::Closed) => return Err(Ended),
                },
                _ = tokio::time::sleep(self.keepalive) => self.send(Bytes::from_static(KEEP_ALIVE)).await?,
            }
        }
    }

    /// After missing live frames: the missed events from the log, or a fresh snapshot
    /// when they are too many (or no longer retained).
    async fn catch_up(&self, last: i64) -> Result<i64, Ended> {
        if self.hub.resumable(&self.key, last).await? {
            return self.replay(last).await;
        }
        let (id, json) = self.hub.snapshot(&self.key).await?;
        if id <= last {
            return Ok(last);
        }
        self.send(Frame::raw(id, "snapshot", &json).bytes).await?;
        Ok(id)
    }

    /// Sends this channel's events after `after` from the log; returns the log position reached.
    async fn replay(&self, mut after: i64) -> Result<i64, Ended> {
        loop {
            let batch = self.hub.read_events(&self.key, after).await?;
            let Some(end) = batch.end else {
                return Ok(after);
            };
            for event in &batch.events {
                if let Some(frame) = project(&self.key, event) {
                    self.send(frame.bytes).await?;
                }
            }
            after = end;
        }
    }

    async fn send(&self, bytes: Bytes) -> Result<(), Ended> {
        self.tx.send(bytes).await.map_err(|_| Ended)
    }
}
