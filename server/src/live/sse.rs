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

/// Browsers wait this long before reconnecting after a dropped stream.
const RETRY: &[u8] = b"retry: 2000\n\n";
const KEEP_ALIVE: &[u8] = b": keep-alive\n\n";

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
        ChannelKey::Track(token) => track_expired(&state.pool, token).await?,
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
        ChannelKey::Desk => {}
    }
    drop(conn);
    let actor = current_actor(parts, state).await?;
    let key = resolve_channel(key, actor.as_ref())?;
    let session = match (&key, &actor) {
        (ChannelKey::Desk | ChannelKey::BayCrew(_), Some(actor)) => {
            Some(SessionWatch::of(state, actor).await?)
        }
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
