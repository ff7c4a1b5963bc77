//! One call: the script (seed 001's wording) with the job's facts filled in, and what
//! the agent records: reached, not reached (up to three tries) or declined; the
//! customer's satisfaction, whether the fault is fixed, their own words and their
//! consent to the next-service reminder.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{money, Calls};
use crate::client::send;
use crate::domain::follow_up::{CallFindings, CallOutcome, FaultFixed, Satisfaction, COMMENTS_MAX};
use crate::domain::store_date;
use crate::i18n::{aftersales::F, t, Key, Lang};
use crate::model::{CallRecord, FollowUpTask};

/// A script line with the job's facts in its slots.
fn line(lang: Lang, key: F, task: &FollowUpTask) -> String {
    let f = &task.facts;
    let work: Vec<&str> = f
        .work
        .iter()
        .map(|w| {
            if lang == Lang::Zh {
                w.name_zh.as_str()
            } else {
                w.name_en.as_str()
            }
        })
        .collect();
    let sep = if lang == Lang::Zh { "、" } else { ", " };
    t(lang, Key::Aftersales(key))
        .replace("{name}", &f.customer_name)
        .replace("{store}", t(lang, Key::StoreName))
        .replace("{date}", &store_date(f.delivered_at).to_string())
        .replace("{model}", &f.model)
        .replace("{plate}", &f.plate)
        .replace("{work}", &work.join(sep))
        .replace("{advisor}", &f.advisor)
        .replace("{total}", &money(f.total_fen))
        .replace(
            "{km}",
            &f.next_service_km.map(|k| k.to_string()).unwrap_or_default(),
        )
        .replace(
            "{next}",
            &f.next_service_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
        )
}

#[component]
pub fn CallPanel(calls: Calls, task: FollowUpTask) -> impl IntoView {
    let satisfaction = RwSignal::new(None::<Satisfaction>);
    let fault = RwSignal::new(None::<FaultFixed>);
    let comments = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let (id, attempts) = (task.id, task.attempts);
    let record = move |outcome: CallOutcome| {
        let findings = match outcome {
            CallOutcome::Reached => {
                let (Some(satisfaction), Some(fault_fixed)) =
                    (satisfaction.get_untracked(), fault.get_untracked())
                else {
                    calls.message.set(Some(Key::Aftersales(F::Invalid)));
                    return;
                };
                Some(CallFindings {
                    satisfaction,
                    fault_fixed,
                    comments: comments.get_untracked(),
                    reminder_consent: consent.get_untracked(),
                })
            }
            _ => None,
        };
        let body = CallRecord {
            outcome,
            findings,
            expected_attempts: attempts,
        };
        calls.busy.set(true);
        spawn_local(async move {
            let url = format!("/api/v1/follow-ups/{id}/calls");
            match send::<_, FollowUpTask>("POST", &url, Some(&body)).await {
                Ok(done) => {
                    let key = if done.complaint_id.is_some() {
                        F::ComplaintOpened
                    } else {
                        F::CallSaved
                    };
                    calls.message.set(Some(Key::Aftersales(key)));
                    calls.open.set(None);
                }
                Err(e) => calls.message.set(Some(e.key())),
            }
            calls.busy.set(false);
        });
    };
    let lang = calls.lang;
    let say = {
        let task = task.clone();
        move |key: F| {
            let task = task.clone();
            move || line(lang.get(), key, &task)
        }
    };
    let problem = move || {
        satisfaction.get() == Some(Satisfaction::Dissatisfied)
            || fault.get() == Some(FaultFixed::No)
    };
    let has_next = task.facts.next_service_km.is_some();
    view! {
        <section class="card call-panel" data-testid="call-panel" data-ticket=task.facts.ticket.clone() data-job=task.facts.job_id>
            <h2>{move || calls.f(F::Script)} " · " {task.facts.ticket.clone()} " · " {task.facts.plate.clone()}</h2>
            <ol class="script">
                <li>{say(F::ScriptGreeting)}</li>
                <li>{say(F::ScriptVisit)}</li>
                <li class="muted">{say(F::ScriptDeclined)}</li>
                <li>{say(F::ScriptSatisfied)}
                    <div class="choices" data-testid="satisfaction">
                        {Satisfaction::ALL.into_iter().map(|s| view! {
                            <button type="button" class="btn btn-choice" aria-pressed=move || (satisfaction.get() == Some(s)).to_string()
                                on:click=move |_| satisfaction.set(Some(s))>{move || calls.f(F::Satisfaction(s))}</button>
                        }).collect_view()}
                    </div>
                </li>
                <li>{say(F::ScriptFault)}
                    <div class="choices" data-testid="fault-fixed">
                        {FaultFixed::ALL.into_iter().map(|f| view! {
                            <button type="button" class="btn btn-choice" aria-pressed=move || (fault.get() == Some(f)).to_string()
                                on:click=move |_| fault.set(Some(f))>{move || calls.f(F::FaultFixed(f))}</button>
                        }).collect_view()}
                    </div>
                </li>
                <li>{say(F::ScriptOpinion)}
                    {move || problem().then(|| view! { <p class="apology">{calls.f(F::ScriptApology)}</p> })}
                    <label class="field">{move || calls.f(F::Comments)}
                        <textarea data-testid="call-comments" maxlength=COMMENTS_MAX prop:value=move || comments.get()
                            on:input=move |e| comments.set(event_target_value(&e))></textarea>
                    </label>
                </li>
                {has_next.then(|| view! {
                    <li>{say(F::ScriptNextService)}
                        <label class="check-input">
                            <input type="checkbox" data-testid="reminder-consent" prop:checked=move || consent.get()
                                on:change=move |e| consent.set(event_target_checked(&e)) />
                            {move || calls.f(F::ReminderConsent)}
                        </label>
                    </li>
                })}
                <li>{say(F::ScriptThanks)}</li>
            </ol>
            <div class="actions">
                <button type="button" class="btn btn-big btn-primary" data-testid="save-call"
                    disabled=move || calls.busy.get() || satisfaction.get().is_none() || fault.get().is_none()
                    on:click=move |_| record(CallOutcome::Reached)>{move || calls.f(F::SaveCall)}</button>
                <button type="button" class="btn btn-big" data-testid="not-reached" disabled=move || calls.busy.get()
                    on:click=move |_| record(CallOutcome::NotReached)>{move || calls.f(F::Outcome(CallOutcome::NotReached))}</button>
                <button type="button" class="btn btn-big" data-testid="declined" disabled=move || calls.busy.get()
                    on:click=move |_| record(CallOutcome::Declined)>{move || calls.f(F::Outcome(CallOutcome::Declined))}</button>
            </div>
        </section>
    }
}
