//! `use_live_channel`: a channel's state as a signal plus the connection state screens
//! show ("reconnecting…").

use leptos::prelude::*;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use super::channel_snapshot;
use crate::model::ChannelState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Connection {
    Connecting,
    Live,
    Reconnecting,
}

impl Connection {
    pub fn as_str(self) -> &'static str {
        match self {
            Connection::Connecting => "connecting",
            Connection::Live => "live",
            Connection::Reconnecting => "reconnecting",
        }
    }
}

pub struct LiveChannel<S: Send + Sync + 'static> {
    /// The channel's current view; `None` until the snapshot has arrived.
    pub state: Signal<Option<S>>,
    pub connection: Signal<Connection>,
    /// The snapshot could not be loaded (the stream keeps trying).
    pub failed: Signal<bool>,
    /// Bumped to reconnect afresh (see [`LiveChannel::resubscribe`]).
    generation: RwSignal<u32>,
}

impl<S: Send + Sync + 'static> LiveChannel<S> {
    /// Reconnects from a fresh snapshot: after signing in or out, the server picks what
    /// this screen may see from the session (a bay's full view only for its crew).
    pub fn resubscribe(&self) {
        self.generation.update(|g| *g = g.wrapping_add(1));
    }
}

impl<S: Send + Sync + 'static> Clone for LiveChannel<S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S: Send + Sync + 'static> Copy for LiveChannel<S> {}

/// Subscribes to `channel` (`lounge`, `bays`, `bay/3`, …) for the life of the component.
pub fn use_live_channel<S>(channel: impl Into<String>) -> LiveChannel<S>
where
    S: ChannelState + DeserializeOwned + Clone + Send + Sync + 'static,
{
    let channel: String = channel.into();
    let snapshot = Resource::new(
        {
            let channel = channel.clone();
            move || channel.clone()
        },
        channel_snapshot,
    );
    let live = RwSignal::new(None::<S>);
    let connection = RwSignal::new(Connection::Connecting);
    let state = Signal::derive(move || {
        live.get().or_else(|| {
            snapshot
                .get()
                .and_then(Result::ok)
                .and_then(|s| serde_json::from_str::<S>(&s.data).ok())
        })
    });
    let failed = Signal::derive(move || {
        live.with(Option::is_none) && matches!(snapshot.get(), Some(Err(_)))
    });

    let generation = RwSignal::new(0u32);
    #[cfg(feature = "hydrate")]
    super::event_stream::follow(channel, snapshot, live, connection, generation);
    #[cfg(not(feature = "hydrate"))]
    let _ = channel;

    LiveChannel {
        state,
        connection: connection.into(),
        failed,
        generation,
    }
}
