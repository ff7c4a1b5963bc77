//! `/parts`: the parts stock (配件库存) behind a staff sign-in. Advisors, the foreman and
//! the manager see every part live (the staff-only `parts` channel) with search and the
//! low ones highlighted; the foreman and the manager add parts and receive deliveries
//! (`forms`).

mod forms;

use leptos::prelude::*;

use crate::components::{use_staff_session, ConnectionBadge, StaffSignIn};
use crate::domain::stock::matches_search;
use crate::domain::{Money, Role};
use crate::i18n::{parts::P, t, use_lang, workshop::W, Key, Lang};
use crate::live::{use_live_channel, Connection};
use crate::model::{Actor, PartsSnapshot, StockPart};

/// What the stock page's parts share.
#[derive(Clone, Copy)]
pub(crate) struct Stock {
    pub lang: Memo<Lang>,
    pub message: RwSignal<Option<Key>>,
    pub busy: RwSignal<bool>,
    pub online: Signal<bool>,
    pub parts: Signal<Vec<StockPart>>,
}

impl Stock {
    pub fn p(self, key: P) -> &'static str {
        t(self.lang.get(), Key::Parts(key))
    }
}

#[component]
pub fn PartsPage() -> impl IntoView {
    let lang = use_lang();
    let staff = RwSignal::new(None::<Actor>);
    let checked = RwSignal::new(false);
    use_staff_session(staff, checked);
    let message = RwSignal::new(None::<Key>);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let desk = move || {
        staff.with(|s| {
            s.as_ref()
                .map(|a| matches!(a.role, Role::Advisor | Role::Foreman | Role::Manager))
        })
    };
    let keeper = Signal::derive(move || {
        staff.with(|s| {
            s.as_ref()
                .is_some_and(|a| matches!(a.role, Role::Foreman | Role::Manager))
        })
    });
    view! {
        <main class="parts-page" lang=move || lang.get().tag() data-hydrated=move || hydrated.get().to_string()>
            <header class="screen-header">
                <h1>{move || t(lang.get(), Key::StoreName)} " · " {move || t(lang.get(), Key::Parts(P::Title))}</h1>
                <nav class="lang-links">
                    <a href="?lang=zh" lang="zh-CN">"中文"</a>
                    <a href="?lang=en" lang="en">"EN"</a>
                </nav>
                <StaffSignIn lang staff message />
            </header>
            {move || message.get().map(|k| view! { <p class="notice" role="alert" data-testid="parts-message">{t(lang.get(), k)}</p> })}
            {move || match (desk(), checked.get()) {
                (Some(true), _) => view! { <StockLive lang message keeper /> }.into_any(),
                (Some(false), _) => view! { <p class="placeholder">{t(lang.get(), Key::Workshop(W::NotAllowed))}</p> }.into_any(),
                (None, true) => view! { <p class="placeholder">{t(lang.get(), Key::Workshop(W::StaffSignIn))}</p> }.into_any(),
                (None, false) => view! { <p class="placeholder">{t(lang.get(), Key::Loading)}</p> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn StockLive(
    lang: Memo<Lang>,
    message: RwSignal<Option<Key>>,
    keeper: Signal<bool>,
) -> impl IntoView {
    let live = use_live_channel::<PartsSnapshot>("parts");
    let stock = Stock {
        lang,
        message,
        busy: RwSignal::new(false),
        online: Signal::derive(move || live.connection.get() == Connection::Live),
        parts: Signal::derive(move || {
            live.state
                .with(|s| s.as_ref().map(|s| s.parts.clone()).unwrap_or_default())
        }),
    };
    let loaded = Memo::new(move |_| live.state.with(Option::is_some));
    let query = RwSignal::new(String::new());
    let shown = move || {
        let q = query.get();
        let mut parts: Vec<StockPart> = stock
            .parts
            .get()
            .into_iter()
            .filter(|p| matches_search(&q, &p.code, &p.name_zh, &p.name_en))
            .collect();
        parts.sort_by(|a, b| b.low.cmp(&a.low).then_with(|| a.code.cmp(&b.code)));
        parts
    };
    view! {
        <div class="desk-status">
            <ConnectionBadge connection=live.connection lang />
        </div>
        <Show when=move || loaded.get() fallback=move || view! { <p class="placeholder">{t(lang.get(), Key::Loading)}</p> }>
            <label class="field parts-search">
                {move || stock.p(P::Search)}
                <input type="search" data-testid="parts-search" prop:value=move || query.get() on:input=move |e| query.set(event_target_value(&e)) />
            </label>
            <table class="parts-table" data-testid="parts-table">
                <thead><tr>
                    <th>{move || stock.p(P::Code)}</th><th>{move || stock.p(P::Name)}</th><th>{move || stock.p(P::Price)}</th>
                    <th>{move || stock.p(P::OnHand)}</th><th>{move || stock.p(P::Reserved)}</th><th>{move || stock.p(P::Available)}</th>
                    <th>{move || stock.p(P::OnOrder)}</th><th>{move || stock.p(P::Expected)}</th><th>{move || stock.p(P::ReorderPoint)}</th>
                </tr></thead>
                <tbody>
                    <For each=shown key=|p| (p.id, p.on_hand, p.reserved, p.on_order, p.reorder_point, p.expected_on) let:part>
                        <PartRow stock part />
                    </For>
                </tbody>
            </table>
            {move || shown().is_empty().then(|| view! { <p class="placeholder">{stock.p(P::NoMatch)}</p> })}
            {move || if keeper.get() {
                view! { <forms::KeeperForms stock /> }.into_any()
            } else {
                view! { <p class="muted">{stock.p(P::ViewOnly)}</p> }.into_any()
            }}
        </Show>
    }
}

#[component]
fn PartRow(stock: Stock, part: StockPart) -> impl IntoView {
    let (zh, en) = (part.name_zh.clone(), part.name_en.clone());
    let name = move || {
        if stock.lang.get() == Lang::Zh {
            zh.clone()
        } else {
            en.clone()
        }
    };
    view! {
        <tr class:low=part.low data-testid="part-row" data-code=part.code.clone() data-low=part.low.to_string()>
            <td>{part.code.clone()}</td>
            <td>{name}{part.low.then(|| view! { " " <span class="badge badge-low">{move || stock.p(P::Low)}</span> })}</td>
            <td>{Money::from_fen(part.price_fen).to_string()}</td>
            <td data-testid="on-hand">{part.on_hand}</td>
            <td>{part.reserved}</td>
            <td data-testid="available">{part.available}</td>
            <td>{part.on_order}</td>
            <td>{part.expected_on.map(|d| d.to_string()).unwrap_or_else(|| "—".into())}</td>
            <td>{part.reorder_point}</td>
        </tr>
    }
}
