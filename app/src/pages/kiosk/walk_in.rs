//! Step 1 (walk-in): plate, mobile number, name (optional) and model, each checked with
//! the domain's types as the customer types.

use leptos::prelude::*;

use super::{plate_field::PlateField, Kiosk, Step, StepNav};
use crate::components::{KeyPress, Keypad};
use crate::domain::text::{MODEL_MAX, NAME_MAX};
use crate::domain::{FuelType, Phone, Plate};
use crate::i18n::kiosk::K;

#[component]
pub fn WalkIn(kiosk: Kiosk) -> impl IntoView {
    let tried = RwSignal::new(false);
    let field = move |f: fn(&super::Draft) -> String| Signal::derive(move || kiosk.draft.with(f));
    let plate = field(|d| d.plate.clone());
    let phone = field(|d| d.phone.clone());
    let name = field(|d| d.name.clone());
    let model = field(|d| d.model.clone());
    let phone_error = move || {
        kiosk.field_error("phone").or_else(|| {
            tried
                .get()
                .then(|| {
                    Phone::parse(&phone.get())
                        .err()
                        .map(|e| kiosk.t(K::PhoneErr(e)).to_string())
                })
                .flatten()
        })
    };
    let model_missing = move || tried.get() && model.with(|m| m.trim().is_empty());
    let valid = move || {
        Plate::parse(&plate.get()).is_ok()
            && Phone::parse(&phone.get()).is_ok()
            && !model.with(|m| m.trim().is_empty())
    };
    let next = move |_| {
        tried.set(true);
        if valid() {
            kiosk.go(Step::Mileage);
        }
    };
    view! {
        <div class="walk-in">
            <h1>{move || kiosk.t(K::WalkInTitle)}</h1>
            <PlateField kiosk value=plate set=move |v: String| kiosk.draft.update(|d| d.plate = v) show_error=tried.into() />
            <div class="field" class:invalid=move || phone_error().is_some()>
                <label for="phone">{move || kiosk.t(K::Phone)}</label>
                <input
                    id="phone"
                    type="tel"
                    inputmode="numeric"
                    autocomplete="off"
                    placeholder=move || kiosk.t(K::PhoneHint)
                    prop:value=phone
                    on:input=move |ev| { let v = event_target_value(&ev); kiosk.draft.update(|d| d.phone = v); }
                    aria-describedby="phone-error"
                />
                <p id="phone-error" class="field-error" aria-live="polite">{phone_error}</p>
                <Keypad lang=kiosk.lang on_press=move |k: KeyPress| kiosk.draft.update(|d| k.apply(&mut d.phone, 11)) />
            </div>
            <div class="field">
                <label for="name">{move || kiosk.t(K::NameOptional)}</label>
                <input
                    id="name"
                    autocomplete="off"
                    maxlength=NAME_MAX.to_string()
                    prop:value=name
                    on:input=move |ev| { let v = event_target_value(&ev); kiosk.draft.update(|d| d.name = v); }
                />
            </div>
            <div class="field" class:invalid=model_missing>
                <label for="model">{move || kiosk.t(K::Model)}</label>
                <input
                    id="model"
                    autocomplete="off"
                    maxlength=MODEL_MAX.to_string()
                    placeholder=move || kiosk.t(K::ModelHint)
                    prop:value=model
                    on:input=move |ev| { let v = event_target_value(&ev); kiosk.draft.update(|d| d.model = v); }
                />
                <p class="field-error" aria-live="polite">
                    {move || kiosk.field_error("model").or_else(|| model_missing().then(|| kiosk.t(K::Required).to_string()))}
                </p>
            </div>
            <fieldset class="choice" data-choice="fuel_type">
                <legend>{move || kiosk.t(K::FuelType)}</legend>
                <div class="segmented">
                    {FuelType::ALL.into_iter().map(|fuel| view! {
                        <button
                            type="button"
                            aria-pressed=move || kiosk.draft.with(|d| d.fuel_type.unwrap_or(FuelType::Petrol) == fuel).to_string()
                            on:click=move |_| kiosk.draft.update(|d| d.fuel_type = Some(fuel))
                        >
                            {move || kiosk.t(K::Fuel(fuel))}
                        </button>
                    }).collect_view()}
                </div>
            </fieldset>
            <StepNav kiosk next_enabled=Signal::derive(|| true) on_next=next />
        </div>
    }
}
