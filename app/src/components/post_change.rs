//! Sending a change to the server from a live screen: never while offline, one at a
//! time, and the outcome (or what went wrong) put where the screen shows messages. The
//! live channel brings the new state itself.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Serialize;

use crate::client::{send, send_with_headers};
use crate::i18n::{workshop::W, Key};

/// Where a screen keeps what a change needs and what it says back.
#[derive(Clone, Copy)]
pub struct Changes {
    pub message: RwSignal<Option<Key>>,
    pub busy: RwSignal<bool>,
    /// The live channel is connected.
    pub online: Signal<bool>,
}

impl Changes {
    /// POSTs `body` to `url`; `done` is shown on success (or the message cleared).
    pub fn post(self, url: String, body: impl Serialize, done: Option<Key>) {
        if !self.online.get_untracked() {
            self.message.set(Some(Key::Workshop(W::Offline)));
            return;
        }
        let Some(body) = self.as_json(&body) else {
            return;
        };
        self.busy.set(true);
        spawn_local(async move {
            match send::<_, serde_json::Value>("POST", &url, Some(&body)).await {
                Ok(_) => self.message.set(done),
                Err(e) => self.message.set(Some(e.key())),
            }
            self.busy.set(false);
        });
    }

    /// [`Changes::post`] once per user intent: the same body again (a retried tap after a
    /// lost answer) goes with the same `Idempotency-Key`, so the server acts once. `slot`
    /// holds the last body sent and its key until it succeeds.
    pub fn post_once(
        self,
        url: String,
        body: impl Serialize,
        slot: StoredValue<Option<(String, String)>>,
        done: Option<Key>,
    ) {
        if !self.online.get_untracked() {
            self.message.set(Some(Key::Workshop(W::Offline)));
            return;
        }
        let Some(body) = self.as_json(&body) else {
            return;
        };
        let key = intent_key(slot, &body, "desk");
        self.busy.set(true);
        spawn_local(async move {
            let headers = [("Idempotency-Key", key.as_str())];
            match send_with_headers::<_, serde_json::Value>("POST", &url, Some(&body), &headers)
                .await
            {
                Ok(_) => {
                    slot.set_value(None);
                    self.message.set(done);
                }
                Err(e) => self.message.set(Some(e.key())),
            }
            self.busy.set(false);
        });
    }

    /// The body as JSON; one that cannot be written says so where the screen shows
    /// messages (nothing is sent).
    fn as_json(self, body: &impl Serialize) -> Option<serde_json::Value> {
        match serde_json::to_value(body) {
            Ok(value) => Some(value),
            Err(e) => {
                leptos::logging::error!("writing a request body: {e}");
                self.message.set(Some(Key::SomethingWrong));
                None
            }
        }
    }
}

/// The `Idempotency-Key` for sending `body`: the slot's key when it was last used for
/// this very body (a retry), otherwise a fresh one, remembered in the slot.
pub fn intent_key(
    slot: StoredValue<Option<(String, String)>>,
    body: &serde_json::Value,
    prefix: &str,
) -> String {
    let text = body.to_string();
    if let Some((_, key)) = slot.get_value().filter(|(sent, _)| *sent == text) {
        return key;
    }
    let key = new_request_key(prefix);
    slot.set_value(Some((text, key.clone())));
    key
}

/// A fresh random key (on the server side of SSR, where nothing is sent, empty).
pub fn new_request_key(prefix: &str) -> String {
    #[cfg(feature = "hydrate")]
    {
        let part = || {
            format!(
                "{:013x}",
                (js_sys::Math::random() * 4_503_599_627_370_496.0) as u64
            )
        };
        format!("{prefix}-{}{}{}", part(), part(), part())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = prefix;
        String::new()
    }
}
