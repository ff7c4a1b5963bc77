//! A big on-screen PIN keypad for gloved hands; calls `on_submit` with the digits.
//! Signs in at a bay, and countersigns a step there (with its own title and button).

use leptos::prelude::*;

use crate::i18n::{t, Key, Lang};

#[component]
pub fn PinPad(
    lang: Memo<Lang>,
    #[prop(into)] on_submit: Callback<String>,
    busy: Signal<bool>,
    /// The heading; "Enter your PIN" by default.
    #[prop(optional)]
    title: Option<Key>,
    /// The submit button's label; "Sign in" by default.
    #[prop(optional)]
    submit: Option<Key>,
) -> impl IntoView {
    let title = title.unwrap_or(Key::EnterPin);
    let submit = submit.unwrap_or(Key::SignIn);
    let pin = RwSignal::new(String::new());
    let press = move |d: char| {
        pin.update(|p| {
            if p.len() < 6 {
                p.push(d)
            }
        })
    };
    view! {
        <section class="pin-pad" aria-labelledby="pin-title">
            <h2 id="pin-title">{move || t(lang.get(), title)}</h2>
            <output class="pin-dots" data-testid="pin-dots" aria-label=move || t(lang.get(), Key::Pin)>
                {move || "●".repeat(pin.with(String::len))}
            </output>
            <div class="keys">
                {['1', '2', '3', '4', '5', '6', '7', '8', '9']
                    .into_iter()
                    .map(|d| view! { <button type="button" class="key" on:click=move |_| press(d)>{d.to_string()}</button> })
                    .collect_view()}
                <button type="button" class="key key-clear" on:click=move |_| pin.set(String::new())>
                    {move || t(lang.get(), Key::Clear)}
                </button>
                <button type="button" class="key" on:click=move |_| press('0')>"0"</button>
                <button
                    type="button"
                    class="key key-go"
                    disabled=move || busy.get() || pin.with(|p| p.len() < 4)
                    on:click=move |_| {
                        on_submit.run(pin.get_untracked());
                        pin.set(String::new());
                    }
                >
                    {move || t(lang.get(), submit)}
                </button>
            </div>
        </section>
    }
}
