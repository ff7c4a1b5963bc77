//! `/desk/appointments` (预约 + 提醒): the day's appointments and load per slot and skill
//! (`day`, `card`, `slots`), booking a car into a slot that fits its work (`book`), and the
//! cars due for service soon (`due_soon`). Behind a reception sign-in.

mod api;
mod book;
mod card;
mod day;
mod due_soon;
mod slots;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

use crate::components::StaffPage;
use crate::domain::{store_date, to_store_local, Role};
use crate::i18n::{appointments::Ap, customers::Cu, messages::Ms, t, Key, Lang};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tab {
    Day,
    Book,
    Due,
}

/// A car picked for booking (from the search or the "due soon" list).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Car {
    pub vehicle_id: i64,
    pub plate: String,
    pub model: String,
    pub customer: String,
    pub phone: String,
    pub next_service_km: Option<u32>,
}

/// What the page's parts share.
#[derive(Clone, Copy)]
pub(crate) struct Ctx {
    pub lang: Memo<Lang>,
    pub message: RwSignal<Option<Key>>,
    pub busy: RwSignal<bool>,
    pub tab: RwSignal<Tab>,
    /// The car the Book tab starts with.
    pub car: RwSignal<Option<Car>>,
    /// The store's today by the server's clock, once known.
    pub today: RwSignal<Option<NaiveDate>>,
}

impl Ctx {
    pub fn s(self, key: Ap) -> &'static str {
        t(self.lang.get(), Key::Appointments(key))
    }

    pub fn text(lang: Lang, key: Ap) -> &'static str {
        t(lang, Key::Appointments(key))
    }

    /// The store's today: the server's once a day has been loaded, this device's before.
    pub fn today_or_device(self) -> NaiveDate {
        self.today
            .get_untracked()
            .unwrap_or_else(|| store_date(Utc::now()))
    }
}

/// "MM-DD HH:MM" in the store's time zone.
pub(crate) fn day_clock(at: DateTime<Utc>) -> String {
    to_store_local(at).format("%m-%d %H:%M").to_string()
}

#[component]
pub fn AppointmentsPage() -> impl IntoView {
    let message = RwSignal::new(None::<Key>);
    let links = vec![
        ("/desk", Key::Desk(crate::i18n::desk::D::DeskTitle)),
        ("/desk/customers", Key::Customers(Cu::Title)),
        ("/desk/messages", Key::Messages(Ms::Title)),
    ];
    view! {
        <StaffPage title=Key::Appointments(Ap::Title) class="aftersales-page appt-page" links
            allow=Role::works_reception message
            body=move |_actor, lang| {
                let ctx = Ctx {
                    lang,
                    message,
                    busy: RwSignal::new(false),
                    tab: RwSignal::new(Tab::Day),
                    car: RwSignal::new(None),
                    today: RwSignal::new(None),
                };
                view! { <Tabs ctx /> }
            } />
    }
}

#[component]
fn Tabs(ctx: Ctx) -> impl IntoView {
    let tab = move |which: Tab, key: Ap, id: &'static str| {
        view! {
            <button type="button" role="tab" class="btn appt-tab" data-testid=id
                aria-selected=move || (ctx.tab.get() == which).to_string()
                on:click=move |_| { ctx.message.set(None); ctx.tab.set(which) }>{move || ctx.s(key)}</button>
        }
    };
    view! {
        <nav class="appt-tabs" role="tablist">
            {tab(Tab::Day, Ap::TabDay, "tab-day")}
            {tab(Tab::Book, Ap::TabBook, "tab-book")}
            {tab(Tab::Due, Ap::TabDue, "tab-due")}
        </nav>
        {move || match ctx.tab.get() {
            Tab::Day => view! { <day::DayView ctx /> }.into_any(),
            Tab::Book => view! { <book::BookView ctx /> }.into_any(),
            Tab::Due => view! { <due_soon::DueSoon ctx /> }.into_any(),
        }}
    }
}
