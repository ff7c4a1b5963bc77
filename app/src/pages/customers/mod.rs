//! `/desk/customers` (being built for issue 18).

use leptos::prelude::*;

use crate::i18n::{t, use_lang, customers::Cu, Key};

#[component]
pub fn CustomersPage() -> impl IntoView {
    let lang = use_lang();
    view! { <h1>{move || t(lang.get(), Key::Customers(Cu::Title))}</h1> }
}
