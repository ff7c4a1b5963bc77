//! The current job in the detail a technician needs: plate, model, mileage, the
//! customer's words as they said them, the checklist with standard times and parts,
//! notes, the promised time and time left, and the labour clock against standard.

use leptos::prelude::*;

use super::{Bay, NoteField};
use crate::components::{clock_time, day_time, use_now, Glyph, Icon};
use crate::domain::Stage;
use crate::i18n::{workshop::W, Key, Lang};
use crate::model::{standard_minutes, CheckRequest, ItemStatus, JobItemView, TechJob};

#[component]
pub fn JobPanel(bay: Bay, job: TechJob) -> impl IntoView {
    let now = use_now();
    let editable = matches!(job.stage, Stage::InService | Stage::Paused);
    let standard = standard_minutes(&job.items);
    let (promised, labour) = (job.promised_at, job.labour.clone());
    let concerns = job.concerns.clone();
    let time_left = move || {
        now.get().map(|now| {
            let left = (promised - now).num_minutes();
            let at = day_time(bay.lang.get(), promised, now);
            if left >= 0 {
                format!("{at} · {} {}", duration(left), bay.w(W::Left))
            } else {
                format!("{at} · {} {}", bay.w(W::Overdue), duration(-left))
            }
        })
    };
    let worked = {
        let labour = labour.clone();
        move || now.get().map_or(0, |now| labour.minutes_at(now))
    };
    let over = {
        let worked = worked.clone();
        move || worked() > standard
    };
    let items = job.items.clone();
    let job_id = job.id;
    let orders = order_notes(&job);
    view! {
        <section class="bay-job" data-testid="bay-current-job" data-ticket=job.ticket.clone() data-stage=job.stage.as_str()>
            <div class="job-head">
                <span class="ticket">{job.ticket.clone()}</span>
                <span class="plate" data-testid="job-plate">{job.plate.clone()}</span>
                <span class="model">{job.model.clone()}{job.colour.clone().map(|c| format!(" · {c}"))}</span>
                <span class="stage-name">{move || bay.t(Key::Stage(job.stage))}</span>
            </div>
            <div class="job-facts">
                <p>{move || bay.t(Key::Mileage)}": "{job.mileage_km}" km"</p>
                <p>{move || bay.t(Key::Promised)}": "<span data-testid="time-left">{time_left}</span></p>
                <p class:over=over data-testid="labour">
                    {move || bay.w(W::Worked)}" "{worked}" / "{standard}" min "{move || bay.w(W::Standard)}
                </p>
            </div>
            {(!labour.by_person.is_empty()).then(|| view! {
                <p class="muted labour-people">
                    {labour.by_person.iter().map(|p| format!("{} {} min", p.name, p.minutes)).collect::<Vec<_>>().join(" · ")}
                </p>
            })}
            <h3>{move || bay.t(Key::Concerns)}</h3>
            <p class="concerns" data-testid="concerns">{move || if concerns.is_empty() { bay.t(Key::NoConcerns).to_string() } else { concerns.clone() }}</p>
            <h3>{move || bay.w(W::Checklist)}</h3>
            <ul class="checklist" data-testid="checklist">
                {items.into_iter().map(|item| view! { <ChecklistItem bay job_id item editable /> }).collect_view()}
            </ul>
            <h3>{move || bay.w(W::Notes)}</h3>
            <ul class="notes">
                {orders.into_iter().map(|k| view! { <li>{move || bay.w(k)}</li> }).collect_view()}
                {job.notes.iter().map(|n| view! {
                    <li><span class="muted">{clock_time(n.at)}" "{n.by.clone()}": "</span>{n.text.clone()}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// What the repair order tells the technician besides the work.
fn order_notes(job: &TechJob) -> Vec<W> {
    let mut notes = vec![if job.old_parts == "take" {
        W::OldPartsTake
    } else {
        W::OldPartsLeave
    }];
    if job.wash {
        notes.push(W::WashAfter);
    }
    if job.waiting {
        notes.push(W::CustomerWaiting);
    }
    notes
}

/// "1 h 05 min" or "25 min".
fn duration(minutes: i64) -> String {
    if minutes >= 60 {
        format!("{} h {:02} min", minutes / 60, minutes % 60)
    } else {
        format!("{minutes} min")
    }
}

/// One line of the checklist: tap Done, or Not done with a reason; extra work shows
/// whether the customer has decided.
#[component]
fn ChecklistItem(bay: Bay, job_id: i64, item: JobItemView, editable: bool) -> impl IntoView {
    let asking = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let (zh, en) = (item.name_zh.clone(), item.name_en.clone());
    let name = move || {
        if bay.lang.get() == Lang::Zh {
            zh.clone()
        } else {
            en.clone()
        }
    };
    let parts = item.parts.clone();
    let parts_text = move || {
        parts
            .iter()
            .map(|p| {
                let n = if bay.lang.get() == Lang::Zh {
                    &p.name_zh
                } else {
                    &p.name_en
                };
                format!("{n} ×{}", p.qty)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let url = format!("/api/v1/jobs/{job_id}/items/{}/check", item.id);
    let tick = {
        let url = url.clone();
        move |done: bool, note: Option<String>| {
            bay.post(url.clone(), CheckRequest { done, note }, None);
            asking.set(false);
        }
    };
    let tick2 = tick.clone();
    let tick3 = tick.clone();
    let done = item.status == ItemStatus::Done;
    let note = item.not_done_note.clone().filter(|n| !n.trim().is_empty());
    let work = item.is_work();
    let status = item.status;
    let parts_item = item.clone();
    let disabled = move || !editable || bay.busy.get() || !bay.online.get();
    view! {
        <li class=format!("check-item status-{}", item.status) class:done=done data-testid="check-item" data-status=item.status.as_str()>
            <div class="check-text">
                <span class="check-name">{name}</span>
                <span class="muted">" · "{item.labor_minutes}" min"</span>
                {(!item.parts.is_empty()).then(|| view! { <span class="check-parts">{move || bay.w(W::Parts)}": "{parts_text}</span> })}
                {note.clone().map(|n| view! { <span class="check-note">{move || bay.w(W::NotDone)}" "{n.clone()}</span> })}
                {(status == ItemStatus::Pending).then(|| view! { <span class="badge badge-approval">{move || bay.w(W::Pending)}</span> })}
                {(status == ItemStatus::Declined).then(|| view! { <span class="badge">{move || bay.w(W::Declined)}</span> })}
            </div>
            {(work && !parts_item.parts.is_empty()).then(|| view! { <super::parts::ItemParts bay job_id item=parts_item.clone() editable /> })}
            {work.then(|| view! {
                <div class="check-buttons">
                    <button
                        type="button"
                        class="btn btn-check"
                        aria-pressed=if done { "true" } else { "false" }
                        disabled=disabled
                        on:click=move |_| tick(!done, None)
                    >
                        {done.then(|| view! { <Icon glyph=Glyph::Check /> })}{move || bay.w(W::Done)}
                    </button>
                    <button
                        type="button"
                        class="btn"
                        disabled=disabled
                        on:click=move |_| if note.is_some() { tick2(false, None) } else { asking.set(true) }
                    >
                        {
                            let has_note = item.not_done_note.as_deref().is_some_and(|n| !n.trim().is_empty());
                            move || if has_note { bay.w(W::Reopen) } else { bay.w(W::NotDone) }
                        }
                    </button>
                </div>
            })}
            <Show when=move || asking.get()>
                <div class="check-reason">
                    <NoteField bay label=W::NotDoneWhy value=reason />
                    <button
                        type="button"
                        class="btn btn-primary"
                        disabled=move || reason.with(|r| r.trim().is_empty())
                        on:click={
                            let tick3 = tick3.clone();
                            move |_| tick3(false, Some(reason.get_untracked()))
                        }
                    >
                        {move || bay.w(W::Save)}
                    </button>
                    <button type="button" class="btn" on:click=move |_| asking.set(false)>{move || bay.t(Key::Cancel)}</button>
                </div>
            </Show>
        </li>
    }
}
