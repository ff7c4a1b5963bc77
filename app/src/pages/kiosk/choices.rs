//! Step 5: free wash, old parts, payment, waiting or leaving, the valuables reminder and
//! the consent that extra work needs approval.

use leptos::prelude::*;

use super::{CallError, Draft, Kiosk, Step, StepNav};
use crate::i18n::kiosk::K;

/// One question answered by tapping one of a few big buttons.
#[component]
fn Choice<T>(
    kiosk: Kiosk,
    legend: K,
    options: Vec<(T, K)>,
    #[prop(into)] get: Signal<Option<T>>,
    #[prop(into)] set: Callback<T>,
    name: &'static str,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <fieldset class="choice" data-choice=name class:invalid=move || kiosk.field_error(name).is_some()>
            <legend>{move || kiosk.t(legend)}</legend>
            <div class="segmented">
                {options.into_iter().map(|(value, label)| view! {
                    <button
                        type="button"
                        aria-pressed=move || (get.get() == Some(value)).to_string()
                        on:click=move |_| set.run(value)
                    >
                        {move || kiosk.t(label)}
                    </button>
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// A statement the customer ticks to agree to, marked when the server named its field.
#[component]
fn Agree(
    kiosk: Kiosk,
    field: &'static str,
    label: K,
    get: fn(&Draft) -> bool,
    set: fn(&mut Draft, bool),
) -> impl IntoView {
    view! {
        <label class="check big" class:invalid=move || kiosk.field_error(field).is_some()>
            <input
                type="checkbox"
                name=field
                prop:checked=move || kiosk.draft.with(get)
                on:change=move |ev| { let on = event_target_checked(&ev); kiosk.draft.update(|d| set(d, on)); }
            />
            <span>{move || kiosk.t(label)}</span>
        </label>
    }
}

#[component]
pub fn Choices(kiosk: Kiosk) -> impl IntoView {
    let read = move |f: fn(&Draft) -> Option<bool>| Signal::derive(move || kiosk.draft.with(f));
    let read_str =
        move |f: fn(&Draft) -> Option<&'static str>| Signal::derive(move || kiosk.draft.with(f));
    let leaving = move || kiosk.draft.with(|d| d.waiting == Some(false));
    let contact = Signal::derive(move || kiosk.draft.with(|d| d.contact_phone.clone()));
    let complete = Signal::derive(move || kiosk.draft.with(Draft::choices_made));
    // The wash changes the ready time: price again before signing.
    let next = move |_| {
        if complete.get_untracked() {
            kiosk.quote_then(Step::Sign);
        }
    };
    view! {
        <div class="choices">
            <h1>{move || kiosk.t(K::ChoicesTitle)}</h1>
            <Choice kiosk
                legend=K::Wash
                name="wash"
                options=vec![(true, K::WashYes), (false, K::WashNo)]
                get=read(|d| d.wash)
                set=move |v| kiosk.draft.update(|d| d.wash = Some(v))
            />
            <Choice kiosk
                legend=K::OldParts
                name="old_parts"
                options=vec![("take", K::TakeParts), ("leave", K::LeaveParts)]
                get=read_str(|d| d.old_parts)
                set=move |v| kiosk.draft.update(|d| d.old_parts = Some(v))
            />
            <Choice kiosk
                legend=K::Payment
                name="payment_method"
                options=vec![("wechat", K::PayWechat), ("alipay", K::PayAlipay), ("card", K::PayCard), ("cash", K::PayCash)]
                get=read_str(|d| d.payment)
                set=move |v| kiosk.draft.update(|d| d.payment = Some(v))
            />
            <Choice kiosk
                legend=K::Waiting
                name="waiting"
                options=vec![(true, K::WaitInLounge), (false, K::WillLeave)]
                get=read(|d| d.waiting)
                set=move |v| kiosk.draft.update(|d| d.waiting = Some(v))
            />
            <Show when=leaving>
                <div class="field" class:invalid=move || kiosk.field_error("contact_phone").is_some()>
                    <label for="contact-phone">{move || kiosk.t(K::ContactPhone)}</label>
                    <input
                        id="contact-phone"
                        type="tel"
                        inputmode="numeric"
                        autocomplete="off"
                        prop:value=contact
                        on:input=move |ev| { let v = event_target_value(&ev); kiosk.draft.update(|d| d.contact_phone = v); }
                    />
                    <p class="field-error">{move || kiosk.field_error("contact_phone")}</p>
                </div>
            </Show>
            <Agree kiosk field="valuables_acknowledged" label=K::ValuablesAck get=|d| d.valuables set=|d, on| d.valuables = on />
            <Agree kiosk field="consent" label=K::ConsentAck get=|d| d.consent set=|d, on| d.consent = on />
            <Show when=move || !complete.get()>
                <p class="hint">{move || kiosk.t(K::PleaseChoose)}</p>
            </Show>
            <CallError kiosk />
            <StepNav kiosk next_enabled=complete on_next=next />
        </div>
    }
}
