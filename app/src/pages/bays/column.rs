//! One bay on the board: its team, who is signed in, its skills, the car it is working
//! on (time worked against standard, why it is paused) and its queue, which a signed-in
//! foreman reorders or moves to another bay before work starts. Built once per bay, its
//! queue keyed by job: live updates flow in through the board's snapshot.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::Board;
use crate::domain::BayLoad;
use crate::i18n::{t, workshop::skill_name, workshop::W, Key};
use crate::model::{group_by_bay, BayBoard, PublicJob};

#[component]
pub fn BayColumn(
    board: Board,
    bay_id: i64,
    loads: Memo<Vec<BayLoad>>,
    clock: Memo<DateTime<Utc>>,
) -> impl IntoView {
    let lang = board.lang;
    let w = move |k: W| t(lang.get(), Key::Workshop(k));
    let column = Memo::new(move |_| {
        board.state.with(|s| {
            let s = s.as_ref()?;
            group_by_bay(&s.bays, &s.jobs)
                .into_iter()
                .find(|c| c.bay.id == bay_id)
        })
    });
    let read = move |f: fn(&BayBoard) -> String| column.with(|c| c.as_ref().map(f));
    let who = move || {
        column
            .with(|c| c.as_ref().map(|c| c.bay.signed_in.join(", ")))
            .filter(|who| !who.is_empty())
            .unwrap_or_else(|| t(lang.get(), Key::NobodySignedIn).to_string())
    };
    let skills = move || {
        column.with(|c| {
            c.as_ref().map(|c| {
                c.bay
                    .skills
                    .iter()
                    .map(|s| skill_name(lang.get(), s))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        })
    };
    let load = move || {
        loads.with(|l| {
            l.iter()
                .find(|l| l.bay_id == bay_id)
                .map_or(0, |l| l.queued_minutes)
        })
    };
    let queue = Memo::new(move |_| {
        column
            .with(|c| {
                c.as_ref()
                    .map(|c| c.queue.iter().map(|j| j.id).collect::<Vec<i64>>())
            })
            .unwrap_or_default()
    });
    // The outage the bay is in now, as "out of service until 12-03 18:00 · reason".
    let outage = move || {
        column.with(|c| {
            c.as_ref()?.bay.outage_at(clock.get()).map(|o| {
                let until = crate::domain::to_store_local(o.to).format("%m-%d %H:%M");
                format!(
                    "{} {} {until} · {}",
                    w(W::OutOfService),
                    w(W::Until),
                    o.reason
                )
            })
        })
    };
    view! {
        <section class="bay-column" data-testid="bay-column" data-bay=bay_id class:out-of-service=move || outage().is_some()>
            <h2>{move || board.bay_name(bay_id)}</h2>
            {move || outage().map(|text| view! { <p class="badge out-of-service" data-testid="bay-out-of-service" role="status">{text}</p> })}
            <p class="muted">
                {move || read(|c| c.bay.team_name.clone())}" · "
                <span data-testid="bay-signed-in">{who}</span>
            </p>
            <p class="skills">{move || t(lang.get(), Key::Skills)}": "{skills}</p>
            <p class="muted">{load}" "{move || w(W::MinQueued)}</p>
            <h3>{move || t(lang.get(), Key::CurrentJob)}</h3>
            {move || match column.with(|c| c.as_ref().and_then(|c| c.current_job.clone())) {
                Some(job) => current_chip(board, job, clock.get()).into_any(),
                None => view! { <p class="muted">{move || t(lang.get(), Key::NoCurrentJob)}</p> }.into_any(),
            }}
            <h3>{move || t(lang.get(), Key::Queue)}</h3>
            <Show
                when=move || queue.with(|q| !q.is_empty())
                fallback=move || view! { <p class="muted">{move || t(lang.get(), Key::QueueEmpty)}</p> }
            >
                <ol class="queue">
                    <For each=move || queue.get() key=|id| *id children=move |job_id| view! {
                        <li><QueuedJob board job_id bay_id queue /></li>
                    } />
                </ol>
            </Show>
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

/// A car in a bay's queue; `queue` is the bay's queue (job ids, in order).
#[component]
fn QueuedJob(board: Board, job_id: i64, bay_id: i64, queue: Memo<Vec<i64>>) -> impl IntoView {
    let lang = board.lang;
    let w = move |k: W| t(lang.get(), Key::Workshop(k));
    let job = Memo::new(move |_| board.job(job_id));
    let read = move |f: fn(&PublicJob) -> String| job.with(|j| j.as_ref().map(f));
    let index = Memo::new(move |_| queue.with(|q| q.iter().position(|id| *id == job_id)));
    let last = move || queue.with(|q| q.len().checked_sub(1));
    let disabled = move || board.changes.busy.get() || !board.changes.online.get();
    // Moves the car to `position` (1-based) in `bay`'s queue, or to its end.
    let assign = move |bay: i64, position: Option<u32>| {
        job.with_untracked(|j| {
            if let Some(j) = j {
                board.assign(j, bay, position);
            }
        });
    };
    // This car's position counted from 1, shifted by `by`.
    let shifted = move |by: i64| {
        index
            .get_untracked()
            .and_then(|i| u32::try_from(i64::try_from(i).ok()? + 1 + by).ok())
    };
    let move_to = move |e: leptos::ev::Event| {
        if let Ok(to) = event_target_value(&e).parse::<i64>() {
            assign(to, None);
        }
    };
    view! {
        <div class="job-chip stage-queued" data-testid="queued-job" data-ticket=move || read(|j| j.ticket.clone()) data-stage="queued">
            <strong>{move || read(|j| j.ticket.clone())}</strong>" "{move || read(|j| j.plate_masked.clone())}" · "{move || read(|j| j.model.clone())}
            <span class="stage-name">{move || read(|j| j.labor_minutes.to_string())}" min"</span>
            <Show when=move || board.can_dispatch()>
                <div class="queue-buttons">
                    <button type="button" class="btn btn-small" aria-label=move || w(W::Up) disabled=move || disabled() || index.get() == Some(0)
                        on:click=move |_| if let Some(p) = shifted(-1) { assign(bay_id, Some(p)) }>"↑"</button>
                    <button type="button" class="btn btn-small" aria-label=move || w(W::Down) disabled=move || disabled() || index.get() == last()
                        on:click=move |_| if let Some(p) = shifted(1) { assign(bay_id, Some(p)) }>"↓"</button>
                    <select aria-label=move || w(W::MoveTo) disabled=disabled on:change=move_to>
                        <option value="">{move || w(W::MoveTo)}</option>
                        {move || board.bay_ids.get().into_iter().filter(|b| *b != bay_id).map(|id| view! {
                            <option value=id.to_string()>{move || board.bay_name(id)}</option>
                        }).collect_view()}
                    </select>
                </div>
            </Show>
        </div>
    }
}
