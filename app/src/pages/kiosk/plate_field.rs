//! The plate field: province quick-picks (typing 粤 on a touchscreen is hard) and the
//! rest typed, checked with the domain's `Plate` as the customer types.

use leptos::prelude::*;

use super::Kiosk;
use crate::domain::Plate;
use crate::i18n::kiosk::K;

const PROVINCES: [&str; 8] = ["粤", "湘", "桂", "闽", "赣", "琼", "京", "沪"];

#[component]
pub fn PlateField(value: Signal<String>, #[prop(into)] set: Callback<String>, show_error: Signal<bool>) -> impl IntoView {
    let kiosk = Kiosk::use_ctx();
    let local_error = move || {
        let v = value.get();
        Plate::parse(&v).err().map(|e| kiosk.t(K::PlateErr(e)).to_string())
    };
    let message = move || kiosk.field_error("plate").or_else(|| show_error.get().then(local_error).flatten());
    let pick = move |p: &'static str| {
        let rest: String = value.get_untracked().chars().skip_while(|c| !c.is_ascii()).collect();
        set.run(format!("{p}{rest}"));
    };
    view! {
        <div class="field" class:invalid=move || message().is_some()>
            <label for="plate">{move || kiosk.t(K::Plate)}</label>
            <div class="provinces" role="group">
                {PROVINCES.into_iter().map(|p| view! {
                    <button type="button" class="chip" on:click=move |_| pick(p)>{p}</button>
                }).collect_view()}
            </div>
            <input
                id="plate"
                name="plate"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                placeholder=move || kiosk.t(K::PlateHint)
                prop:value=value
                on:input=move |ev| set.run(event_target_value(&ev).to_uppercase())
                aria-describedby="plate-error"
                aria-invalid=move || message().is_some().to_string()
            />
            <p id="plate-error" class="field-error" aria-live="polite">{message}</p>
        </div>
    }
}
