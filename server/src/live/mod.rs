//! Live updates: the hub that tails the event log after each commit and fans every
//! event out to the channels that have subscribers, projected and serialised once per
//! channel; the SSE streams; and the channel snapshots (also used by SSR).

mod access;
mod channel;
mod snapshot;
pub(crate) mod sse;

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use sqlx::SqlitePool;
use tokio::sync::{broadcast, watch, Notify, Semaphore};

pub use access::{resolve_channel, SessionWatch};
pub use channel::{project, ChannelKey, Frame};
pub use snapshot::{snapshot, track_expired, SnapshotSource};
pub use sse::events_handler;

use crate::{
    clock::Clock,
    metrics::Metrics,
    store::{self, EventBatch, LogEventBody, LogScope, StoreError},
};

/// A client further behind than this many of its channel's events gets a fresh snapshot
/// instead of a replay: a snapshot costs one read however old the client is, while a
/// replay of the whole retained log (up to 100,000 events) to anyone who asks for
/// `last_event_id=0` would tie up the store and the network for every such connection.
pub const REPLAY_LIMIT: i64 = 1_000;

/// The rows of the log a channel's replay needs to read.
fn scope(key: &ChannelKey) -> LogScope<'_> {
    match key {
        ChannelKey::Bay(bay) | ChannelKey::BayCrew(bay) => LogScope::Bay(*bay),
        ChannelKey::Track(token) => LogScope::Job(token),
        ChannelKey::Lounge
        | ChannelKey::Bays
        | ChannelKey::Desk
        | ChannelKey::Parts
        | ChannelKey::Aftersales => LogScope::All,
    }
}

/// How many frames a channel buffers for a slow subscriber before it must catch up
/// from the event log instead.
const CHANNEL_CAPACITY: usize = 256;

/// How many stream catch-ups (replays, snapshots) may read the store at once. The pool
/// has 8 connections: streams, which anyone can open, may hold at most half of them, so
/// actions and sign-ins always find one.
const STREAM_READERS: usize = 4;

/// Sign-outs announced to open streams; a stream that misses some (lagging) re-checks
/// its session in the store instead.
const REVOCATIONS_CAPACITY: usize = 64;

pub struct Hub {
    pool: SqlitePool,
    channels: Mutex<HashMap<ChannelKey, broadcast::Sender<Arc<Frame>>>>,
    wake: Notify,
    published: Mutex<i64>,
    readers: Semaphore,
    revoked: broadcast::Sender<Arc<str>>,
    shutdown: watch::Sender<bool>,
    pub keepalive: Duration,
    pub metrics: Arc<Metrics>,
    /// The server's clock: a snapshot says what time it was read at.
    pub clock: Clock,
}

impl Hub {
    /// A hub that will publish every event after the log's current end.
    pub async fn new(
        pool: SqlitePool,
        keepalive: Duration,
        metrics: Arc<Metrics>,
        clock: Clock,
    ) -> Result<Arc<Hub>, StoreError> {
        let mut conn = pool.acquire().await?;
        let end = store::max_event_id(&mut conn).await?;
        drop(conn);
        Ok(Arc::new(Hub {
            pool,
            channels: Mutex::new(HashMap::new()),
            wake: Notify::new(),
            published: Mutex::new(end),
            readers: Semaphore::new(STREAM_READERS),
            revoked: broadcast::channel(REVOCATIONS_CAPACITY).0,
            shutdown: watch::channel(false).0,
            keepalive,
            metrics,
            clock,
        }))
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The last event id the dispatcher has fanned out.
    pub fn published_through(&self) -> i64 {
        *self.published.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Called after a commit that appended events: wakes the dispatcher.
    pub fn notify(&self) {
        self.wake.notify_one();
    }

    pub fn subscribe(&self, key: &ChannelKey) -> broadcast::Receiver<Arc<Frame>> {
        let mut channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
        channels
            .entry(key.clone())
            .or_insert_with(|| broadcast::channel(CHANNEL_CAPACITY).0)
            .subscribe()
    }

    /// Subscribers per channel, for diagnostics and tests.
    pub fn channel_count(&self) -> usize {
        self.channels.lock().map(|c| c.len()).unwrap_or(0)
    }

    /// A session ended (signed out): every stream it opened ends now.
    pub fn revoke(&self, token_hash: &str) {
        let _ = self.revoked.send(Arc::from(token_hash));
    }

    pub fn revocations(&self) -> broadcast::Receiver<Arc<str>> {
        self.revoked.subscribe()
    }

    /// The server is stopping: every stream ends, so graceful shutdown can finish.
    pub fn shut_down(&self) {
        self.shutdown.send_replace(true);
    }

    pub fn shutdown_signal(&self) -> watch::Receiver<bool> {
        self.shutdown.subscribe()
    }

    /// The log's bounds and the store's epoch, read under the streams' share of the pool.
    /// Whether a stream of `key` resuming after `id` is replayed from the log: the same
    /// epoch, still retained, and at most [`REPLAY_LIMIT`] rows of this channel behind (a
    /// quiet channel may be far behind the log yet have little to replay). Otherwise it
    /// gets a fresh snapshot.
    pub async fn resumable(&self, key: &ChannelKey, id: i64) -> Result<bool, StoreError> {
        let _permit = self.reader().await?;
        let log = store::event_bounds(&self.pool).await?;
        if id >> 32 != log.epoch || id > log.max || id + 1 < log.min {
            return Ok(false);
        }
        if log.max - id <= REPLAY_LIMIT {
            return Ok(true);
        }
        let backlog = store::scope_backlog(&self.pool, scope(key), id, REPLAY_LIMIT).await?;
        Ok(backlog <= REPLAY_LIMIT)
    }

    /// A page of the channel's rows of the log for a stream's replay, under the streams'
    /// share of the pool.
    pub async fn read_events(
        &self,
        key: &ChannelKey,
        after: i64,
    ) -> Result<EventBatch, StoreError> {
        let _permit = self.reader().await?;
        store::events_in(&self.pool, scope(key), after, 500).await
    }

    /// A channel's snapshot, under the streams' share of the pool.
    pub async fn snapshot(&self, key: &ChannelKey) -> Result<(i64, String), StoreError> {
        let _permit = self.reader().await?;
        snapshot(&self.pool, key, self.clock.now()).await
    }

    async fn reader(&self) -> Result<tokio::sync::SemaphorePermit<'_>, StoreError> {
        self.readers
            .acquire()
            .await
            .map_err(|e| StoreError::Corrupt(format!("stream readers: {e}")))
    }

    /// Starts the single task that publishes committed events in log order.
    pub fn spawn_dispatcher(self: &Arc<Self>) {
        let hub = Arc::clone(self);
        tokio::spawn(async move {
            loop {
                // The tick is a safety net for events written by another process.
                tokio::select! {
                    _ = hub.wake.notified() => {}
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                }
                if let Err(e) = hub.publish_pending().await {
                    tracing::warn!("publishing events: {e}");
                }
            }
        });
    }

    async fn publish_pending(&self) -> Result<(), StoreError> {
        loop {
            let after = *self.published.lock().unwrap_or_else(|p| p.into_inner());
            // Undecodable rows are skipped (and logged) by the read: `end` moves past them.
            let batch = store::events_after(&self.pool, after, 500).await?;
            let Some(last) = batch.end else {
                return Ok(());
            };
            let mut channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
            channels.retain(|_, tx| tx.receiver_count() > 0);
            for event in &batch.events {
                self.metrics.published(match event.body {
                    LogEventBody::Job { .. } => "job",
                    LogEventBody::Bay(_) => "bay",
                    LogEventBody::DeskRequest(_) => "desk_request",
                    LogEventBody::Part(_) => "part",
                    LogEventBody::FollowUp(_) => "follow_up",
                    LogEventBody::Complaint(_) => "complaint",
                    LogEventBody::Appointment(_) => "appointment",
                });
                for (key, tx) in channels.iter() {
                    if let Some(frame) = project(key, event) {
                        let _ = tx.send(Arc::new(frame));
                    }
                }
            }
            drop(channels);
            *self.published.lock().unwrap_or_else(|p| p.into_inner()) = last;
        }
    }
}
