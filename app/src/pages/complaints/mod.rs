//! `/desk/complaints`: complaints (投诉) behind a staff sign-in (the complaint chain's
//! roles). "Needs you now" shows the open ones the signed-in role owns, overdue in red;
//! each complaint shows every step and takes the next (`card`); a complaint is taken by
//! hand below (`take`). Live on the staff-only `aftersales` channel; deadlines run on the
//! server's clock.

mod card;
mod take;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::send;
use crate::components::{use_server_now, use_staff_session, ConnectionBadge, StaffSignIn};
use crate::domain::complaint::ComplaintState;
use crate::domain::Role;
use crate::i18n::{aftersales::F, t, use_lang, workshop::W, Key, Lang};
use crate::live::use_live_channel;
use crate::model::{Actor, AftersalesSnapshot, ComplaintView};

/// What the complaints page's parts share.
#[derive(Clone, Copy)]
pub(crate) struct Desk {
    pub lang: Memo<Lang>,
    pub message: RwSignal<Option<Key>>,
    pub busy: RwSignal<bool>,
    /// The server's clock, ticking: which deadlines have passed.
    pub now: Signal<Option<DateTime<Utc>>>,
}

impl Desk {
    pub fn f(self, key: F) -> &'static str {
        t(self.lang.get(), Key::Aftersales(key))
    }

    /// Open past its deadline by the server's clock (the server's answer until it ticks).
    pub fn overdue(self, complaint: &ComplaintView) -> bool {
        match self.now.get() {
            Some(now) => complaint.state == ComplaintState::Open && now >= complaint.deadline,
            None => complaint.overdue,
        }
    }

    /// POSTs `body` to `url`; on success says so (the channel brings the change).
    pub fn post<B: serde::Serialize + 'static>(
        self,
        url: String,
        body: B,
        after: impl FnOnce() + 'static,
    ) {
        self.busy.set(true);
        spawn_local(async move {
            match send::<_, ComplaintView>("POST", &url, Some(&body)).await {
                Ok(_) => {
                    self.message.set(Some(Key::Aftersales(F::Saved)));
                    after();
                }
                Err(e) if e.key() == Key::SomethingWrong => {
                    self.message.set(Some(Key::Aftersales(F::Invalid)))
                }
                Err(e) => self.message.set(Some(e.key())),
            }
            self.busy.set(false);
        });
    }
}

#[component]
pub fn ComplaintsPage() -> impl IntoView {
    let lang = use_lang();
    let staff = RwSignal::new(None::<Actor>);
    let checked = RwSignal::new(false);
    use_staff_session(staff, checked);
    let message = RwSignal::new(None::<Key>);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let role = move || staff.with(|s| s.as_ref().map(|a| a.role));
    view! {
        <main class="aftersales-page" lang=move || lang.get().tag() data-hydrated=move || hydrated.get().to_string()>
            <header class="screen-header">
                <h1>{move || t(lang.get(), Key::StoreName)} " · " {move || t(lang.get(), Key::Aftersales(F::ComplaintsTitle))}</h1>
                <nav class="lang-links">
                    <a href="/desk/follow-ups">{move || t(lang.get(), Key::Aftersales(F::FollowUpsTitle))}</a>
                    <a href="/desk/kpis">{move || t(lang.get(), Key::Kpis(crate::i18n::kpis::K::Title))}</a>
                    <a href="?lang=zh" lang="zh-CN">"中文"</a>
                    <a href="?lang=en" lang="en">"EN"</a>
                </nav>
                <StaffSignIn lang staff message />
            </header>
            {move || message.get().map(|k| view! { <p class="notice" role="alert" data-testid="aftersales-message">{t(lang.get(), k)}</p> })}
            {move || match (role(), checked.get()) {
                (Some(r), _) if r.works_aftersales() => view! { <Complaints lang message role=r /> }.into_any(),
                (Some(_), _) => view! { <p class="placeholder">{t(lang.get(), Key::Workshop(W::NotAllowed))}</p> }.into_any(),
                (None, true) => view! { <p class="placeholder">{t(lang.get(), Key::Workshop(W::StaffSignIn))}</p> }.into_any(),
                (None, false) => view! { <p class="placeholder">{t(lang.get(), Key::Loading)}</p> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn Complaints(lang: Memo<Lang>, message: RwSignal<Option<Key>>, role: Role) -> impl IntoView {
    let live = use_live_channel::<AftersalesSnapshot>("aftersales");
    let desk = Desk {
        lang,
        message,
        busy: RwSignal::new(false),
        now: use_server_now(Signal::derive(move || {
            live.state.with(|s| s.as_ref().map(|s| s.now))
        })),
    };
    let mine_only = RwSignal::new(true);
    let shown = move || -> Vec<ComplaintView> {
        let mine = mine_only.get();
        let mut shown: Vec<ComplaintView> = live.state.with(|s| {
            s.as_ref()
                .map(|s| {
                    s.complaints
                        .iter()
                        .filter(|c| {
                            !mine || (c.state == ComplaintState::Open && c.owner_role == role)
                        })
                        .cloned()
                        .collect()
                })
                .unwrap_or_default()
        });
        // Open first, by deadline; then closed ones.
        shown.sort_by_key(|c| (c.state == ComplaintState::Closed, c.deadline, c.id));
        shown
    };
    view! {
        <div class="aftersales-tools" role="tablist">
            <ConnectionBadge connection=live.connection lang />
            <button type="button" class="btn" role="tab" data-testid="needs-you" aria-selected=move || mine_only.get().to_string()
                on:click=move |_| mine_only.set(true)>{move || desk.f(F::NeedsYou)}</button>
            <button type="button" class="btn" role="tab" data-testid="all-complaints" aria-selected=move || (!mine_only.get()).to_string()
                on:click=move |_| mine_only.set(false)>{move || desk.f(F::AllComplaints)}</button>
        </div>
        <Show when=move || live.state.with(Option::is_some) fallback=move || view! { <p class="placeholder">{t(lang.get(), Key::Loading)}</p> }>
            <div class="complaint-list" data-testid="complaint-list">
                <For each=shown key=|c| (c.id, c.version) let:complaint>
                    <card::ComplaintCard desk complaint />
                </For>
            </div>
            {move || shown().is_empty().then(|| view! { <p class="placeholder">{desk.f(F::NoComplaints)}</p> })}
        </Show>
        <take::TakeComplaint desk />
    }
}
