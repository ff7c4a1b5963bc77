//! `GET /api/v1/events/{channel}`: a snapshot or a `Last-Event-ID` replay from the log,
//! then live frames, keep-alive comments, never compressed or buffered. A subscriber that
//! falls behind catches up from the log, so no event is ever skipped.

use std::{collections::HashMap, convert::Infallible, sync::Arc};

use app::domain::Role;
use axum::{
    body::{Body, Bytes},
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::Response,
};
use futures::StreamExt;
use tokio::sync::{broadcast::error::RecvError, mpsc};
use tokio_stream::wrappers::ReceiverStream;

use super::{project, snapshot, ChannelKey, Frame};
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
    authorize(&state, &key, &parts).await?;
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
    let (min, max) = store::event_bounds(&state.pool).await?;
    let replay_from = last_event_id.filter(|n| *n <= max && *n + 1 >= min);
    let first = match replay_from {
        Some(n) => Start::Replay(n),
        None => {
            let (id, json) = snapshot(&state.pool, &key).await?;
            Start::Snapshot(Frame::raw(id, "snapshot", &json))
        }
    };

    let (tx, rx) = mpsc::channel::<Bytes>(64);
    let stream = Stream {
        pool: state.pool.clone(),
        key,
        tx,
        keepalive: state.hub.keepalive,
    };
    tokio::spawn(stream.run(first, live));
    let body = Body::from_stream(ReceiverStream::new(rx).map(Ok::<_, Infallible>));
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "text/event-stream")
        .header(header::CACHE_CONTROL, "no-cache, no-transform")
        .header("x-accel-buffering", "no")
        .body(body)
        .map_err(|e| AppError::Internal(e.to_string()))
}

async fn authorize(
    state: &AppState,
    key: &ChannelKey,
    parts: &http::request::Parts,
) -> Result<(), AppError> {
    let mut conn = state.pool.acquire().await?;
    match key {
        ChannelKey::Lounge | ChannelKey::Bays => Ok(()),
        ChannelKey::Bay(bay) => store::bay_exists(&mut conn, *bay)
            .await?
            .then_some(())
            .ok_or(AppError::NotFound),
        ChannelKey::Track(token) => store::job_id_by_token(&mut conn, token)
            .await?
            .map(|_| ())
            .ok_or(AppError::NotFound),
        ChannelKey::Desk => {
            drop(conn);
            let actor = current_actor(parts, state)
                .await?
                .ok_or(AppError::Unauthenticated)?;
            match actor.role {
                Role::Advisor
                | Role::Foreman
                | Role::Manager
                | Role::QcInspector
                | Role::Washer => Ok(()),
                Role::Technician | Role::TeamLead => {
                    Err(AppError::Forbidden("the desk channel is for staff".into()))
                }
            }
        }
    }
}

enum Start {
    Snapshot(Frame),
    Replay(i64),
}

struct Stream {
    pool: sqlx::SqlitePool,
    key: ChannelKey,
    tx: mpsc::Sender<Bytes>,
    keepalive: std::time::Duration,
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
    async fn run(self, first: Start, mut live: tokio::sync::broadcast::Receiver<Arc<Frame>>) {
        let _ = self.drive(first, &mut live).await;
    }

    async fn drive(
        &self,
        first: Start,
        live: &mut tokio::sync::broadcast::Receiver<Arc<Frame>>,
    ) -> Result<(), Ended> {
        self.send(Bytes::from_static(RETRY)).await?;
        let mut last = match first {
            Start::Snapshot(frame) => {
                let id = frame.id;
                self.send(frame.bytes).await?;
                id
            }
            Start::Replay(n) => self.replay(n).await?,
        };
        loop {
            tokio::select! {
                _ = self.tx.closed() => return Err(Ended),
                received = live.recv() => match received {
                    Ok(frame) if frame.id > last => {
                        self.send(frame.bytes.clone()).await?;
                        last = frame.id;
                    }
                    Ok(_) => {}
                    Err(RecvError::Lagged(_)) => last = self.replay(last).await?,
                    Err(RecvError::Closed) => return Err(Ended),
                },
                _ = tokio::time::sleep(self.keepalive) => self.send(Bytes::from_static(KEEP_ALIVE)).await?,
            }
        }
    }

    /// Sends this channel's events after `after` from the log; returns the log position reached.
    async fn replay(&self, mut after: i64) -> Result<i64, Ended> {
        loop {
            let events = store::events_after(&self.pool, after, 500).await?;
            let Some(end) = events.last().map(|e| e.id) else {
                return Ok(after);
            };
            for event in &events {
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
