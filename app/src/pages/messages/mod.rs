//! `/desk/messages`: the outbox of messages to customers (客户通知) behind a staff sign-in
//! (reception roles): each message with its delivery state, filterable by state (`row`);
//! a notice when no gateway is configured. Read from `GET /api/v1/messages`, again on
//! "refresh" and every 10 s.

mod row;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::send;
use crate::components::StaffPage;
use crate::domain::Role;
use crate::i18n::{messages::Ms, t, Key, Lang};
use crate::model::{MessageList, MessageState};

#[component]
pub fn MessagesPage() -> impl IntoView {
    let message = RwSignal::new(None::<Key>);
    let links = vec![
        ("/desk", Key::Desk(crate::i18n::desk::D::DeskTitle)),
        (
            "/desk/appointments",
            Key::Appointments(crate::i18n::appointments::Ap::Title),
        ),
        (
            "/desk/customers",
            Key::Customers(crate::i18n::customers::Cu::Title),
        ),
    ];
    view! {
        <StaffPage title=Key::Messages(Ms::Title) class="aftersales-page msg-page" links
            allow=Role::works_reception message
            body=move |_actor, lang| view! { <Outbox lang message /> } />
    }
}

#[component]
fn Outbox(lang: Memo<Lang>, message: RwSignal<Option<Key>>) -> impl IntoView {
    let list = RwSignal::new(None::<MessageList>);
    let busy = RwSignal::new(false);
    let filter = RwSignal::new(None::<MessageState>);
    let load = move || {
        busy.set(true);
        spawn_local(async move {
            match send::<(), MessageList>("GET", "/api/v1/messages", None).await {
                Ok(l) => {
                    list.set(Some(l));
                    message.set(None);
                }
                Err(e) => message.set(Some(e.key())),
            }
            busy.set(false);
        });
    };
    Effect::new(move |_| {
        load();
        #[cfg(feature = "hydrate")]
        if let Ok(handle) = set_interval_with_handle(load, std::time::Duration::from_secs(10)) {
            on_cleanup(move || handle.clear());
        }
    });
    let ms = move |key: Ms| t(lang.get(), Key::Messages(key));
    let count = move |s: Option<MessageState>| {
        list.with(|l| {
            l.as_ref().map_or(0, |l| {
                l.messages
                    .iter()
                    .filter(|m| s.is_none_or(|s| m.state == s))
                    .count()
            })
        })
    };
    let chip = move |s: Option<MessageState>| {
        let (name, word) = match s {
            Some(s) => (s.as_str(), Ms::State(s)),
            None => ("all", Ms::All),
        };
        view! {
            <button type="button" class="chip" data-testid=format!("msg-filter-{name}") aria-pressed=move || (filter.get() == s).to_string()
                on:click=move |_| filter.set(s)>{move || ms(word)} " (" {move || count(s)} ")"</button>
        }
    };
    let shown = move || {
        let f = filter.get();
        list.with(|l| {
            l.as_ref().map(|l| {
                l.messages
                    .iter()
                    .filter(|m| f.is_none_or(|s| m.state == s))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        {move || list.with(|l| l.as_ref().is_some_and(|l| !l.gateway))
            .then(|| view! { <p class="notice msg-no-gateway" data-testid="msg-no-gateway">{ms(Ms::NoGateway)}</p> })}
        <div class="aftersales-tools msg-tools">
            {chip(None)}
            {MessageState::ALL.into_iter().map(|s| chip(Some(s))).collect_view()}
            <button type="button" class="btn" data-testid="msg-refresh" disabled=move || busy.get() on:click=move |_| load()>
                {move || ms(Ms::Refresh)}
            </button>
        </div>
        {move || match shown() {
            None => view! { <p class="placeholder">{t(lang.get(), Key::Loading)}</p> }.into_any(),
            Some(v) if v.is_empty() => view! { <p class="placeholder" data-testid="msg-empty">{ms(Ms::Empty)}</p> }.into_any(),
            Some(v) => view! { <row::Table lang rows=v /> }.into_any(),
        }}
    }
}
