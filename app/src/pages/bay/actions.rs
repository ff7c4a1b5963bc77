//! The bay's action buttons: only what the stage machine allows, each with the step
//! that makes it safe — the plate check before Start, a reason before Pause, the
//! self-check before Finish, and a PIN where someone else must sign (team lead, QC,
//! washer).

use leptos::prelude::*;

use super::additional::AdditionalWork;
use super::countersign::{Sign, SignDialog};
use super::expect_bay;
use crate::domain::{available_actions, ActionKind, JobFacts, PauseReason, Role, Stage};
use crate::i18n::{workshop::W, Key};
use crate::model::{checklist_done, Actor, TechJob};

#[derive(Clone, Copy, PartialEq)]
enum Dialog {
    None,
    ConfirmPlate,
    Pause,
    Finish,
    Sign(Sign),
    Additional,
}

#[component]
pub fn ActionBar(job: TechJob, who: Actor) -> impl IntoView {
    let bay = expect_bay();
    let ready_to_finish = checklist_done(&job.items);
    // Buttons follow the stage machine; Finish shows even with ticks missing (greyed,
    // with the reason) so the technician knows what is left.
    let facts = JobFacts {
        stage: job.stage,
        wash_requested: job.wash,
        team_check_passed: job.team_check_passed,
        checklist_done: true,
    };
    let own: Vec<ActionKind> = available_actions(&facts, who.role)
        .into_iter()
        .filter(|k| {
            matches!(
                k,
                ActionKind::Start | ActionKind::Pause | ActionKind::Resume | ActionKind::FinishWork
            )
        })
        .collect();
    let signs: Vec<Sign> = Sign::ALL
        .into_iter()
        .filter(|s| available_actions(&facts, s.role()).contains(&s.kind()))
        .filter(|s| !(s.is_team_check() && job.team_check_passed))
        .collect();
    let can_report =
        who.role != Role::QcInspector && matches!(job.stage, Stage::InService | Stage::Paused);
    let dialog = RwSignal::new(Dialog::None);
    let (job_id, version, plate) = (job.id, job.version, job.plate.clone());
    let url = format!("/api/v1/jobs/{job_id}/actions");
    let act = {
        let url = url.clone();
        Callback::new(move |body: serde_json::Value| {
            dialog.set(Dialog::None);
            bay.post(url.clone(), body, None);
        })
    };
    let disabled = move || bay.busy.get() || !bay.online.get();
    let self_role = who.role;

    let own_buttons = {
        own.into_iter()
            .map(move |kind| {

                let blocked = kind == ActionKind::FinishWork && !ready_to_finish;
                view! {
                    <button
                        type="button"
                        class=format!("btn btn-action action-{}", kind.as_str())
                        disabled=move || disabled() || blocked
                        on:click=move |_| match kind {
                            ActionKind::Start => dialog.set(Dialog::ConfirmPlate),
                            ActionKind::Pause => dialog.set(Dialog::Pause),
                            ActionKind::FinishWork => dialog.set(Dialog::Finish),
                            other => act.run(serde_json::json!({ "action": other.as_str(), "expected_version": version })),
                        }
                    >
                        {move || bay.t(Key::Action(kind))}
                    </button>
                    {blocked.then(|| view! { <span class="hint">{move || bay.w(W::ChecklistOpen)}</span> })}
                }
            })
            .collect_view()
    };

    view! {
        <section class="actions" aria-label="actions" data-ticket=job.ticket.clone()>
            {own_buttons}
            {signs.into_iter().map(|sign| view! {
                <button
                    type="button"
                    class=format!("btn btn-action sign-{}", sign.as_str())
                    disabled=disabled
                    on:click=move |_| dialog.set(Dialog::Sign(sign))
                >
                    {move || bay.t(sign.label())}
                </button>
            }).collect_view()}
            {can_report.then(|| view! {
                <button type="button" class="btn btn-secondary" disabled=disabled on:click=move |_| dialog.set(Dialog::Additional)>
                    {move || bay.w(W::ReportAdditional)}
                </button>
            })}
        </section>
        {move || {

            let close = Callback::new(move |_: ()| dialog.set(Dialog::None));
            match dialog.get() {
                Dialog::None => ().into_any(),
                Dialog::ConfirmPlate => confirm_plate(plate.clone(), version, act, close).into_any(),
                Dialog::Pause => pause_dialog(version, act, close).into_any(),
                Dialog::Finish => finish_dialog(version, act, close).into_any(),
                Dialog::Sign(sign) => view! {
                    <SignDialog sign url=url.clone() version self_role close />
                }.into_any(),
                Dialog::Additional => view! { <AdditionalWork job_id close /> }.into_any(),
            }
        }}
    }
}

fn confirm_plate(
    plate: String,
    version: i64,
    act: Callback<serde_json::Value>,
    close: Callback<()>,
) -> impl IntoView {
    let bay = expect_bay();
    view! {
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="plate-check">
            <p id="plate-check">{move || bay.t(Key::ConfirmPlate)}</p>
            <p class="plate big">{plate}</p>
            <div class="dialog-buttons">
                <button type="button" class="btn btn-primary" on:click=move |_| act.run(serde_json::json!({ "action": "start", "expected_version": version }))>
                    {move || bay.t(Key::Confirm)}
                </button>
                <CloseButton close />
            </div>
        </div>
    }
}

fn pause_dialog(
    version: i64,
    act: Callback<serde_json::Value>,
    close: Callback<()>,
) -> impl IntoView {
    let bay = expect_bay();
    let other = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let pause = move |reason: PauseReason, note: Option<String>| serde_json::json!({ "action": "pause", "reason": reason.as_str(), "note": note, "expected_version": version });
    view! {
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="pause-why">
            <p id="pause-why">{move || bay.t(Key::ChoosePauseReason)}</p>
            <div class="dialog-buttons">
                {[PauseReason::AwaitingParts, PauseReason::AwaitingApproval].into_iter().map(|reason| {
                    view! {
                        <button type="button" class="btn btn-primary" on:click=move |_| act.run(pause(reason, None))>
                            {move || bay.t(Key::PauseReason(reason))}
                        </button>
                    }
                }).collect_view()}
                <button type="button" class="btn" aria-pressed=move || if other.get() { "true" } else { "false" } on:click=move |_| other.set(true)>
                    {move || bay.t(Key::PauseReason(PauseReason::Other))}
                </button>
                <CloseButton close />
            </div>
            <Show when=move || other.get()>
                <label class="field">
                    {move || bay.w(W::PauseNote)}
                    <input type="text" maxlength="500" prop:value=move || note.get() on:input=move |e| note.set(event_target_value(&e)) />
                </label>
                <button
                    type="button"
                    class="btn btn-primary"
                    disabled=move || note.with(|n| n.trim().is_empty())
                    on:click=move |_| act.run(pause(PauseReason::Other, Some(note.get_untracked())))
                >
                    {move || bay.t(Key::Confirm)}
                </button>
            </Show>
        </div>
    }
}

fn finish_dialog(
    version: i64,
    act: Callback<serde_json::Value>,
    close: Callback<()>,
) -> impl IntoView {
    let bay = expect_bay();
    let checked = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    view! {
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="finish-title">
            <h2 id="finish-title">{move || bay.w(W::FinishTitle)}</h2>
            <label class="toggle">
                <input type="checkbox" prop:checked=move || checked.get() on:change=move |e| checked.set(event_target_checked(&e)) />
                {move || bay.w(W::SelfCheck)}
            </label>
            <label class="field">
                {move || bay.w(W::Notes)}
                <input type="text" maxlength="500" prop:value=move || note.get() on:input=move |e| note.set(event_target_value(&e)) />
            </label>
            <div class="dialog-buttons">
                <button
                    type="button"
                    class="btn btn-primary"
                    disabled=move || !checked.get()
                    on:click=move |_| act.run(serde_json::json!({
                        "action": "finish_work", "self_check": true,
                        "note": note.get_untracked(), "expected_version": version,
                    }))
                >
                    {move || bay.t(Key::Action(ActionKind::FinishWork))}
                </button>
                <CloseButton close />
            </div>
        </div>
    }
}

/// Cancel: closes the dialog it sits in.
#[component]
pub(super) fn CloseButton(close: Callback<()>) -> impl IntoView {
    let bay = expect_bay();
    view! {
        <button type="button" class="btn" on:click=move |_| close.run(())>
            {move || bay.t(Key::Cancel)}
        </button>
    }
}
