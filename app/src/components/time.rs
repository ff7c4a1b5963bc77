//! Times as the store shows them (the store's configured offset, default UTC+8, whatever
//! the device's zone, so SSR and the browser agree) and a "now" that ticks in the browser only.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::store_date;
use crate::i18n::{t, Key, Lang};

pub use crate::domain::store_clock as clock_time;

/// "14:35" today, "tomorrow 09:40", or "11-26 10:45", in the store's time zone: a time
/// on another day never reads as if it had passed.
pub fn day_time(lang: Lang, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match (store_date(at) - store_date(now)).num_days() {
        d if d <= 0 => clock_time(at),
        1 => format!("{} {}", t(lang, Key::Tomorrow), clock_time(at)),
        _ => format!("{} {}", store_date(at).format("%m-%d"), clock_time(at)),
    }
}

pub fn minutes_since(since: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (now - since).num_minutes().max(0)
}

/// The current time, refreshed every 15 s; `None` during SSR and before hydration, so
/// server and browser render the same first frame.
pub fn use_now() -> ReadSignal<Option<DateTime<Utc>>> {
    let (now, set_now) = signal(None::<DateTime<Utc>>);
    Effect::new(move |_| {
        set_now.set(Some(Utc::now()));
        #[cfg(feature = "hydrate")]
        if let Ok(handle) = set_interval_with_handle(
            move || set_now.set(Some(Utc::now())),
            std::time::Duration::from_secs(15),
        ) {
            on_cleanup(move || handle.clear());
        }
    });
    now
}

/// The server's clock as this screen reads it, ticking with [`use_now`]: `reported` is
/// the server's "now" in its latest snapshot, and the difference from this device's clock
/// at that moment is kept (a device clock that is off, or a server clock a test moved).
pub fn use_server_now(reported: Signal<Option<DateTime<Utc>>>) -> Signal<Option<DateTime<Utc>>> {
    let now = use_now();
    let offset = RwSignal::new(chrono::Duration::zero());
    Effect::new(move |_| {
        if let Some(server) = reported.get() {
            offset.set(server - Utc::now());
        }
    });
    Signal::derive(move || now.get().map(|n| n + offset.get()))
}
