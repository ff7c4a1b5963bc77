//! Counting quiet seconds on a touchscreen (kiosk idle reset, bay idle sign-out): any
//! touch, key or typing anywhere sets the count back to zero.

use leptos::prelude::*;

/// Counts seconds into `quiet` while `counting()` holds (else keeps it at zero) and
/// calls `on_tick` with the count each second. Browser only; a no-op in SSR.
pub fn count_quiet_seconds(
    quiet: RwSignal<u64>,
    counting: impl Fn() -> bool + 'static,
    on_tick: impl Fn(u64) + 'static,
) {
    #[cfg(feature = "hydrate")]
    {
        for event in ["pointerdown", "keydown", "input"] {
            let handle = window_event_listener_untyped(event, move |_| quiet.set(0));
            on_cleanup(move || handle.remove());
        }
        if let Ok(handle) = set_interval_with_handle(
            move || {
                if !counting() {
                    quiet.set(0);
                    return;
                }
                quiet.update(|q| *q += 1);
                on_tick(quiet.get_untracked());
            },
            std::time::Duration::from_secs(1),
        ) {
            on_cleanup(move || handle.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (quiet, counting, on_tick);
}
