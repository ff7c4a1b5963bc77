//! A labelled text input with its hint and the error the screen or the server gave for it.

use leptos::prelude::*;

#[component]
pub fn FormField(
    label: Signal<&'static str>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    /// The field's name, as the server names it in `fields` (and for tests).
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<Signal<&'static str>>,
) -> impl IntoView {
    view! {
        <label class="field" data-field=name>
            <span>{label}</span>
            <input type=kind name=name prop:value=move || value.get()
                on:input=move |e| value.set(event_target_value(&e)) />
            {hint.map(|h| view! { <small class="muted">{h}</small> })}
            {move || error.get().map(|e| view! { <small class="field-error" role="alert">{e}</small> })}
        </label>
    }
}
