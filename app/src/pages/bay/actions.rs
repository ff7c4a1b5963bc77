//! The bay's action buttons: only what the stage machine allows this signed-in role,
//! a plate check before Start, a reason before Pause.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::send;
use crate::domain::{available_actions, ActionKind, JobFacts, PauseReason};
use crate::i18n::{t, Key, Lang};
use crate::model::{Actor, TechJob};

#[derive(Clone, Copy, PartialEq)]
enum Dialog {
    None,
    ConfirmPlate,
    PauseReason,
}

#[component]
pub fn ActionBar(
    job: TechJob,
    who: Actor,
    lang: Memo<Lang>,
    message: RwSignal<Option<Key>>,
) -> impl IntoView {
    let facts = JobFacts {
        stage: job.stage,
        wash_requested: job.wash,
        team_check_passed: job.team_check_passed,
    };
    let kinds: Vec<ActionKind> = available_actions(&facts, who.role)
        .into_iter()
        .filter(|k| {
            !matches!(
                k,
                ActionKind::Assign | ActionKind::Deliver | ActionKind::Cancel
            )
        })
        .collect();
    let dialog = RwSignal::new(Dialog::None);
    let busy = RwSignal::new(false);
    let (job_id, version, plate) = (job.id, job.version, job.plate.clone());

    let act = move |body: serde_json::Value| {
        busy.set(true);
        dialog.set(Dialog::None);
        spawn_local(async move {
            let url = format!("/api/v1/jobs/{job_id}/actions");
            match send::<_, serde_json::Value>("POST", &url, Some(&body)).await {
                Ok(_) => message.set(None),
                Err(e) => message.set(Some(super::explain(&e))),
            }
            busy.set(false);
        });
    };
    let simple = move |kind: ActionKind| {
        let mut body = serde_json::json!({ "action": kind.as_str(), "expected_version": version });
        if kind == ActionKind::TeamCheck {
            body["passed"] = true.into();
        }
        act(body)
    };

    view! {
        <section class="actions" aria-label="actions">
            {kinds.into_iter().map(|kind| view! {
                <button
                    type="button"
                    class=format!("btn btn-action action-{}", kind.as_str())
                    disabled=move || busy.get()
                    on:click=move |_| match kind {
                        ActionKind::Start => dialog.set(Dialog::ConfirmPlate),
                        ActionKind::Pause => dialog.set(Dialog::PauseReason),
                        other => simple(other),
                    }
                >
                    {move || t(lang.get(), Key::Action(kind))}
                </button>
            }).collect_view()}
        </section>
        {move || match dialog.get() {
            Dialog::None => ().into_any(),
            Dialog::ConfirmPlate => view! {
                <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="plate-check">
                    <p id="plate-check">{t(lang.get(), Key::ConfirmPlate)}</p>
                    <p class="plate big">{plate.clone()}</p>
                    <div class="dialog-buttons">
                        <button type="button" class="btn btn-primary" on:click=move |_| act(serde_json::json!({ "action": "start", "expected_version": version }))>
                            {t(lang.get(), Key::Confirm)}
                        </button>
                        <button type="button" class="btn" on:click=move |_| dialog.set(Dialog::None)>{t(lang.get(), Key::Cancel)}</button>
                    </div>
                </div>
            }.into_any(),
            Dialog::PauseReason => view! {
                <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="pause-why">
                    <p id="pause-why">{t(lang.get(), Key::ChoosePauseReason)}</p>
                    <div class="dialog-buttons">
                        {[PauseReason::AwaitingParts, PauseReason::AwaitingApproval, PauseReason::Other].into_iter().map(|reason| view! {
                            <button type="button" class="btn btn-primary" on:click=move |_| act(serde_json::json!({ "action": "pause", "reason": reason.as_str(), "expected_version": version }))>
                                {t(lang.get(), Key::PauseReason(reason))}
                            </button>
                        }).collect_view()}
                        <button type="button" class="btn" on:click=move |_| dialog.set(Dialog::None)>{t(lang.get(), Key::Cancel)}</button>
                    </div>
                </div>
            }.into_any(),
        }}
    }
}
