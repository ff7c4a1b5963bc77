//! The idle guard: after a quiet minute mid-flow it asks "Are you still there?", and
//! after a little longer resets to Welcome, leaving nothing of the customer behind.
//! `?idle=N` shortens the minute (for tests and demos).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::Kiosk;
use crate::components::count_quiet_seconds;
use crate::i18n::kiosk::K;

const DEFAULT_IDLE_SECS: u64 = 60;

/// `(ask after, reset after)` seconds of quiet.
pub fn idle_limits(idle: u64) -> (u64, u64) {
    let idle = idle.max(2);
    (idle, idle + (idle / 3).clamp(3, 20))
}

#[component]
pub fn IdleGuard(kiosk: Kiosk) -> impl IntoView {
    let query = use_query_map();
    let idle = query
        .with_untracked(|q| q.get("idle").and_then(|v| v.parse().ok()))
        .unwrap_or(DEFAULT_IDLE_SECS);
    let (ask, reset) = idle_limits(idle);
    let quiet = RwSignal::new(0_u64);
    let asking = Memo::new(move |_| quiet.get() >= ask);

    count_quiet_seconds(
        quiet,
        move || kiosk.draft.with_untracked(|d| d.step) != super::Step::Welcome,
        move |q| {
            if q >= reset {
                quiet.set(0);
                kiosk.reset();
            }
        },
    );

    view! {
        <Show when=move || asking.get()>
            <div class="modal-backdrop">
                <div class="modal" role="alertdialog" aria-modal="true" aria-labelledby="still-there">
                    <h2 id="still-there">{move || kiosk.t(K::StillThere)}</h2>
                    <p>{move || kiosk.t(K::StillThereBody)}</p>
                    <div class="step-nav">
                        <button type="button" class="secondary" on:click=move |_| { quiet.set(0); kiosk.reset(); }>
                            {move || kiosk.t(K::StartOver)}
                        </button>
                        <button type="button" class="primary" on:click=move |_| quiet.set(0)>
                            {move || kiosk.t(K::Continue)}
                        </button>
                    </div>
                </div>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minute_asks_then_twenty_seconds_more_resets() {
        assert_eq!(idle_limits(60), (60, 80));
        assert_eq!(idle_limits(6), (6, 9));
    }
}
