//! Sending a change to the server from a live screen: never while offline, one at a
//! time, and the outcome (or what went wrong) put where the screen shows messages. The
//! live channel brings the new state itself.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::send;
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
    pub fn post(self, url: String, body: serde_json::Value, done: Option<Key>) {
        if !self.online.get_untracked() {
            self.message.set(Some(Key::Workshop(W::Offline)));
            return;
        }
        self.busy.set(true);
        spawn_local(async move {
            match send::<_, serde_json::Value>("POST", &url, Some(&body)).await {
                Ok(_) => self.message.set(done),
                Err(e) => self.message.set(Some(e.key())),
            }
            self.busy.set(false);
        });
    }
}
