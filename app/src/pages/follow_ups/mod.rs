//! `/desk/follow-ups`: the follow-up call list (回访) behind a staff sign-in (the
//! complaint chain's roles). Overdue calls in red first, then today's, later ones and
//! those done, filterable by agent; a call opens its script (`call`). The list is read
//! from the API and read again after every recorded call and every 30 s.

mod call;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::send;
use crate::components::{use_staff_session, StaffSignIn};
use crate::domain::{store_date, Money};
use crate::i18n::{aftersales::F, t, use_lang, workshop::W, Key, Lang};
use crate::model::{Actor, FollowUpList, FollowUpTask, ListBucket};

/// What the call list's parts share.
#[derive(Clone, Copy)]
pub(crate) struct Calls {
    pub lang: Memo<Lang>,
    pub message: RwSignal<Option<Key>>,
    pub busy: RwSignal<bool>,
    pub list: RwSignal<Option<FollowUpList>>,
    /// The call whose script is open.
    pub open: RwSignal<Option<i64>>,
}

impl Calls {
    pub fn f(self, key: F) -> &'static str {
        t(self.lang.get(), Key::Aftersales(key))
    }

    /// Reads the list again.
    pub fn reload(self) {
        spawn_local(async move {
            match send::<(), FollowUpList>("GET", "/api/v1/follow-ups", None).await {
                Ok(list) => self.list.set(Some(list)),
                Err(e) => self.message.set(Some(e.key())),
            }
        });
    }
}

pub(crate) fn money(fen: i64) -> String {
    Money::from_fen(fen).to_string()
}

#[component]
pub fn FollowUpsPage() -> impl IntoView {
    let lang = use_lang();
    let staff = RwSignal::new(None::<Actor>);
    let checked = RwSignal::new(false);
    use_staff_session(staff, checked);
    let message = RwSignal::new(None::<Key>);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let allowed = move || staff.with(|s| s.as_ref().map(|a| a.role.works_aftersales()));
    view! {
        <main class="aftersales-page" lang=move || lang.get().tag() data-hydrated=move || hydrated.get().to_string()>
            <header class="screen-header">
                <h1>{move || t(lang.get(), Key::StoreName)} " · " {move || t(lang.get(), Key::Aftersales(F::FollowUpsTitle))}</h1>
                <nav class="lang-links">
                    <a href="/desk/complaints">{move || t(lang.get(), Key::Aftersales(F::ComplaintsTitle))}</a>
                    <a href="?lang=zh" lang="zh-CN">"中文"</a>
                    <a href="?lang=en" lang="en">"EN"</a>
                </nav>
                <StaffSignIn lang staff message />
            </header>
            {move || message.get().map(|k| view! { <p class="notice" role="alert" data-testid="aftersales-message">{t(lang.get(), k)}</p> })}
            {move || match (allowed(), checked.get()) {
                (Some(true), _) => view! { <CallList lang message /> }.into_any(),
                (Some(false), _) => view! { <p class="placeholder">{t(lang.get(), Key::Workshop(W::NotAllowed))}</p> }.into_any(),
                (None, true) => view! { <p class="placeholder">{t(lang.get(), Key::Workshop(W::StaffSignIn))}</p> }.into_any(),
                (None, false) => view! { <p class="placeholder">{t(lang.get(), Key::Loading)}</p> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn CallList(lang: Memo<Lang>, message: RwSignal<Option<Key>>) -> impl IntoView {
    let calls = Calls {
        lang,
        message,
        busy: RwSignal::new(false),
        list: RwSignal::new(None),
        open: RwSignal::new(None),
    };
    Effect::new(move |_| calls.reload());
    #[cfg(feature = "hydrate")]
    {
        if let Ok(handle) =
            set_interval_with_handle(move || calls.reload(), std::time::Duration::from_secs(30))
        {
            on_cleanup(move || handle.clear());
        }
    }
    let agent = RwSignal::new(String::new());
    let tasks = move |bucket: ListBucket| -> Vec<FollowUpTask> {
        let who = agent.get();
        calls.list.with(|l| {
            l.as_ref()
                .map(|l| {
                    l.tasks
                        .iter()
                        .filter(|t| t.bucket == bucket)
                        .filter(|t| who.is_empty() || t.agent.as_deref().is_none_or(|a| a == who))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default()
        })
    };
    let agents = move || {
        calls
            .list
            .with(|l| l.as_ref().map(|l| l.agents.clone()).unwrap_or_default())
    };
    view! {
        <div class="aftersales-tools">
            <label class="field">{move || calls.f(F::Agent)}
                <select data-testid="agent-filter" prop:value=move || agent.get() on:change=move |e| agent.set(event_target_value(&e))>
                    <option value="">{move || calls.f(F::AllAgents)}</option>
                    {move || agents().into_iter().map(|a| view! { <option value=a.clone()>{a.clone()}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" class="btn" on:click=move |_| calls.reload()>{move || calls.f(F::Refresh)}</button>
        </div>
        {move || calls.open.get().and_then(|id| calls.list.with(|l| l.as_ref().and_then(|l| l.tasks.iter().find(|t| t.id == id).cloned())))
            .map(|task| view! { <call::CallPanel calls task /> })}
        <Show when=move || calls.list.with(Option::is_some) fallback=move || view! { <p class="placeholder">{t(lang.get(), Key::Loading)}</p> }>
            {ListBucket::ALL.into_iter().map(|bucket| view! {
                <section class="call-bucket" class:overdue=bucket == ListBucket::Overdue data-testid=format!("bucket-{bucket:?}")>
                    <h2>{move || calls.f(F::Bucket(bucket))} " (" {move || tasks(bucket).len()} ")"</h2>
                    <ul class="call-rows">
                        <For each=move || tasks(bucket) key=|t| (t.id, t.attempts, t.state.as_str()) let:task>
                            <CallRow calls task />
                        </For>
                    </ul>
                </section>
            }).collect_view()}
            {move || calls.list.with(|l| l.as_ref().is_some_and(|l| l.tasks.is_empty()))
                .then(|| view! { <p class="placeholder">{calls.f(F::NoCalls)}</p> })}
        </Show>
    }
}

#[component]
fn CallRow(calls: Calls, task: FollowUpTask) -> impl IntoView {
    let id = task.id;
    let f = task.facts.clone();
    let due = format!(
        "{} – {}",
        store_date(task.due.from).format("%m-%d"),
        store_date(task.due.by).format("%m-%d")
    );
    let delivered = store_date(f.delivered_at).format("%m-%d").to_string();
    let state = task.state;
    let open = !state.is_closed();
    view! {
        <li class="call-row" data-testid="call-row" data-ticket=f.ticket.clone()>
            <span class="ticket">{f.ticket.clone()}</span>
            <span class="plate">{f.plate.clone()}</span>
            <span>{f.customer_name.clone()} " · " {f.phone.clone()}</span>
            {f.is_return.then(|| view! { <span class="flag flag-return">{move || calls.f(F::ReturnVisit)}</span> })}
            {(task.contact == 2).then(|| view! { <span class="flag">{move || calls.f(F::Contact2)}</span> })}
            <span class="muted">{move || calls.f(F::Delivered)} " " {delivered.clone()}</span>
            <span class="muted">{move || calls.f(F::Due)} " " {due.clone()}</span>
            <span class="muted">{move || calls.f(F::Attempts)} " " {task.attempts}</span>
            <span class="state">{move || calls.f(F::State(state))}</span>
            {task.complaint_id.map(|_| view! { <a class="flag flag-complaint" href="/desk/complaints">{move || calls.f(F::ComplaintOpened)}</a> })}
            {open.then(|| view! {
                <button type="button" class="btn btn-primary" data-testid="open-call" on:click=move |_| calls.open.set(Some(id))>
                    {move || calls.f(F::Call)}
                </button>
            })}
        </li>
    }
}
