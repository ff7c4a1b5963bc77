//! `/track/{token}`: the customer's own page, opened from the ticket's QR code. For now
//! the live stage, promised time and ETA of that one job; the desk issue completes it.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::{clock_time, ConnectionBadge, StagePipeline};
use crate::i18n::{t, use_lang, Key};
use crate::live::use_live_channel;
use crate::model::TrackSnapshot;

#[component]
pub fn TrackPage() -> impl IntoView {
    let lang = use_lang();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let live = use_live_channel::<TrackSnapshot>(format!("track/{token}"));
    view! {
        <main class="track" lang=move || lang.get().tag()>
            <header class="screen-header">
                <h1>{move || t(lang.get(), Key::StoreName)}</h1>
                <ConnectionBadge connection=live.connection lang />
            </header>
            <Suspense fallback=move || view! { <p class="placeholder">{t(lang.get_untracked(), Key::Loading)}</p> }>
            {move || {
                let lang = lang.get();
                match live.state.get() {
                    None if live.failed.get() => view! { <p class="placeholder error">{t(lang, Key::LoadFailed)}</p> }.into_any(),
                    None => view! { <p class="placeholder">{t(lang, Key::Loading)}</p> }.into_any(),
                    Some(TrackSnapshot { job: None, .. }) => view! { <p class="placeholder">{t(lang, Key::TrackNotFound)}</p> }.into_any(),
                    Some(TrackSnapshot { job: Some(job), .. }) => view! {
                        <section class="track-job" data-testid="track-job" data-stage=job.stage.as_str()>
                            <p class="ticket">{job.ticket.clone()}</p>
                            <p class="car"><span class="plate">{job.plate_masked.clone()}</span> " · " {job.model.clone()}</p>
                            <StagePipeline stage=job.stage lang />
                            <p class="stage-now"><strong>{t(lang, Key::Stage(job.stage))}</strong></p>
                            <p class="times">
                                <span>{t(lang, Key::Promised)} " " {clock_time(job.promised_at)}</span>
                                " · "
                                <span>{t(lang, Key::Eta)} " " {clock_time(job.eta)}</span>
                            </p>
                            <ul class="flags">
                                {job.flags.iter().map(|f| view! { <li class=format!("flag flag-{}", f.as_str())>{t(lang, Key::Flag(*f))}</li> }).collect_view()}
                            </ul>
                        </section>
                    }.into_any(),
                }
            }}
            </Suspense>
            <footer class="screen-footer">{move || t(lang.get(), Key::DeskContact)}</footer>
        </main>
    }
}
