//! `/bay/{id}`: a bay's touchscreen (10" landscape, gloved hands) — PIN sign-in with an
//! idle sign-out, the current job in full with its checklist and labour clock, buttons
//! for exactly what its stage allows (the same stage machine the server checks), the
//! checks and wash of this bay's cars, and the queue behind.

mod actions;
mod additional;
mod countersign;
mod job_panel;
mod parts;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::client::{send, ClientError};
use crate::components::{
    count_quiet_seconds, route_id, Changes, ConnectionBadge, NotFound, PinPad,
};
use crate::domain::{text::NOTE_MAX, Stage};
use crate::i18n::{t, use_lang, workshop::W, Key, Lang};
use crate::live::{use_live_channel, Connection};
use crate::model::{Actor, BaySnapshot, SignIn, TechJob};
use actions::{ActionBar, BayDialogs, OpenDialog};
use job_panel::JobPanel;

/// Sign out after this many quiet seconds unless `?idle=N` says otherwise.
const DEFAULT_IDLE_SECS: u64 = 300;

/// What every part of the bay screen shares.
#[derive(Clone, Copy)]
pub struct Bay {
    pub lang: Memo<Lang>,
    pub who: RwSignal<Option<Actor>>,
    /// The last outcome worth telling the technician (an error, a conflict, a notice).
    pub message: RwSignal<Option<Key>>,
    /// The live channel is connected: actions need the server.
    pub online: Signal<bool>,
    pub busy: RwSignal<bool>,
    pub(crate) dialog: RwSignal<Option<OpenDialog>>,
}

impl Bay {
    pub fn t(self, key: Key) -> &'static str {
        t(self.lang.get(), key)
    }

    pub fn w(self, key: W) -> &'static str {
        t(self.lang.get(), Key::Workshop(key))
    }

    /// Sends a change to a job (see [`Changes`]).
    pub fn post(self, url: String, body: impl serde::Serialize, done: Option<Key>) {
        Changes {
            message: self.message,
            busy: self.busy,
            online: self.online,
        }
        .post(url, body, done)
    }
}

/// The job the bay works on now: the one in service or paused, else the head of its queue.
fn current_job(jobs: &[TechJob]) -> Option<TechJob> {
    let working = jobs
        .iter()
        .find(|j| matches!(j.stage, Stage::InService | Stage::Paused));
    let next = || {
        jobs.iter()
            .filter(|j| j.stage == Stage::Queued)
            .min_by_key(|j| (j.queue_pos.unwrap_or(i64::MAX), j.id))
    };
    working.or_else(next).cloned()
}

/// `/bay/{id}`; an id that is not a bay's number is "no such page", not bay 0.
#[component]
pub fn BayPage() -> impl IntoView {
    match route_id(use_params_map().with_untracked(|p| p.get("id")).as_deref()) {
        Some(bay_id) => view! { <BayScreen bay_id /> }.into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}

#[component]
fn BayScreen(bay_id: i64) -> impl IntoView {
    let idle_secs = use_query_map()
        .with_untracked(|q| q.get("idle").and_then(|v| v.parse::<u64>().ok()))
        .unwrap_or(DEFAULT_IDLE_SECS)
        .max(5);
    let lang = use_lang();
    let live = use_live_channel::<BaySnapshot>(format!("bay/{bay_id}"));
    let online = Signal::derive(move || live.connection.get() == Connection::Live);
    let bay = Bay {
        lang,
        who: RwSignal::new(None),
        message: RwSignal::new(None),
        online,
        busy: RwSignal::new(false),
        dialog: RwSignal::new(None),
    };
    let signing_in = RwSignal::new(false);

    // Who is signed in on this device (the session cookie is HttpOnly).
    Effect::new(move |_| {
        spawn_local(async move {
            if let Ok(who) = send::<(), Actor>("GET", "/api/v1/sessions", None).await {
                if who.bay_id == Some(bay_id) {
                    bay.who.set(Some(who));
                }
            }
        });
    });

    let sign_in = move |pin: String| {
        signing_in.set(true);
        spawn_local(async move {
            let body = SignIn::Bay { bay_id, pin };
            match send::<_, Actor>("POST", "/api/v1/sessions", Some(&body)).await {
                Ok(who) => {
                    bay.who.set(Some(who));
                    bay.message.set(None);
                    // The full view (plates, concerns, notes) is for the signed-in crew:
                    // ask again with the new session.
                    live.resubscribe();
                }
                Err(e) => bay.message.set(Some(e.key())),
            }
            signing_in.set(false);
        });
    };
    let sign_out = move |notice: Option<Key>| {
        spawn_local(async move {
            let _ = send::<(), serde_json::Value>("DELETE", "/api/v1/sessions", None).await;
            bay.dialog.set(None);
            bay.who.set(None);
            // Back to the masked view anyone at the screen may see.
            live.resubscribe();
            bay.message.set(notice);
        });
    };
    idle_sign_out(bay, idle_secs, sign_out);

    view! {
        <main class="bay-screen" lang=move || lang.get().tag()>
            <header class="screen-header">
                <h1>
                    // The bay's own name ("Bay 1 · Quick service") once known, else "Bay 1".
                    // Inside Suspense: the snapshot is a resource, so SSR and hydration agree.
                    <Suspense fallback=move || format!("{} {bay_id}", t(lang.get(), Key::BayTitle))>
                        {move || match live.state.get().and_then(|s| s.bay) {
                            Some(b) if lang.get() == Lang::Zh => b.name_zh,
                            Some(b) => b.name_en,
                            None => format!("{} {bay_id}", t(lang.get(), Key::BayTitle)),
                        }}
                    </Suspense>
                </h1>
                <ConnectionBadge connection=live.connection lang />
                {move || bay.who.get().map(|a| view! {
                    <span class="who" data-testid="signed-in">{a.name}</span>
                    <button type="button" class="btn" on:click=move |_| sign_out(None)>{t(lang.get(), Key::SignOut)}</button>
                })}
            </header>
            // Only once a connection was lost (never in SSR's first frame, so hydration agrees).
            <Show when=move || live.connection.get() == Connection::Reconnecting>
                <p class="banner banner-offline" role="alert" data-testid="offline">{move || bay.w(W::Offline)}</p>
            </Show>
            {move || bay.message.get().map(|k| view! {
                <p class="banner" role="alert" data-testid="bay-message">
                    {t(lang.get(), k)}
                    <button type="button" class="btn btn-small" aria-label="×" on:click=move |_| bay.message.set(None)>"×"</button>
                </p>
            })}
            {move || match bay.who.get() {
                None => view! { <PinPad lang on_submit=sign_in busy=signing_in.into() /> }.into_any(),
                Some(who) => view! {
                    <Suspense fallback=move || view! { <p class="placeholder">{t(lang.get_untracked(), Key::Loading)}</p> }>
                        {
                            let who = who.clone();
                            move || match live.state.get() {
                                None => view! { <p class="placeholder">{t(lang.get(), Key::Loading)}</p> }.into_any(),
                                Some(snap) => bay_body(bay, &snap.jobs, &who).into_any(),
                            }
                        }
                    </Suspense>
                }
                .into_any(),
            }}
            <BayDialogs bay self_role=Signal::derive(move || bay.who.with(|w| w.as_ref().map(|a| a.role))) />
        </main>
    }
}

/// The signed-in screen: the current job and its actions, this bay's cars in checks or
/// the wash, and the queue.
fn bay_body(bay: Bay, jobs: &[TechJob], who: &Actor) -> impl IntoView {
    let current = current_job(jobs);
    let checks: Vec<TechJob> = jobs
        .iter()
        .filter(|j| matches!(j.stage, Stage::QualityCheck | Stage::Washing))
        .cloned()
        .collect();
    let current_id = current.as_ref().map(|j| j.id);
    let queue: Vec<TechJob> = {
        let mut q: Vec<TechJob> = jobs
            .iter()
            .filter(|j| j.stage == Stage::Queued && Some(j.id) != current_id)
            .cloned()
            .collect();
        q.sort_by_key(|j| (j.queue_pos.unwrap_or(i64::MAX), j.id));
        q
    };
    view! {
        <div class="bay-layout">
            <div class="bay-main">
                {match current {
                    Some(job) => view! {
                        <ActionBar bay job=job.clone() who=who.clone() />
                        <JobPanel bay job />
                    }.into_any(),
                    None => view! { <p class="placeholder empty">{move || bay.t(Key::NoCurrentJob)}</p> }.into_any(),
                }}
            </div>
            <aside class="bay-side">
                {(!checks.is_empty()).then(|| view! {
                    <section class="bay-checks" aria-labelledby="checks-title">
                        <h3 id="checks-title">{move || bay.w(W::ChecksAndWash)}</h3>
                        {checks.into_iter().map(|job| view! {
                            <div class="check-card" data-testid="bay-check-job" data-ticket=job.ticket.clone() data-stage=job.stage.as_str()>
                                <p><strong>{job.ticket.clone()}</strong>" "{job.plate.clone()}" · "{job.model.clone()}</p>
                                <p class="stage-name">{move || bay.t(Key::Stage(job.stage))}</p>
                                <ActionBar bay job=job.clone() who=who.clone() />
                            </div>
                        }).collect_view()}
                    </section>
                })}
                <section class="bay-queue" aria-labelledby="queue-title">
                    <h3 id="queue-title">{move || bay.t(Key::Queue)}</h3>
                    {if queue.is_empty() {
                        view! { <p class="muted">{move || bay.t(Key::QueueEmpty)}</p> }.into_any()
                    } else {
                        view! {
                            <ol data-testid="bay-queue">{queue.into_iter().map(|j| view! {
                                <li>{j.ticket}" "{j.plate}" · "{j.model}</li>
                            }).collect_view()}</ol>
                        }.into_any()
                    }}
                </section>
            </aside>
        </div>
    }
}

/// Signs the technician out after `secs` without a touch, a key or typing.
fn idle_sign_out(bay: Bay, secs: u64, sign_out: impl Fn(Option<Key>) + Copy + 'static) {
    let quiet = RwSignal::new(0_u64);
    count_quiet_seconds(
        quiet,
        move || bay.who.with_untracked(Option::is_some),
        move |q| {
            if q >= secs {
                quiet.set(0);
                sign_out(Some(Key::Workshop(W::SignedOutIdle)));
            }
        },
    );
}

/// A labelled one-line note (a pause's reason, why an item was not done, what failed).
#[component]
pub(crate) fn NoteField(bay: Bay, label: W, value: RwSignal<String>) -> impl IntoView {
    view! {
        <label class="field">
            {move || bay.w(label)}
            <input type="text" maxlength=NOTE_MAX.to_string() prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e)) />
        </label>
    }
}

/// Shows what a failed request means; the live stream already refreshed the job.
pub(crate) fn explain(error: &ClientError) -> Key {
    error.key()
}
