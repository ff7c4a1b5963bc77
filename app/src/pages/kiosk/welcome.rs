//! Step 0: greeting, and the two ways in (appointment or not).

use leptos::prelude::*;

use super::{Kiosk, Step};
use crate::components::{Glyph, Icon};
use crate::i18n::kiosk::K;

#[component]
pub fn Welcome(kiosk: Kiosk) -> impl IntoView {
    let start = move |step: Step| {
        kiosk.draft.update(|d| d.idempotency_key = new_key());
        kiosk.go(step);
    };
    view! {
        <div class="welcome">
            <h1>{move || kiosk.t(K::Welcome)}</h1>
            <p class="lead">{move || kiosk.t(K::WelcomeSub)}</p>
            <div class="big-choices">
                <button type="button" class="primary huge" on:click=move |_| start(Step::Find)>
                    <Icon glyph=Glyph::Calendar />
                    {move || kiosk.t(K::HaveAppointment)}
                </button>
                <button type="button" class="primary huge" on:click=move |_| start(Step::WalkIn)>
                    <Icon glyph=Glyph::Car />
                    {move || kiosk.t(K::NoAppointment)}
                </button>
            </div>
        </div>
    }
}

/// A fresh `Idempotency-Key` for one check-in.
fn new_key() -> String {
    #[cfg(feature = "hydrate")]
    {
        let part = || {
            format!(
                "{:013x}",
                (js_sys::Math::random() * 4_503_599_627_370_496.0) as u64
            )
        };
        format!("kiosk-{}{}{}", part(), part(), part())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}
