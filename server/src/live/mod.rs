//! Live updates: the hub that tails the event log after each commit and fans every
//! event out to the channels that have subscribers, projected and serialised once per
//! channel; the SSE streams; and the channel snapshots (also used by SSR).

mod channel;
mod snapshot;
mod sse;

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use sqlx::SqlitePool;
use tokio::sync::{broadcast, Notify};

pub use channel::{project, ChannelKey, Frame};
pub use snapshot::{snapshot, SnapshotSource};
pub use sse::events_handler;

use crate::store::{self, StoreError};

/// How many frames a channel buffers for a slow subscriber before it must catch up
/// from the event log instead.
const CHANNEL_CAPACITY: usize = 256;

pub struct Hub {
    pool: SqlitePool,
    channels: Mutex<HashMap<ChannelKey, broadcast::Sender<Arc<Frame>>>>,
    wake: Notify,
    published: Mutex<i64>,
    pub keepalive: Duration,
}

impl Hub {
    /// A hub that will publish every event after the log's current end.
    pub async fn new(pool: SqlitePool, keepalive: Duration) -> Result<Arc<Hub>, StoreError> {
        let mut conn = pool.acquire().await?;
        let end = store::max_event_id(&mut conn).await?;
        drop(conn);
        Ok(Arc::new(Hub {
            pool,
            channels: Mutex::new(HashMap::new()),
            wake: Notify::new(),
            published: Mutex::new(end),
            keepalive,
        }))
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
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
            let events = store::events_after(&self.pool, after, 500).await?;
            let Some(last) = events.last().map(|e| e.id) else {
                return Ok(());
            };
            let mut channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
            channels.retain(|_, tx| tx.receiver_count() > 0);
            for event in &events {
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
