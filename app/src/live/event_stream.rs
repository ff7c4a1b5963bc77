//! The browser side of a channel: an `EventSource` that is recreated (with backoff and
//! the last id seen) when the browser gives up on it — a `502` during a server restart
//! closes a native `EventSource` for good.

use std::{cell::RefCell, rc::Rc, time::Duration};

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{EventSource, MessageEvent};

use super::Connection;
use crate::model::{ChannelState, ErrorBody, LiveSnapshot};

const EVENTS: [&str; 9] = [
    "snapshot",
    "job",
    "job_removed",
    "bay",
    "desk_request",
    "part",
    "follow_up",
    "complaint",
    "appointment",
];

/// Folds one event (name, JSON data) into the screen's state.
type OnEvent = Rc<dyn Fn(&str, &str)>;

struct Inner {
    url: String,
    last_id: Option<u64>,
    failures: u32,
    source: Option<EventSource>,
    listeners: Vec<Closure<dyn FnMut(MessageEvent)>>,
    on_open: Option<Closure<dyn FnMut(web_sys::Event)>>,
    on_error: Option<Closure<dyn FnMut(web_sys::Event)>>,
    on_event: OnEvent,
    connection: RwSignal<Connection>,
    stopped: bool,
}

/// Once the snapshot resource has resolved, seeds the state with it and follows the
/// stream from its event id.
pub fn follow<S>(
    channel: String,
    snapshot: Resource<Result<LiveSnapshot, ErrorBody>>,
    live: RwSignal<Option<S>>,
    connection: RwSignal<Connection>,
    generation: RwSignal<u32>,
) where
    S: ChannelState + DeserializeOwned + Clone + Send + Sync + 'static,
{
    let handle = StoredValue::new_local(None::<Rc<RefCell<Inner>>>);
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        let Some(result) = snapshot.get() else {
            return false;
        };
        let last_id = match result {
            Ok(snap) => match serde_json::from_str::<S>(&snap.data) {
                Ok(state) => {
                    live.set(Some(state));
                    Some(snap.last_event_id)
                }
                Err(_) => None,
            },
            Err(_) => None,
        };
        let on_event: OnEvent = Rc::new(move |event: &str, data: &str| {
            live.update(|state| {
                if event == "snapshot" {
                    if let Ok(fresh) = serde_json::from_str::<S>(data) {
                        *state = Some(fresh);
                    }
                } else if let Some(state) = state.as_mut() {
                    if let Err(e) = state.apply(event, data) {
                        leptos::logging::warn!("ignoring a malformed {event} event: {e}");
                    }
                }
            });
        });
        let inner = Rc::new(RefCell::new(Inner {
            url: format!("/api/v1/events/{channel}"),
            last_id,
            failures: 0,
            source: None,
            listeners: Vec::new(),
            on_open: None,
            on_error: None,
            on_event,
            connection,
            stopped: false,
        }));
        open(&inner);
        handle.set_value(Some(inner));
        true
    });
    // A new generation (signed in or out): reconnect without a last id, so the server
    // sends the snapshot this session may see, which replaces the state.
    Effect::new(move |seen: Option<u32>| {
        let now = generation.get();
        if seen.is_some_and(|g| g != now) {
            if let Some(cell) = handle.with_value(|slot| slot.clone()) {
                {
                    let mut inner = cell.borrow_mut();
                    inner.last_id = None;
                    inner.failures = 0;
                }
                open(&cell);
            }
        }
        now
    });
    // The browser knows at once when the network goes: say so, and reconnect (from the
    // last id seen) the moment it is back rather than waiting out a backoff.
    let offline =
        window_event_listener_untyped("offline", move |_| connection.set(Connection::Reconnecting));
    let online = window_event_listener_untyped("online", move |_| {
        if let Some(cell) = handle.with_value(|slot| slot.clone()) {
            cell.borrow_mut().failures = 0;
            open(&cell);
        }
    });
    on_cleanup(move || {
        offline.remove();
        online.remove();
        handle.try_update_value(|slot| {
            if let Some(cell) = slot.take() {
                let mut inner = cell.borrow_mut();
                inner.stopped = true;
                close(&mut inner);
            }
        });
    });
}

fn close(inner: &mut Inner) {
    if let Some(source) = inner.source.take() {
        source.close();
    }
    inner.listeners.clear();
    inner.on_open = None;
    inner.on_error = None;
}

fn open(cell: &Rc<RefCell<Inner>>) {
    let mut inner = cell.borrow_mut();
    close(&mut inner);
    if inner.stopped {
        return;
    }
    let url = match inner.last_id {
        Some(id) => format!("{}?last_event_id={id}", inner.url),
        None => inner.url.clone(),
    };
    let Ok(source) = EventSource::new(&url) else {
        drop(inner);
        retry_later(cell);
        return;
    };
    for name in EVENTS {
        let weak = Rc::downgrade(cell);
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let Some(cell) = weak.upgrade() else { return };
            let on_event = {
                let mut inner = cell.borrow_mut();
                if let Ok(id) = e.last_event_id().parse::<u64>() {
                    inner.last_id = Some(id);
                }
                Rc::clone(&inner.on_event)
            };
            if let Some(data) = e.data().as_string() {
                on_event(name, &data);
            }
        });
        let _ = source.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
        inner.listeners.push(listener);
    }
    let weak = Rc::downgrade(cell);
    let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if let Some(cell) = weak.upgrade() {
            let mut inner = cell.borrow_mut();
            inner.failures = 0;
            inner.connection.set(Connection::Live);
        }
    });
    let weak = Rc::downgrade(cell);
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        let Some(cell) = weak.upgrade() else { return };
        let closed = {
            let inner = cell.borrow();
            inner.connection.set(Connection::Reconnecting);
            inner
                .source
                .as_ref()
                .is_none_or(|s| s.ready_state() == EventSource::CLOSED)
        };
        // The browser retries by itself unless it closed the source; then we do.
        if closed {
            retry_later(&cell);
        }
    });
    source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    inner.on_open = Some(on_open);
    inner.on_error = Some(on_error);
    inner.source = Some(source);
}

/// Reopens after a backoff. Never closes synchronously: this may run inside the
/// source's own error callback, whose closure must outlive the call.
fn retry_later(cell: &Rc<RefCell<Inner>>) {
    let delay = {
        let mut inner = cell.borrow_mut();
        inner.failures = inner.failures.saturating_add(1);
        Duration::from_millis((250u64 << inner.failures.min(5)).min(8_000))
    };
    let weak = Rc::downgrade(cell);
    set_timeout(
        move || {
            if let Some(cell) = weak.upgrade() {
                open(&cell);
            }
        },
        delay,
    );
}
