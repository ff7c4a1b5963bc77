//! The plate field: province quick-picks (typing 粤 on a touchscreen is hard) and the
//! rest typed, checked with the domain's `Plate` as the customer types.

use leptos::prelude::*;

use super::Kiosk;
use crate::domain::Plate;
use crate::i18n::kiosk::K;

const PROVINCES: [&str; 8] = ["粤", "湘", "桂", "闽", "赣", "琼", "京", "沪"];

/// Upper case, with a province character typed anywhere moved to the front (a tap on a
/// province chip after typing the rest is forgiven).
pub fn tidy_plate(typed: &str) -> String {
    let upper = typed.to_uppercase();
    let (province, rest): (String, String) = upper.chars().partition(|c| !c.is_ascii());
    format!("{province}{rest}")
}

#[component]
pub fn PlateField(
    kiosk: Kiosk,
    value: Signal<String>,
    #[prop(into)] set: Callback<String>,
    show_error: Signal<bool>,
) -> impl IntoView {
    let local_error = move || {
        let v = value.get();
        Plate::parse(&v)
            .err()
            .map(|e| kiosk.t(K::PlateErr(e)).to_string())
    };
    let message = move || {
        kiosk
            .field_error("plate")
            .or_else(|| show_error.get().then(local_error).flatten())
    };
    let input = NodeRef::<leptos::html::Input>::new();
    let pick = move |p: &'static str| {
        let rest: String = value
            .get_untracked()
            .chars()
            .filter(char::is_ascii)
            .collect();
        let plate = format!("{p}{rest}");
        // Back to the field, caret at the end, ready for the rest of the plate.
        #[cfg(feature = "hydrate")]
        if let Some(el) = input.get_untracked() {
            el.set_value(&plate);
            let _ = el.focus();
            let end = u32::try_from(plate.encode_utf16().count()).unwrap_or(0);
            let _ = el.set_selection_range(end, end);
        }
        set.run(plate);
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
                node_ref=input
                id="plate"
                name="plate"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                placeholder=move || kiosk.t(K::PlateHint)
                prop:value=value
                on:input=move |ev| set.run(tidy_plate(&event_target_value(&ev)))
                aria-describedby="plate-error"
                aria-invalid=move || message().is_some().to_string()
            />
            <p id="plate-error" class="field-error" aria-live="polite">{message}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_province_typed_last_moves_to_the_front() {
        assert_eq!(tidy_plate("b8k3m6粤"), "粤B8K3M6");
        assert_eq!(tidy_plate("粤b12345"), "粤B12345");
    }
}
