//! `/track/{token}`: the customer's own page on their phone, opened from the ticket's QR
//! code. The token is the key: one job, live. Stage, ETA and flags in plain words, the
//! work and its running total, extra work to approve or decline, where to collect the
//! car; after delivery a read-only summary, until the link expires.

mod progress;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::{Changes, ConnectionBadge, InvoiceView};
use crate::i18n::{desk::D, t, use_lang, Key, Lang};
use crate::live::{use_live_channel, Connection};
use crate::model::{TrackJob, TrackSnapshot};

/// What the page shows: a loading or error state, or the job as a summary or in progress.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    Loading,
    Failed,
    Expired,
    NotFound,
    Summary,
    Progress(i64),
}

fn shown(state: Option<&TrackSnapshot>, failed: bool) -> Shown {
    match state {
        None if failed => Shown::Failed,
        None => Shown::Loading,
        Some(TrackSnapshot { expired: true, .. }) => Shown::Expired,
        Some(TrackSnapshot { job: None, .. }) => Shown::NotFound,
        Some(TrackSnapshot { job: Some(job), .. }) if job.invoice.is_some() => Shown::Summary,
        Some(TrackSnapshot { job: Some(job), .. }) => Shown::Progress(job.id),
    }
}

#[component]
pub fn TrackPage() -> impl IntoView {
    let lang = use_lang();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let live = use_live_channel::<TrackSnapshot>(format!("track/{token}"));
    let changes = Changes {
        message: RwSignal::new(None),
        busy: RwSignal::new(false),
        online: Signal::derive(move || live.connection.get() == Connection::Live),
    };
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let d = move |k: D| t(lang.get(), Key::Desk(k));
    view! {
        <main class="track" lang=move || lang.get().tag() data-hydrated=move || hydrated.get().to_string()>
            <header class="track-header">
                <strong>{move || t(lang.get(), Key::StoreName)}</strong>
                <nav class="lang-links" aria-label=move || d(D::Language)>
                    <a href="?lang=zh" lang="zh-CN" aria-current=move || (lang.get() == Lang::Zh).then_some("true")>"中文"</a>
                    <a href="?lang=en" lang="en" aria-current=move || (lang.get() == Lang::En).then_some("true")>"EN"</a>
                </nav>
                <ConnectionBadge connection=live.connection lang />
            </header>
            <Suspense fallback=move || view! { <p class="placeholder">{t(lang.get_untracked(), Key::Loading)}</p> }>
                <TrackBody lang state=live.state failed=live.failed token=token.clone() changes />
            </Suspense>
            <footer class="screen-footer">{move || t(lang.get(), Key::DeskContact)}</footer>
        </main>
    }
}

/// The page's body. Created under the Suspense (so its read of the snapshot makes the
/// Suspense wait); re-rendered only when what it shows changes, so a live update of the
/// job (an ETA moving every minute) keeps the cards, and a half-drawn signature, in place.
#[component]
fn TrackBody(
    lang: Memo<Lang>,
    state: Signal<Option<TrackSnapshot>>,
    failed: Signal<bool>,
    token: String,
    changes: Changes,
) -> impl IntoView {
    let shown = Memo::new(move |_| state.with(|s| shown(s.as_ref(), failed.get())));
    let job = Memo::new(move |_| state.with(|s| s.as_ref().and_then(|s| s.job.clone())));
    move || {
        let lang_now = lang.get();
        match shown.get() {
            Shown::Failed => view! { <p class="placeholder error">{t(lang_now, Key::LoadFailed)}</p> }.into_any(),
            Shown::Loading => view! { <p class="placeholder">{t(lang_now, Key::Loading)}</p> }.into_any(),
            Shown::Expired => view! { <p class="placeholder" data-testid="track-expired">{t(lang_now, Key::Desk(D::TrackExpired))}</p> }.into_any(),
            Shown::NotFound => view! { <p class="placeholder">{t(lang_now, Key::TrackNotFound)}</p> }.into_any(),
            Shown::Summary => view! { {move || job.get().map(|job| summary(lang, job))} }.into_any(),
            Shown::Progress(_) => view! { <progress::Progress lang job token=token.clone() changes /> }.into_any(),
        }
    }
}

/// After delivery: the invoice, read-only.
fn summary(lang: Memo<Lang>, job: TrackJob) -> impl IntoView {
    let lang_now = lang.get_untracked();
    job.invoice.map(|invoice| view! {
        <section class="track-job track-summary" data-testid="track-job" data-stage=job.stage.as_str()>
            <p class="ticket">{job.ticket.clone()}</p>
            <h2>{t(lang_now, Key::Desk(D::TrackSummary))}</h2>
            <InvoiceView lang invoice />
            <p class="thanks">{t(lang_now, Key::Desk(D::TrackThanks))}</p>
        </section>
    })
}
