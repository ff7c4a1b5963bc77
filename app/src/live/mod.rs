//! The live channel: one hook every screen uses to show a channel's state. SSR renders
//! the channel's snapshot and embeds the event id it reflects; the hydrated page opens
//! an `EventSource` from exactly that id and folds each event into the state.

#[cfg(feature = "hydrate")]
mod event_stream;
mod hook;
mod source;

pub use hook::{use_live_channel, Connection, LiveChannel};
pub use source::{channel_snapshot, ChannelSnapshot};
#[cfg(feature = "ssr")]
pub use source::{SnapshotSource, Snapshots};
