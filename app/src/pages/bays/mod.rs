//! `/bays`: the workshop board (big workshop screen, the foreman's tablet) — every bay
//! as a column with its skills, who is signed in, the current job against its standard
//! time and the queue; the cars waiting for dispatch with a suggested bay. Read-only
//! (masked) for anyone; a foreman or advisor signs in to assign, reorder and move.

mod column;
mod dispatch;
mod staff;

use leptos::prelude::*;

use crate::components::{use_now, Changes, ConnectionBadge};
use crate::domain::{Action, Role, Stage};
use crate::i18n::{t, use_lang, Key, Lang};
use crate::live::{use_live_channel, Connection};
use crate::model::{bay_loads, group_by_bay, ActionRequest, Actor, BaysSnapshot, PublicJob};
use column::BayColumn;
use dispatch::Unassigned;
use staff::StaffBar;

/// What the board's parts share.
#[derive(Clone, Copy)]
pub(crate) struct Board {
    pub lang: Memo<Lang>,
    pub staff: RwSignal<Option<Actor>>,
    pub changes: Changes,
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

    pub fn bay_name(self, snapshot: &BaysSnapshot, bay_id: i64) -> String {
        snapshot
            .bays
            .iter()
            .find(|b| b.id == bay_id)
            .map(|b| match self.lang.get() {
                Lang::Zh => b.name_zh.clone(),
                Lang::En => b.name_en.clone(),
            })
            .unwrap_or_else(|| format!("{} {bay_id}", t(self.lang.get(), Key::BayTitle)))
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
                {move || {
                    let lang = lang.get();
                    match live.state.get() {
                        None if live.failed.get() => view! { <p class="placeholder error">{t(lang, Key::LoadFailed)}</p> }.into_any(),
                        None => view! { <p class="placeholder">{t(lang, Key::Loading)}</p> }.into_any(),
                        Some(s) => {
                            let now = now.get().unwrap_or_else(|| s.jobs.iter().map(|j| j.stage_since).max().unwrap_or_default());
                            let loads = bay_loads(&s.bays, &s.jobs, now);
                            let waiting: Vec<PublicJob> = s.jobs.iter().filter(|j| j.stage == Stage::CheckedIn).cloned().collect();
                            let columns = group_by_bay(&s.bays, &s.jobs);
                            let snapshot = StoredValue::new(s.clone());
                            view! {
                                <Unassigned board jobs=waiting loads=loads.clone() snapshot />
                                <div class="bay-columns">
                                    {columns.into_iter().map(|column| {
                                        let load = loads.iter().find(|l| l.bay_id == column.bay.id).map_or(0, |l| l.queued_minutes);
                                        view! { <BayColumn board column load now snapshot /> }
                                    }).collect_view()}
                                </div>
                            }
                            .into_any()
                        }
                    }
                }}
            </Suspense>
        </main>
    }
}
