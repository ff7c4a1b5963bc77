//! `/admin`: the manager's screens for the store's reference data, behind a staff sign-in
//! (managers only; the server refuses everyone else too). A tab bar links the sections:
//! staff (`/admin/staff`), bays, the catalogue and prices, the maintenance schedules,
//! and the parts stock (`/parts`); each section is its own file here.

mod bays;
mod catalogue;
mod schedule;

use leptos::prelude::*;

use crate::components::{use_staff_session, StaffSignIn};
use crate::domain::Role;
use crate::i18n::{admin::A, t, use_lang, Key, Lang};
use crate::model::Actor;

/// Which section the admin screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Bays,
    Catalogue,
    Schedule,
}

/// What the sections share: the language and where a failure says why.
#[derive(Clone, Copy)]
pub(crate) struct Admin {
    pub lang: Memo<Lang>,
    pub message: RwSignal<Option<Key>>,
}

impl Admin {
    pub fn a(self, key: A) -> &'static str {
        t(self.lang.get(), Key::Admin(key))
    }
}

#[component]
pub fn AdminPage() -> impl IntoView {
    view! { <AdminScreen section=Section::Bays /> }
}

#[component]
pub fn AdminCataloguePage() -> impl IntoView {
    view! { <AdminScreen section=Section::Catalogue /> }
}

#[component]
pub fn AdminSchedulePage() -> impl IntoView {
    view! { <AdminScreen section=Section::Schedule /> }
}

#[component]
fn AdminScreen(section: Section) -> impl IntoView {
    let lang = use_lang();
    let staff = RwSignal::new(None::<Actor>);
    let checked = RwSignal::new(false);
    let message = RwSignal::new(None::<Key>);
    use_staff_session(staff, checked);
    let admin = Admin { lang, message };
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let is_manager = move || staff.with(|s| s.as_ref().is_some_and(|a| a.role == Role::Manager));
    let tab = move |href: &'static str, key: A, here: bool| {
        view! {
            <a class="btn tab" class:active=here aria-current=move || here.then_some("page")
                href=move || format!("{href}?lang={}", lang.get().query())>{move || admin.a(key)}</a>
        }
    };
    view! {
        <main class="admin" lang=move || lang.get().tag() data-hydrated=move || hydrated.get().to_string()>
            <header class="admin-head">
                <h1>{move || admin.a(A::Title)}</h1>
                <StaffSignIn lang staff message hint=Key::Admin(A::SignInHint) />
            </header>
            <p class="field-error" aria-live="polite">{move || message.get().map(|k| t(lang.get(), k))}</p>
            {move || match (staff.get(), is_manager()) {
                (Some(_), false) => view! {
                    <p class="empty" data-testid="managers-only">{admin.a(A::ManagersOnly)}</p>
                }.into_any(),
                (None, _) => ().into_any(),
                (Some(_), true) => view! {
                    <nav class="admin-tabs" aria-label=move || admin.a(A::Title)>
                        {tab("/admin/staff", A::Staff, false)}
                        {tab("/admin", A::Bays, section == Section::Bays)}
                        {tab("/admin/catalogue", A::Catalogue, section == Section::Catalogue)}
                        {tab("/admin/schedule", A::Schedule, section == Section::Schedule)}
                        {tab("/parts", A::PartsStock, false)}
                    </nav>
                    {match section {
                        Section::Bays => view! { <bays::Bays admin /> }.into_any(),
                        Section::Catalogue => view! { <catalogue::Catalogue admin /> }.into_any(),
                        Section::Schedule => view! { <schedule::Schedules admin /> }.into_any(),
                    }}
                }.into_any(),
            }}
        </main>
    }
}
