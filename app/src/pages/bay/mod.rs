//! `/bay/{id}`: a bay's touchscreen — PIN sign-in, the current job, and buttons for
//! exactly the actions its stage allows (the same stage machine the server checks).

mod actions;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use crate::client::{send, ClientError};
use crate::components::{ConnectionBadge, PinPad};
use crate::domain::Stage;
use crate::i18n::{t, use_lang, Key, Lang};
use crate::live::use_live_channel;
use crate::model::{Actor, BaySnapshot, TechJob};
use actions::ActionBar;

/// The job the bay works on now: the one in service or paused, else the head of its
/// queue, else one waiting for the team check.
fn current_job(jobs: &[TechJob]) -> Option<TechJob> {
    let working = jobs
        .iter()
        .find(|j| matches!(j.stage, Stage::InService | Stage::Paused));
    let next = || {
        jobs.iter()
            .filter(|j| j.stage == Stage::Queued)
            .min_by_key(|j| (j.queue_pos.unwrap_or(i64::MAX), j.id))
    };
    let checking = || jobs.iter().find(|j| j.stage == Stage::QualityCheck);
    working.or_else(next).or_else(checking).cloned()
}

#[component]
pub fn BayPage() -> impl IntoView {
    let params = use_params_map();
    let bay_id = params
        .with_untracked(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()))
        .unwrap_or(0);
    let lang = use_lang();
    let live = use_live_channel::<BaySnapshot>(format!("bay/{bay_id}"));
    let actor = RwSignal::new(None::<Actor>);
    let message = RwSignal::new(None::<Key>);
    let busy = RwSignal::new(false);

    // Who is signed in on this device (the session cookie is HttpOnly).
    Effect::new(move |_| {
        spawn_local(async move {
            if let Ok(who) = send::<(), Actor>("GET", "/api/v1/sessions", None).await {
                if who.bay_id == Some(bay_id) {
                    actor.set(Some(who));
                }
            }
        });
    });

    let sign_in = move |pin: String| {
        busy.set(true);
        spawn_local(async move {
            let body = serde_json::json!({ "bay_id": bay_id, "pin": pin });
            match send::<_, Actor>("POST", "/api/v1/sessions", Some(&body)).await {
                Ok(who) => {
                    actor.set(Some(who));
                    message.set(None);
                }
                Err(e) => message.set(Some(e.key())),
            }
            busy.set(false);
        });
    };
    let sign_out = move |_| {
        spawn_local(async move {
            let _ = send::<(), serde_json::Value>("DELETE", "/api/v1/sessions", None).await;
            actor.set(None);
        });
    };

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
                {move || actor.get().map(|a| view! {
                    <span class="who" data-testid="signed-in">{a.name}</span>
                    <button type="button" class="btn" on:click=sign_out>{t(lang.get(), Key::SignOut)}</button>
                })}
            </header>
            {move || message.get().map(|k| view! { <p class="banner" role="alert">{t(lang.get(), k)}</p> })}
            {move || match actor.get() {
                None => view! { <PinPad lang on_submit=sign_in busy=busy.into() /> }.into_any(),
                Some(who) => view! {
                    <Suspense fallback=move || view! { <p class="placeholder">{t(lang.get_untracked(), Key::Loading)}</p> }>
                        {
                            let who = who.clone();
                            move || match live.state.get() {
                                None => view! { <p class="placeholder">{t(lang.get(), Key::Loading)}</p> }.into_any(),
                                Some(snap) => match current_job(&snap.jobs) {
                                    None => view! { <p class="placeholder empty">{t(lang.get(), Key::NoCurrentJob)}</p> }.into_any(),
                                    Some(job) => view! {
                                        <JobPanel job=job.clone() lang />
                                        <ActionBar job who=who.clone() lang message />
                                        <QueueList jobs=snap.jobs.clone() lang />
                                    }
                                    .into_any(),
                                },
                            }
                        }
                    </Suspense>
                }
                .into_any(),
            }}
        </main>
    }
}

#[component]
fn JobPanel(job: TechJob, lang: Memo<Lang>) -> impl IntoView {
    let concerns = job.concerns.clone();
    view! {
        <section class="bay-job" data-testid="bay-current-job" data-ticket=job.ticket.clone() data-stage=job.stage.as_str()>
            <div class="job-head">
                <span class="ticket">{job.ticket.clone()}</span>
                <span class="plate">{job.plate.clone()}</span>
                <span class="model">{job.model.clone()}</span>
                <span class="stage-name">{move || t(lang.get(), Key::Stage(job.stage))}</span>
            </div>
            <p>{move || t(lang.get(), Key::Mileage)}": "{job.mileage_km}" km"</p>
            <h3>{move || t(lang.get(), Key::Concerns)}</h3>
            <p class="concerns">{move || if concerns.is_empty() { t(lang.get(), Key::NoConcerns).to_string() } else { concerns.clone() }}</p>
            <h3>{move || t(lang.get(), Key::Items)}</h3>
            <ul class="items">
                {job.items.iter().map(|i| {
                    let (zh, en, minutes, done) = (i.name_zh.clone(), i.name_en.clone(), i.labor_minutes, i.status == "done");
                    view! { <li class:done=done>{move || if lang.get() == Lang::Zh { zh.clone() } else { en.clone() }}" · "{minutes}" min"</li> }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn QueueList(jobs: Vec<TechJob>, lang: Memo<Lang>) -> impl IntoView {
    let mut queued: Vec<TechJob> = jobs
        .into_iter()
        .filter(|j| j.stage == Stage::Queued)
        .collect();
    queued.sort_by_key(|j| (j.queue_pos.unwrap_or(i64::MAX), j.id));
    view! {
        <section class="bay-queue">
            <h3>{move || t(lang.get(), Key::Queue)}</h3>
            <ol>{queued.into_iter().map(|j| view! { <li>{j.ticket}" "{j.plate}" · "{j.model}</li> }).collect_view()}</ol>
        </section>
    }
}

/// Shows what a failed action means; the live stream already refreshed the job.
pub(crate) fn explain(error: &ClientError) -> Key {
    error.key()
}
