//! `/lounge`: the waiting room's TV — every active job, masked, live.

use leptos::prelude::*;

use crate::components::{clock_time, minutes_since, use_now, ConnectionBadge, StagePipeline};
use crate::domain::Stage;
use crate::i18n::{t, use_lang, Key};
use crate::live::use_live_channel;
use crate::model::{LoungeSnapshot, PublicJob};

/// Ready cars first, then by ticket: how people look for their car.
fn board_order(jobs: &[PublicJob]) -> Vec<PublicJob> {
    let mut jobs = jobs.to_vec();
    jobs.sort_by(|a, b| {
        (b.stage == Stage::Ready)
            .cmp(&(a.stage == Stage::Ready))
            .then_with(|| a.ticket.cmp(&b.ticket))
    });
    jobs
}

#[component]
pub fn LoungePage() -> impl IntoView {
    let lang = use_lang();
    let live = use_live_channel::<LoungeSnapshot>("lounge");
    let now = use_now();
    view! {
        <main class="lounge" lang=move || lang.get().tag()>
            <header class="screen-header">
                <h1>{move || t(lang.get(), Key::StoreName)}</h1>
                <h2>{move || t(lang.get(), Key::LoungeTitle)}</h2>
                <span class="clock">{move || now.get().map(clock_time)}</span>
                <ConnectionBadge connection=live.connection lang />
            </header>
            <Suspense fallback=move || view! { <p class="placeholder">{t(lang.get_untracked(), Key::Loading)}</p> }>
                {move || {
                    let lang = lang.get();
                    match live.state.get() {
                        None if live.failed.get() => view! { <p class="placeholder error">{t(lang, Key::LoadFailed)}</p> }.into_any(),
                        None => view! { <p class="placeholder">{t(lang, Key::Loading)}</p> }.into_any(),
                        Some(board) if board.jobs.is_empty() => {
                            view! { <p class="placeholder empty">{t(lang, Key::LoungeEmpty)}</p> }.into_any()
                        }
                        Some(board) => view! {
                            <ul class="lounge-jobs">
                                {board_order(&board.jobs).into_iter().map(|job| view! { <JobCard job now /> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                    }
                }}
            </Suspense>
            <footer class="screen-footer">{move || t(lang.get(), Key::DeskContact)}</footer>
        </main>
    }
}

#[component]
fn JobCard(
    job: PublicJob,
    now: ReadSignal<Option<chrono::DateTime<chrono::Utc>>>,
) -> impl IntoView {
    let lang = use_lang();
    let since = job.stage_since;
    let delayed = job.flags.contains(&crate::domain::Flag::Delayed);
    view! {
        <li
            class=format!("job-card stage-{}", job.stage.as_str())
            data-testid="lounge-job"
            data-ticket=job.ticket.clone()
            data-stage=job.stage.as_str()
        >
            <div class="job-head">
                <span class="ticket">{job.ticket.clone()}</span>
                <span class="plate">{job.plate_masked.clone()}</span>
                <span class="model">{job.model.clone()}</span>
            </div>
            <StagePipeline stage=job.stage lang=lang.get_untracked() />
            <p class="stage-now">
                <strong>{move || t(lang.get(), Key::Stage(job.stage))}</strong>
                {move || now.get().map(|n| format!(" · {} {} {}", t(lang.get(), Key::InStageFor), minutes_since(since, n), t(lang.get(), Key::Minutes)))}
            </p>
            <p class="times">
                <span>{move || t(lang.get(), Key::Promised)}" "{clock_time(job.promised_at)}</span>
                <span class:late=delayed>{move || t(lang.get(), Key::Eta)}" "{clock_time(job.eta)}</span>
            </p>
            <ul class="flags">
                {job.flags.iter().map(|f| { let f = *f; view! { <li class=format!("flag flag-{}", f.as_str())>{move || t(lang.get(), Key::Flag(f))}</li> } }).collect_view()}
            </ul>
        </li>
    }
}
