//! `/desk/messages` (being built for issue 18).

use leptos::prelude::*;

use crate::i18n::{t, use_lang, messages::Ms, Key};

#[component]
pub fn MessagesPage() -> impl IntoView {
    let lang = use_lang();
    view! { <h1>{move || t(lang.get(), Key::Messages(Ms::Title))}</h1> }
}
