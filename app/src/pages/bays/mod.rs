//! `/bays`: the workshop board — every bay with its current job and queue, live.

use leptos::prelude::*;

use crate::components::ConnectionBadge;
use crate::i18n::{t, use_lang, Key, Lang};
use crate::live::use_live_channel;
use crate::model::{group_by_bay, BayBoard, BaysSnapshot, PublicJob};

#[component]
pub fn BaysPage() -> impl IntoView {
    let lang = use_lang();
    let live = use_live_channel::<BaysSnapshot>("bays");
    view! {
        <main class="bays" lang=move || lang.get().tag()>
            <header class="screen-header">
                <h1>{move || t(lang.get(), Key::BaysTitle)}</h1>
                <ConnectionBadge connection=live.connection lang />
            </header>
            <Suspense fallback=move || view! { <p class="placeholder">{t(lang.get_untracked(), Key::Loading)}</p> }>
                {move || {
                    let lang = lang.get();
                    match live.state.get() {
                        None if live.failed.get() => view! { <p class="placeholder error">{t(lang, Key::LoadFailed)}</p> }.into_any(),
                        None => view! { <p class="placeholder">{t(lang, Key::Loading)}</p> }.into_any(),
                        Some(s) => view! {
                            <div class="bay-columns">
                                {group_by_bay(&s.bays, &s.jobs).into_iter().map(|b| bay_column(b, lang)).collect_view()}
                            </div>
                        }
                        .into_any(),
                    }
                }}
            </Suspense>
        </main>
    }
}

fn bay_column(board: BayBoard, lang: Lang) -> impl IntoView {
    let name = match lang {
        Lang::Zh => board.bay.name_zh.clone(),
        Lang::En => board.bay.name_en.clone(),
    };
    let who = if board.bay.signed_in.is_empty() {
        t(lang, Key::NobodySignedIn).to_string()
    } else {
        board.bay.signed_in.join(", ")
    };
    view! {
        <section class="bay-column" data-testid="bay-column" data-bay=board.bay.id>
            <h2>{name}</h2>
            <p class="muted">{board.bay.team_name.clone()}" · "{who}</p>
            <p class="skills">{t(lang, Key::Skills)}": "{board.bay.skills.join(", ")}</p>
            <h3>{t(lang, Key::CurrentJob)}</h3>
            {match board.current_job {
                Some(job) => job_chip(job, lang).into_any(),
                None => view! { <p class="muted">{t(lang, Key::NoCurrentJob)}</p> }.into_any(),
            }}
            <h3>{t(lang, Key::Queue)}</h3>
            {if board.queue.is_empty() {
                view! { <p class="muted">{t(lang, Key::QueueEmpty)}</p> }.into_any()
            } else {
                view! { <ol class="queue">{board.queue.into_iter().map(|j| view! { <li>{job_chip(j, lang)}</li> }).collect_view()}</ol> }.into_any()
            }}
        </section>
    }
}

fn job_chip(job: PublicJob, lang: Lang) -> impl IntoView {
    view! {
        <div class=format!("job-chip stage-{}", job.stage.as_str()) data-ticket=job.ticket.clone() data-stage=job.stage.as_str()>
            <strong>{job.ticket.clone()}</strong>" "{job.plate_masked.clone()}" · "{job.model.clone()}
            <span class="stage-name">{t(lang, Key::Stage(job.stage))}</span>
        </div>
    }
}
