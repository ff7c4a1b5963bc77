//! Step 2: the odometer reading on a big keypad. Below the last record is refused with
//! the reason; a jump far above it asks for confirmation.

use leptos::prelude::*;

use super::{CallError, Kiosk, Step, StepNav};
use crate::components::{KeyPress, Keypad};
use crate::domain::Mileage;
use crate::i18n::kiosk::K;

#[component]
pub fn MileageStep(kiosk: Kiosk) -> impl IntoView {
    let tried = RwSignal::new(false);
    let typed = Signal::derive(move || kiosk.draft.with(|d| d.mileage.clone()));
    let last = Memo::new(move |_| {
        kiosk
            .draft
            .with(|d| d.lookup.as_ref().map(|l| l.last_mileage_km))
    });
    let reading = move || Mileage::parse(&typed.get()).ok();
    let below = move || match (reading(), last.get()) {
        (Some(now), Some(last)) => now.km() < last,
        _ => false,
    };
    let jump = move || match (reading(), last.get()) {
        (Some(now), Some(last)) => Mileage::new(last).is_ok_and(|l| now.is_implausible_jump(l)),
        _ => false,
    };
    let confirmed = Signal::derive(move || kiosk.draft.with(|d| d.mileage_confirmed));
    let message = move || {
        if let Some(server) = kiosk.field_error("mileage_km") {
            return Some(server);
        }
        if below() {
            return Some(format!(
                "{} {} {}",
                kiosk.t(K::MileageBelow),
                last.get().unwrap_or(0),
                kiosk.t(K::Km)
            ));
        }
        (tried.get() && reading().is_none()).then(|| kiosk.t(K::MileageInvalid).to_string())
    };
    let next = move |_| {
        tried.set(true);
        if reading().is_none() || below() || (jump() && !confirmed.get_untracked()) {
            return;
        }
        // The package due is the natural choice; the customer can untick it next.
        kiosk.draft.update(|d| d.package = true);
        kiosk.quote_then(Step::Services);
    };
    let press = move |k: KeyPress| {
        kiosk.draft.update(|d| {
            k.apply(&mut d.mileage, 7);
            d.mileage_confirmed = false;
        })
    };
    view! {
        <div class="mileage">
            <h1>{move || kiosk.t(K::MileageTitle)}</h1>
            <p class="lead">{move || kiosk.t(K::MileageHint)}</p>
            {move || last.get().map(|km| view! {
                <p class="hint">{kiosk.t(K::LastMileage)} ": " {km} " " {kiosk.t(K::Km)}</p>
            })}
            <div class="field big-number" class:invalid=move || message().is_some()>
                <label for="mileage">{move || kiosk.t(K::MileageTitle)} " (" {move || kiosk.t(K::Km)} ")"</label>
                <input
                    id="mileage"
                    inputmode="numeric"
                    autocomplete="off"
                    prop:value=typed
                    on:input=move |ev| {
                        let v: String = event_target_value(&ev).chars().filter(char::is_ascii_digit).take(7).collect();
                        kiosk.draft.update(|d| { d.mileage = v; d.mileage_confirmed = false; });
                    }
                    aria-describedby="mileage-error"
                />
                <p id="mileage-error" class="field-error" aria-live="polite">{message}</p>
            </div>
            <Show when=move || jump() && !below()>
                <div class="confirm-box" role="alert">
                    <p>{move || kiosk.t(K::MileageJump)}</p>
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=confirmed
                            on:change=move |ev| { let on = event_target_checked(&ev); kiosk.draft.update(|d| d.mileage_confirmed = on); }
                        />
                        <span>{move || kiosk.t(K::MileageConfirm)}</span>
                    </label>
                </div>
            </Show>
            <Keypad lang=kiosk.lang on_press=press />
            <CallError kiosk />
            <StepNav kiosk next_enabled=Signal::derive(|| true) on_next=next />
        </div>
    }
}
