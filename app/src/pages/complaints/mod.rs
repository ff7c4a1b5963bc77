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
use crate::components::{use_server_now, ConnectionBadge, StaffPage};
use crate::domain::complaint::ComplaintState;
use crate::domain::Role;
use crate::i18n::{aftersales::F, t, Key, Lang};
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
    let message = RwSignal::new(None::<Key>);
    view! {
        <StaffPage title=Key::Aftersales(F::ComplaintsTitle) class="aftersales-page"
            links=vec![("/desk/follow-ups", Key::Aftersales(F::FollowUpsTitle)), ("/desk/kpis", Key::Kpis(crate::i18n::kpis::K::Title))]
            allow=Role::works_aftersales message
            body=move |actor: Actor, lang| view! { <Complaints lang message role=actor.role /> } />
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
