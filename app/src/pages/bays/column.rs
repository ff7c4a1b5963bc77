//! One bay on the board: its team, who is signed in, its skills, the car it is working
//! on (time worked against standard, why it is paused) and its queue, which a signed-in
//! foreman reorders or moves to another bay before work starts.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::Board;
use crate::i18n::{t, workshop::skill_name, workshop::W, Key};
use crate::model::{BayBoard, BaysSnapshot, PublicJob};

#[component]
pub fn BayColumn(
    board: Board,
    column: BayBoard,
    load: u32,
    now: DateTime<Utc>,
    snapshot: StoredValue<BaysSnapshot>,
) -> impl IntoView {
    let lang = board.lang;
    let w = move |k: W| t(lang.get(), Key::Workshop(k));
    let bay_id = column.bay.id;
    let name = move || snapshot.with_value(|s| board.bay_name(s, bay_id));
    let who = column.bay.signed_in.join(", ");
    let nobody = who.is_empty();
    let skills = column.bay.skills.clone();
    let queue_len = column.queue.len();
    view! {
        <section class="bay-column" data-testid="bay-column" data-bay=bay_id>
            <h2>{name}</h2>
            <p class="muted">
                {column.bay.team_name.clone()}" · "
                <span data-testid="bay-signed-in">{move || if nobody { t(lang.get(), Key::NobodySignedIn).to_string() } else { who.clone() }}</span>
            </p>
            <p class="skills">{move || t(lang.get(), Key::Skills)}": "{move || skills.iter().map(|s| skill_name(lang.get(), s)).collect::<Vec<_>>().join(", ")}</p>
            <p class="muted">{load}" "{move || w(W::MinQueued)}</p>
            <h3>{move || t(lang.get(), Key::CurrentJob)}</h3>
            {match column.current_job {
                Some(job) => current_chip(board, job, now).into_any(),
                None => view! { <p class="muted">{move || t(lang.get(), Key::NoCurrentJob)}</p> }.into_any(),
            }}
            <h3>{move || t(lang.get(), Key::Queue)}</h3>
            {if column.queue.is_empty() {
                view! { <p class="muted">{move || t(lang.get(), Key::QueueEmpty)}</p> }.into_any()
            } else {
                view! {
                    <ol class="queue">
                        {column.queue.into_iter().enumerate().map(|(i, job)| view! {
                            <li><QueuedJob board job index=i last=queue_len - 1 bay_id snapshot /></li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

/// The car being worked on: stage, flags and the labour clock against standard.
fn current_chip(board: Board, job: PublicJob, now: DateTime<Utc>) -> impl IntoView {
    let lang = board.lang;
    let worked = job.labour.minutes_at(now);
    let over = worked > job.labor_minutes;
    let flags = job.flags.clone();
    view! {
        <div class=format!("job-chip stage-{}", job.stage.as_str()) data-ticket=job.ticket.clone() data-stage=job.stage.as_str()>
            <strong>{job.ticket.clone()}</strong>" "{job.plate_masked.clone()}" · "{job.model.clone()}
            <span class="stage-name">{move || t(lang.get(), Key::Stage(job.stage))}</span>
            <span class="elapsed" class:over=over data-testid="elapsed">
                {worked}" / "{job.labor_minutes}" min"
            </span>
            {flags.into_iter().map(|f| view! {
                <span class=format!("badge flag-{}", f.as_str())>{move || t(lang.get(), Key::StaffFlag(f))}</span>
            }).collect_view()}
        </div>
    }
}

#[component]
fn QueuedJob(
    board: Board,
    job: PublicJob,
    index: usize,
    last: usize,
    bay_id: i64,
    snapshot: StoredValue<BaysSnapshot>,
) -> impl IntoView {
    let lang = board.lang;
    let w = move |k: W| t(lang.get(), Key::Workshop(k));
    let position = u32::try_from(index).unwrap_or(0) + 1;
    let ticket = job.ticket.clone();
    let job = StoredValue::new(job);
    let disabled = move || board.changes.busy.get() || !board.changes.online.get();
    let move_to = move |e: leptos::ev::Event| {
        if let Ok(to) = event_target_value(&e).parse::<i64>() {
            job.with_value(|j| board.assign(j, to, None));
        }
    };
    view! {
        <div class="job-chip stage-queued" data-testid="queued-job" data-ticket=ticket data-stage="queued">
            <strong>{job.with_value(|j| j.ticket.clone())}</strong>" "{job.with_value(|j| j.plate_masked.clone())}" · "{job.with_value(|j| j.model.clone())}
            <span class="stage-name">{job.with_value(|j| j.labor_minutes)}" min"</span>
            <Show when=move || board.can_dispatch()>
                <div class="queue-buttons">
                    <button type="button" class="btn btn-small" aria-label=move || w(W::Up) disabled=move || disabled() || index == 0
                        on:click=move |_| job.with_value(|j| board.assign(j, bay_id, Some(position - 1)))>"↑"</button>
                    <button type="button" class="btn btn-small" aria-label=move || w(W::Down) disabled=move || disabled() || index == last
                        on:click=move |_| job.with_value(|j| board.assign(j, bay_id, Some(position + 1)))>"↓"</button>
                    <select aria-label=move || w(W::MoveTo) disabled=disabled on:change=move_to>
                        <option value="">{move || w(W::MoveTo)}</option>
                        {snapshot.with_value(|s| s.bays.iter().filter(|b| b.id != bay_id).map(|b| {
                            let id = b.id;
                            view! { <option value=id.to_string()>{move || snapshot.with_value(|s| board.bay_name(s, id))}</option> }
                        }).collect_view())}
                    </select>
                </div>
            </Show>
        </div>
    }
}
