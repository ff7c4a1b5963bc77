//! `/desk/follow-ups`: the follow-up call list (回访) behind a staff sign-in (the
//! complaint chain's roles). Overdue calls in red first, then today's, later ones and
//! those done, filterable by agent; a call opens its script (`call`). Live on the
//! staff-only `aftersales` channel; what is due or overdue moves with the server's clock.

mod call;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::components::{use_server_now, ConnectionBadge, StaffPage};
use crate::domain::Role;
use crate::domain::{store_date, Money};
use crate::i18n::{aftersales::F, t, Key, Lang};
use crate::live::use_live_channel;
use crate::model::{Actor, AftersalesSnapshot, FollowUpTask, ListBucket};

/// What the call list's parts share.
#[derive(Clone, Copy)]
pub(crate) struct Calls {
    pub lang: Memo<Lang>,
    pub message: RwSignal<Option<Key>>,
    pub busy: RwSignal<bool>,
    /// Every call on the list, live from the `aftersales` channel.
    pub tasks: Signal<Vec<FollowUpTask>>,
    /// The server's clock, ticking: what is due today and what is overdue.
    pub now: Signal<Option<DateTime<Utc>>>,
    /// The call whose script is open.
    pub open: RwSignal<Option<i64>>,
}

impl Calls {
    pub fn f(self, key: F) -> &'static str {
        t(self.lang.get(), Key::Aftersales(key))
    }

    /// Where `task` sits on the list now (the server's answer until the clock ticks).
    pub fn bucket(self, task: &FollowUpTask) -> ListBucket {
        match self.now.get() {
            Some(now) => ListBucket::of(task.state, &task.due, now),
            None => task.bucket,
        }
    }
}

pub(crate) fn money(fen: i64) -> String {
    Money::from_fen(fen).to_string()
}

#[component]
pub fn FollowUpsPage() -> impl IntoView {
    let message = RwSignal::new(None::<Key>);
    view! {
        <StaffPage title=Key::Aftersales(F::FollowUpsTitle) class="aftersales-page"
            links=vec![("/desk/complaints", Key::Aftersales(F::ComplaintsTitle)), ("/desk/kpis", Key::Kpis(crate::i18n::kpis::K::Title))]
            allow=Role::works_aftersales message
            body=move |_: Actor, lang| view! { <CallList lang message /> } />
    }
}

#[component]
fn CallList(lang: Memo<Lang>, message: RwSignal<Option<Key>>) -> impl IntoView {
    let live = use_live_channel::<AftersalesSnapshot>("aftersales");
    let calls = Calls {
        lang,
        message,
        busy: RwSignal::new(false),
        tasks: Signal::derive(move || {
            live.state
                .with(|s| s.as_ref().map(|s| s.follow_ups.clone()).unwrap_or_default())
        }),
        now: use_server_now(Signal::derive(move || {
            live.state.with(|s| s.as_ref().map(|s| s.now))
        })),
        open: RwSignal::new(None),
    };
    let agent = RwSignal::new(String::new());
    let tasks = move |bucket: ListBucket| -> Vec<FollowUpTask> {
        let who = agent.get();
        let mut shown: Vec<FollowUpTask> = calls
            .tasks
            .get()
            .into_iter()
            .filter(|t| calls.bucket(t) == bucket)
            .filter(|t| who.is_empty() || t.agent.as_deref().is_none_or(|a| a == who))
            .collect();
        shown.sort_by_key(|t| (t.due.by, t.id));
        shown
    };
    let agents = move || {
        let mut names: Vec<String> = calls
            .tasks
            .get()
            .into_iter()
            .filter_map(|t| t.agent)
            .collect();
        names.sort();
        names.dedup();
        names
    };
    view! {
        <div class="aftersales-tools">
            <ConnectionBadge connection=live.connection lang />
            <label class="field">{move || calls.f(F::Agent)}
                <select data-testid="agent-filter" prop:value=move || agent.get() on:change=move |e| agent.set(event_target_value(&e))>
                    <option value="">{move || calls.f(F::AllAgents)}</option>
                    {move || agents().into_iter().map(|a| view! { <option value=a.clone()>{a.clone()}</option> }).collect_view()}
                </select>
            </label>
        </div>
        {move || calls.open.get().and_then(|id| calls.tasks.with(|l| l.iter().find(|t| t.id == id && !t.state.is_closed()).cloned()))
            .map(|task| view! { <call::CallPanel calls task /> })}
        <Show when=move || live.state.with(Option::is_some) fallback=move || view! { <p class="placeholder">{t(lang.get(), Key::Loading)}</p> }>
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
            {move || calls.tasks.with(Vec::is_empty).then(|| view! { <p class="placeholder">{calls.f(F::NoCalls)}</p> })}
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
        <li class="call-row" data-testid="call-row" data-ticket=f.ticket.clone() data-job=f.job_id>
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
