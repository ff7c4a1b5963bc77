//! `/desk/appointments` (being built for issue 18).

use leptos::prelude::*;

use crate::i18n::{t, use_lang, appointments::Ap, Key};

#[component]
pub fn AppointmentsPage() -> impl IntoView {
    let lang = use_lang();
    view! { <h1>{move || t(lang.get(), Key::Appointments(Ap::Title))}</h1> }
}
