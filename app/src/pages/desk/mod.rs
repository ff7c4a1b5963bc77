//! `/desk`: the service advisor's console at the reception desk, behind a staff login.
//! The live list of today's jobs with what needs a person now on top (`list`), today's
//! expected arrivals and no-shows (`arrivals`), a job's full page with decisions on extra
//! work and the delivery checklist (`job`, `delivery`), the printable invoice (`invoice`)
//! and check-in at the desk (the kiosk's form, reused).

mod arrivals;
mod attention;
mod delivery;
mod invoice;
mod job;
mod list;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::{
    route_id, use_staff_session, Changes, ConnectionBadge, NotFound, StaffSignIn,
};
use crate::i18n::{aftersales::F as AF, desk::D, t, use_lang, Key, Lang};
use crate::live::{use_live_channel, Connection};
use crate::model::{Actor, DeskSnapshot};
pub use invoice::InvoicePage;

/// What the desk's parts share.
#[derive(Clone, Copy)]
pub(crate) struct Desk {
    pub lang: Memo<Lang>,
    pub changes: Changes,
    pub state: Signal<Option<DeskSnapshot>>,
}

impl Desk {
    pub fn d(self, key: D) -> &'static str {
        t(self.lang.get(), Key::Desk(key))
    }

    /// A link within the desk that keeps the screen's language.
    pub fn href(self, path: &str) -> String {
        format!("{path}?lang={}", self.lang.get().query())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Job(i64),
}

#[component]
pub fn DeskPage() -> impl IntoView {
    view! { <DeskShell view=View::List /> }
}

#[component]
pub fn DeskJobPage() -> impl IntoView {
    match route_id(use_params_map().with_untracked(|p| p.get("id")).as_deref()) {
        Some(id) => view! { <DeskShell view=View::Job(id) /> }.into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}

/// `/desk/checkin`: check-in at the desk for customers who prefer a person.
#[component]
pub fn DeskCheckinPage() -> impl IntoView {
    view! { <crate::pages::kiosk::KioskPage desk=true /> }
}

#[component]
fn DeskShell(view: View) -> impl IntoView {
    let lang = use_lang();
    let staff = RwSignal::new(None::<Actor>);
    let checked = RwSignal::new(false);
    use_staff_session(staff, checked);
    let message = RwSignal::new(None::<Key>);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <main class="desk" lang=move || lang.get().tag() data-hydrated=move || hydrated.get().to_string()>
            <header class="screen-header desk-header">
                <h1><a href=move || format!("/desk?lang={}", lang.get().query())>{move || t(lang.get(), Key::StoreName)} " · " {move || t(lang.get(), Key::Desk(D::DeskTitle))}</a></h1>
                <nav class="lang-links">
                    <a data-testid="to-appointments" href=move || format!("/desk/appointments?lang={}", lang.get().query())>{move || t(lang.get(), Key::Appointments(crate::i18n::appointments::Ap::Title))}</a>
                    <a data-testid="to-customers" href=move || format!("/desk/customers?lang={}", lang.get().query())>{move || t(lang.get(), Key::Customers(crate::i18n::customers::Cu::Title))}</a>
                    <a data-testid="to-messages" href=move || format!("/desk/messages?lang={}", lang.get().query())>{move || t(lang.get(), Key::Messages(crate::i18n::messages::Ms::Title))}</a>
                    <a data-testid="to-follow-ups" href=move || format!("/desk/follow-ups?lang={}", lang.get().query())>{move || t(lang.get(), Key::Aftersales(AF::FollowUpsTitle))}</a>
                    <a data-testid="to-complaints" href=move || format!("/desk/complaints?lang={}", lang.get().query())>{move || t(lang.get(), Key::Aftersales(AF::ComplaintsTitle))}</a>
                    <a href="?lang=zh" lang="zh-CN">"中文"</a>
                    <a href="?lang=en" lang="en">"EN"</a>
                </nav>
                <Show when=move || staff.with(Option::is_some)>
                    <a class="btn btn-primary" data-testid="new-checkin" href=move || format!("/desk/checkin?lang={}", lang.get().query())>{move || t(lang.get(), Key::Desk(D::NewCheckin))}</a>
                </Show>
                <StaffSignIn lang staff message />
            </header>
            {move || message.get().map(|k| view! { <p class="notice" role="alert">{t(lang.get(), k)}</p> })}
            {move || match (staff.with(Option::is_some), checked.get()) {
                (true, _) => view! { <DeskLive lang view reception=staff.with(|s| s.as_ref().is_some_and(|a| a.role.works_reception())) /> }.into_any(),
                (false, true) => view! { <p class="placeholder">{t(lang.get(), Key::Workshop(crate::i18n::workshop::W::StaffSignIn))}</p> }.into_any(),
                (false, false) => view! { <p class="placeholder">{t(lang.get(), Key::Loading)}</p> }.into_any(),
            }}
        </main>
    }
}

/// The signed-in desk: follows the `desk` channel (its snapshot comes over the stream,
/// since SSR does not serve staff data).
#[component]
fn DeskLive(lang: Memo<Lang>, view: View, reception: bool) -> impl IntoView {
    let live = use_live_channel::<DeskSnapshot>("desk");
    let desk = Desk {
        lang,
        changes: Changes {
            message: RwSignal::new(None),
            busy: RwSignal::new(false),
            online: Signal::derive(move || live.connection.get() == Connection::Live),
        },
        state: live.state,
    };
    provide_context(desk);
    let loaded = Memo::new(move |_| desk.state.with(Option::is_some));
    view! {
        <div class="desk-status">
            <ConnectionBadge connection=live.connection lang />
            {move || desk.changes.message.get().map(|k| view! { <p class="notice" role="status" data-testid="desk-message">{t(lang.get(), k)}</p> })}
        </div>
        {move || match (loaded.get(), view) {
            (false, _) => view! { <p class="placeholder">{t(lang.get(), Key::Loading)}</p> }.into_any(),
            (true, View::List) => view! { <list::DeskList desk reception /> }.into_any(),
            (true, View::Job(id)) => view! { <job::JobPage desk id /> }.into_any(),
        }}
    }
}
