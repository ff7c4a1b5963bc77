//! One complaint: who owns it and by when (red once overdue), every step (who, when,
//! what was done, what was promised), and the next step: a note with a promise, the
//! resolution with the day the customer was told, a re-opening, or the return job.

use chrono::Utc;
use leptos::prelude::*;

use super::Desk;
use crate::components::clock_time;
use crate::domain::complaint::{Category, ComplaintState};
use crate::domain::store_date;
use crate::i18n::{aftersales::F, t, Key};
use crate::model::{ActorRole, ComplaintStepRequest, ComplaintView, StepAction};

fn when(at: chrono::DateTime<Utc>) -> String {
    format!("{} {}", store_date(at).format("%m-%d"), clock_time(at))
}

#[component]
pub fn ComplaintCard(desk: Desk, complaint: ComplaintView) -> impl IntoView {
    let c = complaint;
    let (id, version) = (c.id, c.version);
    let owner = c.owner_role;
    let open = c.state == ComplaintState::Open;
    let can_return = open
        && c.job_id.is_some()
        && c.return_job_id.is_none()
        && c.category == Category::RepairQuality;
    let note = RwSignal::new(String::new());
    let promise = RwSignal::new(String::new());
    let told = RwSignal::new(store_date(Utc::now()).to_string());
    let step = move |action: StepAction| {
        let body = ComplaintStepRequest {
            action,
            note: note.get_untracked(),
            promise: (action == StepAction::Note).then(|| promise.get_untracked()),
            customer_told_on: (action == StepAction::Resolve)
                .then(|| told.get_untracked().parse().ok())
                .flatten(),
            expected_version: version,
        };
        desk.post(format!("/api/v1/complaints/{id}/steps"), body, move || {
            note.set(String::new());
            promise.set(String::new());
        });
    };
    let return_job = move |_| desk.post(format!("/api/v1/complaints/{id}/return-job"), (), || {});
    let lang = desk.lang;
    let steps = c.steps.clone();
    let (late, late2) = (c.clone(), c.clone());
    view! {
        <article class="card complaint" class:overdue=move || desk.overdue(&late) data-testid="complaint" data-id=id
            data-owner=owner.as_str() data-state=c.state.as_str() data-job=c.job_id>
            <header>
                <h3>"#" {id} " · " {c.ticket.clone().unwrap_or_default()} " " {c.plate.clone().unwrap_or_default()}
                    " · " {move || desk.f(F::Category(c.category))}</h3>
                <p class="muted">{move || desk.f(F::Channel(c.channel))} " · " {move || desk.f(F::Severity(c.severity))}
                    " · " {c.customer_name.clone()} " " {c.customer_phone.clone()}</p>
                <p class="summary">{c.summary.clone()}</p>
                <p>
                    <span data-testid="complaint-owner">{move || desk.f(F::Owner)} ": " {move || t(lang.get(), Key::ActorRole(ActorRole::Staff(owner)))}</span>
                    " · " {move || desk.f(F::Deadline)} " " {when(c.deadline)}
                    {move || desk.overdue(&late2).then(|| view! { <strong class="overdue-badge">" " {desk.f(F::Overdue)}</strong> })}
                    " · " <span class="state">{move || desk.f(F::ComplaintState(c.state))}</span>
                </p>
                {c.return_job_id.map(|job| view! {
                    <p><a href=format!("/desk/jobs/{job}") data-testid="return-job-link">{move || desk.f(F::ReturnJob)} " →"</a></p>
                })}
                {c.resolution.clone().map(|r| view! { <p>{move || desk.f(F::Resolution)} ": " {r.clone()} " (" {c.customer_told_on.map(|d| d.to_string())} ")"</p> })}
            </header>
            <ol class="complaint-steps">
                {steps.into_iter().map(|s| {
                    let who = match s.actor_role {
                        Some(role) => format!("{} {}", t(lang.get_untracked(), Key::ActorRole(ActorRole::Staff(role))), s.actor_name),
                        None => desk.f(F::ByClock).to_string(),
                    };
                    view! {
                        <li data-kind=s.kind.as_str()>
                            <span class="muted">{when(s.at)}</span> " " <strong>{move || desk.f(F::Step(s.kind))}</strong> " · " {who}
                            " → " {move || t(lang.get(), Key::ActorRole(ActorRole::Staff(s.owner_role)))}
                            {(!s.note.is_empty()).then(|| view! { <p>{s.note.clone()}</p> })}
                            {(!s.promise.is_empty()).then(|| view! { <p class="promise">{move || desk.f(F::Promise)} ": " {s.promise.clone()}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <div class="complaint-actions">
                <label class="field">{move || desk.f(if open { F::AddNote } else { F::ReopenWhy })}
                    <textarea data-testid="step-note" maxlength=crate::domain::text::NOTE_MAX prop:value=move || note.get() on:input=move |e| note.set(event_target_value(&e))></textarea>
                </label>
                {if open { view! {
                    <label class="field">{move || desk.f(F::Promise)}
                        <input type="text" data-testid="step-promise" maxlength=crate::domain::text::NOTE_MAX prop:value=move || promise.get() on:input=move |e| promise.set(event_target_value(&e)) />
                    </label>
                    <label class="field">{move || desk.f(F::ToldOn)}
                        <input type="date" data-testid="told-on" prop:value=move || told.get() on:input=move |e| told.set(event_target_value(&e)) />
                    </label>
                    <div class="actions">
                        <button type="button" class="btn" data-testid="add-note" disabled=move || desk.busy.get() on:click=move |_| step(StepAction::Note)>{move || desk.f(F::AddNote)}</button>
                        <button type="button" class="btn btn-primary" data-testid="resolve" disabled=move || desk.busy.get() on:click=move |_| step(StepAction::Resolve)>{move || desk.f(F::Resolve)}</button>
                        {can_return.then(|| view! {
                            <button type="button" class="btn btn-primary" data-testid="open-return-job" disabled=move || desk.busy.get() on:click=return_job>{move || desk.f(F::OpenReturnJob)}</button>
                        })}
                    </div>
                }.into_any() } else { view! {
                    <button type="button" class="btn" data-testid="reopen" disabled=move || desk.busy.get() on:click=move |_| step(StepAction::Reopen)>{move || desk.f(F::Reopen)}</button>
                }.into_any() }}
            </div>
        </article>
    }
}
