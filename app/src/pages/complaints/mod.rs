//! `/desk/complaints`: complaints (投诉) behind a staff sign-in (the complaint chain's
//! roles). "Needs you now" shows the open ones the signed-in role owns, overdue in red;
//! each complaint shows every step and takes the next (`card`); a complaint is taken by
//! hand below (`take`). Read from the API, again after each change and every 30 s.

mod card;
mod take;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::send;
use crate::components::{use_staff_session, StaffSignIn};
use crate::domain::complaint::ComplaintState;
use crate::domain::Role;
use crate::i18n::{aftersales::F, t, use_lang, workshop::W, Key, Lang};
use crate::model::{Actor, ComplaintList, ComplaintView};

/// What the complaints page's parts share.
#[derive(Clone, Copy)]
pub(crate) struct Desk {
    pub lang: Memo<Lang>,
    pub message: RwSignal<Option<Key>>,
    pub busy: RwSignal<bool>,
    pub list: RwSignal<Option<ComplaintList>>,
}

impl Desk {
    pub fn f(self, key: F) -> &'static str {
        t(self.lang.get(), Key::Aftersales(key))
    }

    pub fn reload(self) {
        spawn_local(async move {
            match send::<(), ComplaintList>("GET", "/api/v1/complaints", None).await {
                Ok(list) => self.list.set(Some(list)),
                Err(e) => self.message.set(Some(e.key())),
            }
        });
    }

    /// POSTs `body` to `url`; on success says so and reads the list again.
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
            self.reload();
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
    let desk = Desk {
        lang,
        message,
        busy: RwSignal::new(false),
        list: RwSignal::new(None),
    };
    Effect::new(move |_| desk.reload());
    #[cfg(feature = "hydrate")]
    {
        if let Ok(handle) =
            set_interval_with_handle(move || desk.reload(), std::time::Duration::from_secs(30))
        {
            on_cleanup(move || handle.clear());
        }
    }
    let mine_only = RwSignal::new(true);
    let shown = move || -> Vec<ComplaintView> {
        let mine = mine_only.get();
        desk.list.with(|l| {
            l.as_ref()
                .map(|l| {
                    l.complaints
                        .iter()
                        .filter(|c| {
                            !mine || (c.state == ComplaintState::Open && c.owner_role == role)
                        })
                        .cloned()
                        .collect()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <div class="aftersales-tools" role="tablist">
            <button type="button" class="btn" role="tab" data-testid="needs-you" aria-selected=move || mine_only.get().to_string()
                on:click=move |_| mine_only.set(true)>{move || desk.f(F::NeedsYou)}</button>
            <button type="button" class="btn" role="tab" data-testid="all-complaints" aria-selected=move || (!mine_only.get()).to_string()
                on:click=move |_| mine_only.set(false)>{move || desk.f(F::AllComplaints)}</button>
        </div>
        <Show when=move || desk.list.with(Option::is_some) fallback=move || view! { <p class="placeholder">{t(lang.get(), Key::Loading)}</p> }>
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
