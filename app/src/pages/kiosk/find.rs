//! Step 1 (returning customer): find the booking by plate + the phone's last four
//! digits, or by appointment code; then confirm it is theirs.

use leptos::prelude::*;

use super::{plate_field::PlateField, CallError, Kiosk, Step};
use crate::client;
use crate::components::{clock_time, KeyPress, Keypad};
use crate::domain::Plate;
use crate::i18n::kiosk::K;
use crate::model::{LookupRequest, LookupResult};

#[derive(Clone, Copy, PartialEq)]
enum By {
    Plate,
    Code,
}

#[component]
pub fn Find(kiosk: Kiosk) -> impl IntoView {
    let by = RwSignal::new(By::Plate);
    let last4 = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let plate = Signal::derive(move || kiosk.draft.with(|d| d.plate.clone()));
    let found = Memo::new(move |_| kiosk.draft.with(|d| d.lookup.clone()));

    let ready = move || match by.get() {
        By::Plate => Plate::parse(&plate.get()).is_ok() && last4.with(|l| l.len() == 4),
        By::Code => code.with(|c| !c.trim().is_empty()),
    };
    let find = move || {
        tried.set(true);
        if !ready() {
            return;
        }
        let request = match by.get_untracked() {
            By::Plate => LookupRequest {
                plate: Some(plate.get_untracked()),
                phone_last4: Some(last4.get_untracked()),
                appointment_code: None,
            },
            By::Code => LookupRequest {
                appointment_code: Some(code.get_untracked().trim().to_uppercase()),
                ..LookupRequest::default()
            },
        };
        kiosk.call(
            move || async move {
                client::send::<_, LookupResult>("POST", "/api/v1/checkins/lookup", Some(&request))
                    .await
            },
            move |result| kiosk.draft.update(|d| d.lookup = Some(result)),
        );
    };

    let tab = move |which: By, key: K| {
        view! {
            <button
                type="button"
                role="tab"
                aria-selected=move || (by.get() == which).to_string()
                on:click=move |_| { by.set(which); kiosk.error.set(None); }
            >
                {move || kiosk.t(key)}
            </button>
        }
    };

    view! {
        <div class="find">
            <h1>{move || kiosk.t(if found.with(Option::is_some) { K::FoundTitle } else { K::FindTitle })}</h1>
            {move || match found.get() {
                Some(result) => view! { <Found kiosk result /> }.into_any(),
                None => view! {
                    <div role="tablist" class="tabs">{tab(By::Plate, K::ByPlate)}{tab(By::Code, K::ByCode)}</div>
                    <form class="find-form" on:submit=move |ev| { ev.prevent_default(); find(); }>
                        <Show
                            when=move || by.get() == By::Plate
                            fallback=move || view! {
                                <div class="field" class:invalid=move || tried.get() && code.with(|c| c.trim().is_empty())>
                                    <label for="appointment-code">{move || kiosk.t(K::AppointmentCode)}</label>
                                    <input
                                        id="appointment-code"
                                        autocomplete="off"
                                        autocapitalize="characters"
                                        placeholder=move || kiosk.t(K::AppointmentCodeHint)
                                        prop:value=code
                                        on:input=move |ev| code.set(event_target_value(&ev).to_uppercase())
                                    />
                                    <p class="hint">{move || kiosk.t(K::ScanCode)}</p>
                                    <p class="field-error" aria-live="polite">
                                        {move || (tried.get() && code.with(|c| c.trim().is_empty())).then(|| kiosk.t(K::CodeInvalid))}
                                    </p>
                                </div>
                            }
                        >
                            <PlateField kiosk
                                value=plate
                                set=move |v: String| kiosk.draft.update(|d| d.plate = v)
                                show_error=tried.into()
                            />
                            <div class="field" class:invalid=move || tried.get() && last4.with(|l| l.len() != 4)>
                                <label for="last4">{move || kiosk.t(K::PhoneLast4)}</label>
                                <input
                                    id="last4"
                                    inputmode="numeric"
                                    autocomplete="off"
                                    maxlength="4"
                                    prop:value=last4
                                    on:input=move |ev| last4.set(event_target_value(&ev).chars().filter(char::is_ascii_digit).take(4).collect())
                                />
                                <p class="field-error" aria-live="polite">
                                    {move || (tried.get() && last4.with(|l| l.len() != 4)).then(|| kiosk.t(K::Last4Invalid))}
                                </p>
                                <Keypad lang=kiosk.lang on_press=move |k: KeyPress| last4.update(|v| k.apply(v, 4)) />
                            </div>
                        </Show>
                        <CallError kiosk />
                        <nav class="step-nav">
                            <button type="button" class="secondary back" on:click=move |_| kiosk.go(Step::Welcome)>
                                "‹ " {move || kiosk.t(K::Back)}
                            </button>
                            <button type="submit" class="primary next" disabled=move || kiosk.busy.get()>
                                {move || kiosk.t(K::Find)}
                            </button>
                        </nav>
                    </form>
                }.into_any(),
            }}
        </div>
    }
}

/// What the lookup found, for the customer to confirm.
#[component]
fn Found(kiosk: Kiosk, result: LookupResult) -> impl IntoView {
    let appointment = result.appointment.clone();
    view! {
        <div class="found-card" data-testid="found">
            <p class="found-name">{result.customer_name_masked.clone()}</p>
            <p class="found-car"><span class="plate">{result.plate_masked.clone()}</span> " · " {result.model.clone()}</p>
            <p>{move || kiosk.t(K::LastMileage)} ": " {result.last_mileage_km} " " {move || kiosk.t(K::Km)}</p>
            {appointment.map(|a| view! {
                <p class="found-appointment">
                    {move || kiosk.t(K::YourAppointment)} ": " {clock_time(a.scheduled_at)} " · " {a.note.clone()}
                </p>
            })}
        </div>
        <nav class="step-nav">
            <button type="button" class="secondary" on:click=move |_| kiosk.draft.update(|d| d.lookup = None)>
                {move || kiosk.t(K::NotMe)}
            </button>
            <button type="button" class="primary next" on:click=move |_| kiosk.go(Step::Mileage)>
                {move || kiosk.t(K::ThisIsMe)}
            </button>
        </nav>
    }
}
