//! The cars checked in and waiting for a bay, each with the bay dispatch suggests
//! (skills covered, least queued) and one tap to assign it there, or a pick of another.

use leptos::prelude::*;

use super::Board;
use crate::domain::BayLoad;
use crate::i18n::{t, workshop::skill_name, workshop::W, Key};
use crate::model::{suggested_bay, BaysSnapshot, PublicJob};

#[component]
pub fn Unassigned(
    board: Board,
    jobs: Vec<PublicJob>,
    loads: Vec<BayLoad>,
    snapshot: StoredValue<BaysSnapshot>,
) -> impl IntoView {
    let lang = board.lang;
    let w = move |k: W| t(lang.get(), Key::Workshop(k));
    let empty = jobs.is_empty();
    view! {
        <section class="unassigned" aria-labelledby="unassigned-title" data-testid="unassigned">
            <h2 id="unassigned-title">{move || w(W::Unassigned)}</h2>
            {empty.then(|| view! { <p class="muted">{move || w(W::NoUnassigned)}</p> })}
            <ul class="unassigned-list">
                {jobs.into_iter().map(|job| {
                    let suggestion = suggested_bay(&job, &loads);
                    view! { <UnassignedJob board job suggestion snapshot /> }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn UnassignedJob(
    board: Board,
    job: PublicJob,
    suggestion: Option<BayLoad>,
    snapshot: StoredValue<BaysSnapshot>,
) -> impl IntoView {
    let lang = board.lang;
    let w = move |k: W| t(lang.get(), Key::Workshop(k));
    let pick = RwSignal::new(String::new());
    let skills = job.skills.clone();
    let skills_text = move || {
        skills
            .iter()
            .map(|s| skill_name(lang.get(), s))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let job = StoredValue::new(job);
    let disabled = move || board.changes.busy.get() || !board.changes.online.get();
    let suggested = suggestion.as_ref().map(|s| (s.bay_id, s.queued_minutes));
    view! {
        <li class="unassigned-job" data-testid="unassigned-job" data-ticket=job.with_value(|j| j.ticket.clone())
            data-suggested=suggested.map(|(b, _)| b.to_string()).unwrap_or_default()>
            <div class="job-chip">
                <strong>{job.with_value(|j| j.ticket.clone())}</strong>" "{job.with_value(|j| j.plate_masked.clone())}" · "{job.with_value(|j| j.model.clone())}
                <span class="stage-name">{move || w(W::Needs)}": "{skills_text}" · "{job.with_value(|j| j.labor_minutes)}" min"</span>
            </div>
            <p class="suggestion">
                {match suggested {
                    Some((bay_id, minutes)) => view! {
                        <span>{move || w(W::Suggested)}": "{move || snapshot.with_value(|s| board.bay_name(s, bay_id))}" · "{minutes}" "{move || w(W::MinQueued)}</span>
                    }.into_any(),
                    None => view! { <span class="warn">{move || w(W::NoBayFits)}</span> }.into_any(),
                }}
            </p>
            <Show when=move || board.can_dispatch()>
                <div class="dispatch-buttons">
                    {suggested.map(|(bay_id, _)| view! {
                        <button type="button" class="btn btn-primary" data-testid="assign-suggested" disabled=disabled
                            on:click=move |_| job.with_value(|j| board.assign(j, bay_id, None))>
                            {move || w(W::AssignTo)}" "{move || snapshot.with_value(|s| board.bay_name(s, bay_id))}
                        </button>
                    })}
                    <select aria-label=move || w(W::AssignTo) on:change=move |e| pick.set(event_target_value(&e))>
                        <option value="">"—"</option>
                        {snapshot.with_value(|s| s.bays.iter().map(|b| {
                            let id = b.id;
                            view! { <option value=id.to_string()>{move || snapshot.with_value(|s| board.bay_name(s, id))}</option> }
                        }).collect_view())}
                    </select>
                    <button type="button" class="btn" disabled=move || disabled() || pick.with(String::is_empty)
                        on:click=move |_| if let Ok(bay_id) = pick.get_untracked().parse() { job.with_value(|j| board.assign(j, bay_id, None)) }>
                        {move || w(W::AssignTo)}
                    </button>
                </div>
            </Show>
        </li>
    }
}
