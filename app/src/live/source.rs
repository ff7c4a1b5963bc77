//! Where SSR gets a channel's snapshot: a server function at `/api/v1/channel_snapshot`
//! backed by the server's store (the server provides a `Snapshots` context; the app
//! never touches SQL). Its errors are the API's own `ErrorBody`, with the API's status.

use leptos::prelude::*;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};

use crate::model::{ErrorBody, ErrorDetail, LiveSnapshot};

#[cfg(feature = "ssr")]
pub trait SnapshotSource: Send + Sync + 'static {
    fn snapshot(
        &self,
        channel: String,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<LiveSnapshot, ErrorBody>> + Send>>;
}

/// The context the server provides to pages and server functions.
#[cfg(feature = "ssr")]
#[derive(Clone)]
pub struct Snapshots(pub std::sync::Arc<dyn SnapshotSource>);

/// A channel's snapshot and the id of the last event it reflects.
#[server(prefix = "/api/v1", endpoint = "channel_snapshot")]
pub async fn channel_snapshot(channel: String) -> Result<LiveSnapshot, ErrorBody> {
    let source = use_context::<Snapshots>().ok_or_else(|| {
        ErrorBody::from_server_fn_error(ServerFnErrorErr::ServerError("no snapshot source".into()))
    })?;
    source.0.snapshot(channel).await
}

impl FromServerFnError for ErrorBody {
    type Encoder = JsonEncoding;

    /// A call the server function could not even run: a malformed form is the caller's
    /// `400 bad_request` (never a 500); anything else (the network, a broken answer) is
    /// `internal`.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let bad_request = matches!(
            value,
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_)
        );
        #[cfg(feature = "ssr")]
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(if bad_request {
                http::StatusCode::BAD_REQUEST
            } else {
                http::StatusCode::INTERNAL_SERVER_ERROR
            });
        }
        ErrorBody {
            error: ErrorDetail {
                code: if bad_request {
                    "bad_request"
                } else {
                    "internal"
                }
                .into(),
                message: value.to_string(),
                fields: Default::default(),
                current: None,
            },
        }
    }
}
