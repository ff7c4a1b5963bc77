//! `/desk/customers` (being built for issue 18).

use leptos::prelude::*;

use crate::components::StaffPage;
use crate::domain::Role;
use crate::i18n::{customers::Cu, t, Key};

#[component]
pub fn CustomersPage() -> impl IntoView {
    let message = RwSignal::new(None::<Key>);
    view! {
        <StaffPage title=Key::Customers(Cu::Title) class="customers-page" links=vec![]
            allow=Role::works_reception message
            body=move |_actor, lang| view! { <p>{move || t(lang.get(), Key::Customers(Cu::Title))}</p> } />
    }
}
