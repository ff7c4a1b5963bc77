//! `/bays`: the workshop board (big workshop screen, the foreman's tablet) — every bay
//! as a column with its skills, who is signed in, the current job against its standard
//! time and the queue; the cars waiting for dispatch with a suggested bay. Read-only
//! (masked) for anyone; a foreman or advisor signs in to assign, reorder and move.

mod column;
mod dispatch;
mod staff;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::components::{use_now, Changes, ConnectionBadge};
use crate::domain::{Action, Role};
use crate::i18n::{t, use_lang, Key, Lang};
use crate::live::{use_live_channel, Connection};
use crate::model::{bay_loads, ActionRequest, Actor, BaysSnapshot, PublicJob};
use column::BayColumn;
use dispatch::Unassigned;
use staff::StaffBar;

/// What the board's parts share. Its parts are built once per bay and per job (keyed
/// by id) and read the live snapshot through `state`, so an update elsewhere on the
/// board, or the minute ticking, leaves a half-made choice (a bay picked) in place.
#[derive(Clone, Copy)]
pub(crate) struct Board {
    pub lang: Memo<Lang>,
    pub staff: RwSignal<Option<Actor>>,
    pub changes: Changes,
    pub state: Signal<Option<BaysSnapshot>>,
    /// Every bay's id, in the board's order.
    pub bay_ids: Memo<Vec<i64>>,
}

impl Board {
    /// The signed-in person may dispatch (assign, reorder, move).
    pub fn can_dispatch(self) -> bool {
        self.staff.with(|s| {
            s.as_ref()
                .is_some_and(|a| matches!(a.role, Role::Foreman | Role::Advisor | Role::Manager))
        })
    }

    /// Assigns `job` to `bay_id`, at `position` in its queue (the end when `None`).
    pub fn assign(self, job: &PublicJob, bay_id: i64, position: Option<u32>) {
        let body = ActionRequest::new(Action::Assign { bay_id, position }, job.version);
        self.changes
            .post(format!("/api/v1/jobs/{}/actions", job.id), body, None);
    }

    pub fn bay_name(self, bay_id: i64) -> String {
        self.state
            .with(|s| {
                s.as_ref()?
                    .bays
                    .iter()
                    .find(|b| b.id == bay_id)
                    .map(|b| match self.lang.get() {
                        Lang::Zh => b.name_zh.clone(),
                        Lang::En => b.name_en.clone(),
                    })
            })
            .unwrap_or_else(|| format!("{} {bay_id}", t(self.lang.get(), Key::BayTitle)))
    }

    /// The job `id` as the snapshot has it now.
    pub fn job(self, id: i64) -> Option<PublicJob> {
        self.state
            .with(|s| s.as_ref()?.jobs.iter().find(|j| j.id == id).cloned())
    }
}

#[component]
pub fn BaysPage() -> impl IntoView {
    let lang = use_lang();
    let live = use_live_channel::<BaysSnapshot>("bays");
    let now = use_now();
    let board = Board {
        lang,
        staff: RwSignal::new(None),
        changes: Changes {
            message: RwSignal::new(None),
            busy: RwSignal::new(false),
            online: Signal::derive(move || live.connection.get() == Connection::Live),
        },
        state: live.state,
        bay_ids: Memo::new(move |_| {
            live.state
                .with(|s| s.as_ref().map(|s| s.bays.iter().map(|b| b.id).collect()))
                .unwrap_or_default()
        }),
    };
    let message = board.changes.message;
    view! {
        <main class="bays" lang=move || lang.get().tag()>
            <header class="screen-header">
                <h1>{move || t(lang.get(), Key::BaysTitle)}</h1>
                <ConnectionBadge connection=live.connection lang />
                <StaffBar board />
            </header>
            {move || message.get().map(|k| view! {
                <p class="banner" role="alert" data-testid="board-message">
                    {t(lang.get(), k)}
                    <button type="button" class="btn btn-small" aria-label="×" on:click=move |_| message.set(None)>"×"</button>
                </p>
            })}
            <Suspense fallback=move || view! { <p class="placeholder">{t(lang.get_untracked(), Key::Loading)}</p> }>
                <BoardBody board failed=live.failed now />
            </Suspense>
        </main>
    }
}

/// The unassigned cars and the bays' columns, or the loading or error state. Created
/// under the Suspense (so its read of the snapshot makes the Suspense wait).
#[component]
fn BoardBody(
    board: Board,
    failed: Signal<bool>,
    now: ReadSignal<Option<DateTime<Utc>>>,
) -> impl IntoView {
    let loaded = Memo::new(move |_| board.state.with(Option::is_some));
    // Before the browser's clock runs (server rendering), the latest change stands in.
    let clock = Memo::new(move |_| {
        now.get().unwrap_or_else(|| {
            board.state.with(|s| {
                s.as_ref()
                    .and_then(|s| s.jobs.iter().map(|j| j.stage_since).max())
                    .unwrap_or_default()
            })
        })
    });
    let loads = Memo::new(move |_| {
        board.state.with(|s| {
            s.as_ref()
                .map(|s| bay_loads(&s.bays, &s.jobs, clock.get()))
                .unwrap_or_default()
        })
    });
    move || {
        let lang = board.lang.get();
        match loaded.get() {
            false if failed.get() => view! { <p class="placeholder error">{t(lang, Key::LoadFailed)}</p> }.into_any(),
            false => view! { <p class="placeholder">{t(lang, Key::Loading)}</p> }.into_any(),
            true => view! {
                <Unassigned board loads />
                <div class="bay-columns">
                    <For each=move || board.bay_ids.get() key=|id| *id children=move |bay_id| view! {
                        <BayColumn board bay_id loads clock />
                    } />
                </div>
            }
            .into_any(),
        }
    }
}
