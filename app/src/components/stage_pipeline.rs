//! The stage pipeline of a job (checked in → … → ready) with the current step lit.

use leptos::prelude::*;

use crate::domain::Stage;
use crate::i18n::{t, Key, Lang};

const STEPS: [Stage; 6] = [
    Stage::CheckedIn,
    Stage::Queued,
    Stage::InService,
    Stage::QualityCheck,
    Stage::Washing,
    Stage::Ready,
];

/// Where a stage sits on the pipeline (paused shows on "in service").
fn step_of(stage: Stage) -> usize {
    match stage {
        Stage::CheckedIn => 0,
        Stage::Queued => 1,
        Stage::InService | Stage::Paused => 2,
        Stage::QualityCheck => 3,
        Stage::Washing => 4,
        Stage::Ready | Stage::Delivered | Stage::Cancelled => 5,
    }
}

#[component]
pub fn StagePipeline(stage: Stage, lang: Lang) -> impl IntoView {
    let current = step_of(stage);
    view! {
        <ol class="pipeline" aria-label=t(lang, Key::Stage(stage))>
            {STEPS
                .iter()
                .enumerate()
                .map(|(i, step)| {
                    let class = if i < current { "step done" } else if i == current { "step current" } else { "step" };
                    view! { <li class=class>{t(lang, Key::Stage(*step))}</li> }
                })
                .collect_view()}
        </ol>
    }
}
