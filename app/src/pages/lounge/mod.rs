//! `/lounge`: the waiting room's TV, all day, unattended. Every active car, masked and
//! live; ready cars first and announced; paged when they do not fit; zh-CN, en, or both
//! in turn (`?lang=both`). Options: `?per_page=8`, `?page_secs=12`, `?sound=off`.

mod callout;
mod card;
mod paging;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::{clock_time, use_now, ConnectionBadge, Glyph, Icon};
use crate::domain::Stage;
use crate::i18n::{t, use_lang, Key, Lang};
use crate::live::use_live_channel;
use crate::model::{LoungeSnapshot, PublicJob};
use callout::ReadyCallout;
use card::JobCard;
pub use paging::page_slice;

/// In bilingual mode, how long each language stays up.
const BILINGUAL_SECS: u64 = 15;

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

/// Runs `tick` every `secs` seconds while the page is open (browser only).
fn every(secs: u64, tick: impl Fn() + 'static) {
    #[cfg(feature = "hydrate")]
    if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(secs)) {
        on_cleanup(move || handle.clear());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (secs, tick);
}

type Shown = (Vec<PublicJob>, usize, usize);

/// The cards, or the loading, error or empty state. Created under the Suspense (so
/// its read of the snapshot makes the Suspense wait); re-rendered only when that state
/// changes, while each event re-renders just the cards it changed.
#[component]
fn Board(
    state: Signal<Option<LoungeSnapshot>>,
    failed: Signal<bool>,
    shown: Memo<Shown>,
    lang: Signal<Lang>,
    now: ReadSignal<Option<chrono::DateTime<chrono::Utc>>>,
) -> impl IntoView {
    let empty = Memo::new(move |_| state.with(|s| s.as_ref().map(|b| b.jobs.is_empty())));
    move || {
        let lang_now = lang.get();
        match empty.get() {
            None if failed.get() => {
                view! { <p class="placeholder error">{t(lang_now, Key::LoadFailed)}</p> }.into_any()
            }
            None => view! { <p class="placeholder">{t(lang_now, Key::Loading)}</p> }.into_any(),
            Some(true) => {
                view! { <p class="placeholder empty">{t(lang_now, Key::LoungeEmpty)}</p> }
                    .into_any()
            }
            Some(false) => view! {
                <ul class="lounge-jobs">
                    <For
                        each=move || shown.get().0
                        key=|job| (job.id, job.version, job.eta, job.flags.clone())
                        children=move |job| view! { <JobCard job lang=lang_now now /> }
                    />
                </ul>
            }
            .into_any(),
        }
    }
}

#[component]
pub fn LoungePage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.with_untracked(|q| q.get(name));
    let number = move |name: &str, default: usize| {
        param(name).and_then(|v| v.parse().ok()).unwrap_or(default)
    };
    let bilingual = param("lang").as_deref() == Some("both");
    let per_page = number("per_page", 8).clamp(1, 40);
    let page_secs = u64::try_from(number("page_secs", 12).max(2)).unwrap_or(12);
    let sound = param("sound").as_deref() != Some("off");

    let url_lang = use_lang();
    let second = RwSignal::new(false);
    let lang = Signal::derive(move || match (bilingual, second.get()) {
        (true, false) => Lang::Zh,
        (true, true) => Lang::En,
        (false, _) => url_lang.get(),
    });
    let badge_lang = Memo::new(move |_| lang.get());
    if bilingual {
        every(BILINGUAL_SECS, move || second.update(|s| *s = !*s));
    }

    let live = use_live_channel::<LoungeSnapshot>("lounge");
    let now = use_now();
    let page = RwSignal::new(0_usize);
    every(page_secs, move || page.update(|p| *p = p.wrapping_add(1)));

    let ordered = Memo::new(move |_| {
        live.state
            .with(|s| s.as_ref().map(|board| board_order(&board.jobs)))
    });
    let shown = Memo::new(move |_| {
        ordered.with(|jobs| {
            let jobs = jobs.as_deref().unwrap_or_default();
            let (start, end, pages) = page_slice(jobs.len(), per_page, page.get());
            let current = if pages > 1 { start / per_page + 1 } else { 1 };
            (jobs[start..end].to_vec(), current, pages)
        })
    });
    let desk_phone = move || {
        live.state
            .with(|s| s.as_ref().map(|b| b.desk_phone.clone()))
    };

    view! {
        <main class="lounge" lang=move || lang.get().tag()>
            <header class="screen-header">
                <h1>{move || t(lang.get(), Key::StoreName)}</h1>
                <h2>{move || t(lang.get(), Key::LoungeTitle)}</h2>
                // Inside Suspense: what reads the snapshot must render the same on the
                // server (after it resolved) as in the browser.
                <Suspense fallback=|| ()>
                    {move || {
                        // Read the snapshot here, not only through the memo, so the
                        // Suspense waits for it.
                        live.state.track();
                        let (_, current, pages) = shown.get();
                        let lang = lang.get();
                        (pages > 1).then(|| view! {
                            <span class="page-indicator" data-testid="page-indicator">
                                {format!("{} {current} {} {pages} {}", t(lang, Key::PagePrefix), t(lang, Key::PageOf), t(lang, Key::PageSuffix)).trim().to_string()}
                            </span>
                        })
                    }}
                </Suspense>
                <span class="clock">{move || now.get().map(clock_time)}</span>
                <ConnectionBadge connection=live.connection lang=badge_lang />
            </header>
            <Suspense fallback=move || view! { <p class="placeholder">{t(lang.get_untracked(), Key::Loading)}</p> }>
                <Board state=live.state failed=live.failed shown lang now />
            </Suspense>
            <ReadyCallout jobs=Signal::derive(move || ordered.get()) lang sound />
            <footer class="screen-footer">
                {move || t(lang.get(), Key::DeskContact)}
                <Suspense fallback=|| ()>
                    {move || desk_phone().filter(|p| !p.is_empty()).map(|p| view! { " " <Icon glyph=Glyph::Phone /> " " {p} })}
                </Suspense>
            </footer>
        </main>
    }
}
