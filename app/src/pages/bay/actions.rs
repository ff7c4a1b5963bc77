//! The bay's action buttons: only what the stage machine allows, each with the step
//! that makes it safe — the plate check before Start, a reason before Pause, the
//! self-check before Finish, and a PIN where someone else must sign (team lead, QC,
//! washer).

use leptos::prelude::*;

use super::additional::AdditionalWork;
use super::countersign::{Sign, SignDialog};
use super::{Bay, NoteField};
use crate::domain::{available_actions, Action, ActionKind, JobFacts, PauseReason, Role, Stage};
use crate::i18n::{workshop::W, Key};
use crate::model::{checklist_done, ActionRequest, Actor, TechJob};

/// A dialog open on the bay screen. It keeps the job's version from when it was opened:
/// if someone else changes the job meanwhile, confirming gets `409` and the screen says
/// so, rather than silently acting on a state the technician never saw.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OpenDialog {
    job_id: i64,
    version: i64,
    plate: String,
    kind: Dialog,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Dialog {
    ConfirmPlate,
    Pause,
    Finish,
    Sign(Sign),
    Additional,
}

#[component]
pub fn ActionBar(bay: Bay, job: TechJob, who: Actor) -> impl IntoView {
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
    let (job_id, version) = (job.id, job.version);
    let plate = StoredValue::new(job.plate.clone());
    let open = move |kind: Dialog| {
        bay.dialog.set(Some(OpenDialog {
            job_id,
            version,
            plate: plate.get_value(),
            kind,
        }))
    };
    let disabled = move || bay.busy.get() || !bay.online.get();

    let own_buttons = own
        .into_iter()
        .map(move |kind| {
            let blocked = kind == ActionKind::FinishWork && !ready_to_finish;
            view! {
                <button
                    type="button"
                    class=format!("btn btn-action action-{}", kind.as_str())
                    disabled=move || disabled() || blocked
                    on:click=move |_| match kind {
                        ActionKind::Start => open(Dialog::ConfirmPlate),
                        ActionKind::Pause => open(Dialog::Pause),
                        ActionKind::FinishWork => open(Dialog::Finish),
                        ActionKind::Resume => bay.post(
                            actions_url(job_id),
                            ActionRequest::new(Action::Resume, version),
                            None,
                        ),
                        // `own` holds only the four above.
                        other => leptos::logging::error!("no bay button for {other:?}"),
                    }
                >
                    {move || bay.t(Key::Action(kind))}
                </button>
                {blocked.then(|| view! { <span class="hint">{move || bay.w(W::ChecklistOpen)}</span> })}
            }
        })
        .collect_view();

    view! {
        <section class="actions" aria-label="actions" data-ticket=job.ticket.clone()>
            {own_buttons}
            {signs.into_iter().map(|sign| view! {
                <button
                    type="button"
                    class=format!("btn btn-action sign-{}", sign.as_str())
                    disabled=disabled
                    on:click=move |_| open(Dialog::Sign(sign))
                >
                    {move || bay.t(sign.label())}
                </button>
            }).collect_view()}
            {can_report.then(|| view! {
                <button type="button" class="btn btn-secondary" disabled=disabled on:click=move |_| open(Dialog::Additional)>
                    {move || bay.w(W::ReportAdditional)}
                </button>
            })}
        </section>
    }
}

fn actions_url(job_id: i64) -> String {
    format!("/api/v1/jobs/{job_id}/actions")
}

/// The open dialog, rendered apart from the live job views so an update from another
/// screen never closes it (or loses what was typed).
#[component]
pub fn BayDialogs(bay: Bay, self_role: Signal<Option<Role>>) -> impl IntoView {
    move || {
        let open = bay.dialog.get()?;
        let close = Callback::new(move |_: ()| bay.dialog.set(None));
        let url = actions_url(open.job_id);
        let act = {
            let url = url.clone();
            Callback::new(move |body: ActionRequest| {
                bay.dialog.set(None);
                bay.post(url.clone(), body, None);
            })
        };
        let version = open.version;
        Some(match open.kind {
            Dialog::ConfirmPlate => confirm_plate(bay, open.plate, version, act, close).into_any(),
            Dialog::Pause => pause_dialog(bay, version, act, close).into_any(),
            Dialog::Finish => finish_dialog(bay, version, act, close).into_any(),
            Dialog::Sign(sign) => {
                let self_role = self_role.get_untracked();
                view! { <SignDialog bay sign url version self_role close /> }.into_any()
            }
            Dialog::Additional => {
                view! { <AdditionalWork bay job_id=open.job_id close /> }.into_any()
            }
        })
    }
}

fn confirm_plate(
    bay: Bay,
    plate: String,
    version: i64,
    act: Callback<ActionRequest>,
    close: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="plate-check">
            <p id="plate-check">{move || bay.t(Key::ConfirmPlate)}</p>
            <p class="plate big">{plate}</p>
            <div class="dialog-buttons">
                <button type="button" class="btn btn-primary" on:click=move |_| act.run(ActionRequest::new(Action::Start, version))>
                    {move || bay.t(Key::Confirm)}
                </button>
                <CloseButton bay close />
            </div>
        </div>
    }
}

fn pause_dialog(
    bay: Bay,
    version: i64,
    act: Callback<ActionRequest>,
    close: Callback<()>,
) -> impl IntoView {
    let other = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let pause = move |reason: PauseReason, note: Option<String>| {
        ActionRequest::new(Action::Pause { reason, note }, version)
    };
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
                <CloseButton bay close />
            </div>
            <Show when=move || other.get()>
                <NoteField bay label=W::PauseNote value=note />
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
    bay: Bay,
    version: i64,
    act: Callback<ActionRequest>,
    close: Callback<()>,
) -> impl IntoView {
    let checked = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    view! {
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="finish-title">
            <h2 id="finish-title">{move || bay.w(W::FinishTitle)}</h2>
            <label class="toggle">
                <input type="checkbox" prop:checked=move || checked.get() on:change=move |e| checked.set(event_target_checked(&e)) />
                {move || bay.w(W::SelfCheck)}
            </label>
            <NoteField bay label=W::Notes value=note />
            <div class="dialog-buttons">
                <button
                    type="button"
                    class="btn btn-primary"
                    disabled=move || !checked.get()
                    on:click=move |_| act.run(ActionRequest::new(Action::FinishWork {
                        note: Some(note.get_untracked()), self_check: true,
                    }, version))
                >
                    {move || bay.t(Key::Action(ActionKind::FinishWork))}
                </button>
                <CloseButton bay close />
            </div>
        </div>
    }
}

/// Cancel: closes the dialog it sits in.
#[component]
pub(super) fn CloseButton(bay: Bay, close: Callback<()>) -> impl IntoView {
    view! {
        <button type="button" class="btn" on:click=move |_| close.run(())>
            {move || bay.t(Key::Cancel)}
        </button>
    }
}
