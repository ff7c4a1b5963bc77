//! Where SSR gets a channel's snapshot: a server function backed by the server's store
//! (the server provides a `Snapshots` context; the app never touches SQL).

use leptos::prelude::*;

use crate::model::LiveSnapshot;

#[cfg(feature = "ssr")]
pub trait SnapshotSource: Send + Sync + 'static {
    fn snapshot(
        &self,
        channel: String,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<LiveSnapshot, String>> + Send>>;
}

/// The context the server provides to pages and server functions.
#[cfg(feature = "ssr")]
#[derive(Clone)]
pub struct Snapshots(pub std::sync::Arc<dyn SnapshotSource>);

/// A channel's snapshot and the id of the last event it reflects.
#[server]
pub async fn channel_snapshot(channel: String) -> Result<LiveSnapshot, ServerFnError> {
    let source =
        use_context::<Snapshots>().ok_or_else(|| ServerFnError::new("no snapshot source"))?;
    source.0.snapshot(channel).await.map_err(ServerFnError::new)
}
