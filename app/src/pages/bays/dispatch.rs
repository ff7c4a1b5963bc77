//! The cars checked in and waiting for a bay, each with the bay dispatch suggests
//! (skills covered, least queued) and one tap to assign it there, or a pick of another.

use leptos::prelude::*;

use super::Board;
use crate::domain::BayLoad;
use crate::domain::Stage;
use crate::i18n::{t, workshop::skill_name, workshop::W, Key};
use crate::model::{suggested_bay, PublicJob};

#[component]
pub fn Unassigned(board: Board, loads: Memo<Vec<BayLoad>>) -> impl IntoView {
    let lang = board.lang;
    let w = move |k: W| t(lang.get(), Key::Workshop(k));
    let waiting = Memo::new(move |_| {
        board
            .state
            .with(|s| {
                s.as_ref().map(|s| {
                    s.jobs
                        .iter()
                        .filter(|j| j.stage == Stage::CheckedIn)
                        .map(|j| j.id)
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
    });
    view! {
        <section class="unassigned" aria-labelledby="unassigned-title" data-testid="unassigned">
            <h2 id="unassigned-title">{move || w(W::Unassigned)}</h2>
            <Show when=move || waiting.with(Vec::is_empty)>
                <p class="muted">{move || w(W::NoUnassigned)}</p>
            </Show>
            <ul class="unassigned-list">
                <For each=move || waiting.get() key=|id| *id children=move |job_id| view! {
                    <UnassignedJob board job_id loads />
                } />
            </ul>
        </section>
    }
}

/// A car waiting for a bay. Built once per car: the bay a foreman picked stays picked
/// while the board updates around it.
#[component]
fn UnassignedJob(board: Board, job_id: i64, loads: Memo<Vec<BayLoad>>) -> impl IntoView {
    let lang = board.lang;
    let w = move |k: W| t(lang.get(), Key::Workshop(k));
    let pick = RwSignal::new(String::new());
    let job = Memo::new(move |_| board.job(job_id));
    let read = move |f: fn(&PublicJob) -> String| job.with(|j| j.as_ref().map(f));
    let skills_text = move || {
        job.with(|j| {
            j.as_ref().map(|j| {
                j.skills
                    .iter()
                    .map(|s| skill_name(lang.get(), s))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        })
    };
    let suggested = Memo::new(move |_| {
        job.with(|j| {
            let j = j.as_ref()?;
            loads.with(|l| suggested_bay(j, l).map(|s| (s.bay_id, s.queued_minutes)))
        })
    });
    let disabled = move || board.changes.busy.get() || !board.changes.online.get();
    let assign = move |bay_id: i64| {
        job.with_untracked(|j| {
            if let Some(j) = j {
                board.assign(j, bay_id, None);
            }
        });
    };
    view! {
        <li class="unassigned-job" data-testid="unassigned-job" data-ticket=move || read(|j| j.ticket.clone())
            data-suggested=move || suggested.get().map(|(b, _)| b.to_string()).unwrap_or_default()>
            <div class="job-chip">
                <strong>{move || read(|j| j.ticket.clone())}</strong>" "{move || read(|j| j.plate_masked.clone())}" · "{move || read(|j| j.model.clone())}
                <span class="stage-name">{move || w(W::Needs)}": "{skills_text}" · "{move || read(|j| j.labor_minutes.to_string())}" min"</span>
            </div>
            <p class="suggestion">
                {move || match suggested.get() {
                    Some((bay_id, minutes)) => view! {
                        <span>{move || w(W::Suggested)}": "{move || board.bay_name(bay_id)}" · "{minutes}" "{move || w(W::MinQueued)}</span>
                    }.into_any(),
                    None => view! { <span class="warn">{move || w(W::NoBayFits)}</span> }.into_any(),
                }}
            </p>
            <Show when=move || board.can_dispatch()>
                <div class="dispatch-buttons">
                    {move || suggested.get().map(|(bay_id, _)| view! {
                        <button type="button" class="btn btn-primary" data-testid="assign-suggested" disabled=disabled
                            on:click=move |_| assign(bay_id)>
                            {move || w(W::AssignTo)}" "{move || board.bay_name(bay_id)}
                        </button>
                    })}
                    <select aria-label=move || w(W::AssignTo) prop:value=move || pick.get() on:change=move |e| pick.set(event_target_value(&e))>
                        <option value="">"—"</option>
                        {move || board.bay_ids.get().into_iter().map(|id| view! {
                            <option value=id.to_string()>{move || board.bay_name(id)}</option>
                        }).collect_view()}
                    </select>
                    <button type="button" class="btn" disabled=move || disabled() || pick.with(String::is_empty)
                        on:click=move |_| if let Ok(bay_id) = pick.get_untracked().parse() { assign(bay_id) }>
                        {move || w(W::AssignTo)}
                    </button>
                </div>
            </Show>
        </li>
    }
}
