//! One car on the board: ticket, masked plate, model and colour, the pipeline with the
//! current step lit and how long it has been there, promised time and live ETA, flags.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::components::{day_time, minutes_since, Glyph, Icon, StagePipeline};
use crate::domain::Flag;
use crate::i18n::{t, Key, Lang};
use crate::model::PublicJob;

pub fn flag_icon(flag: Flag) -> Glyph {
    match flag {
        Flag::Return => Glyph::Warning,
        Flag::AwaitingApproval => Glyph::Hand,
        Flag::AwaitingParts => Glyph::Package,
        Flag::Delayed => Glyph::Timer,
        Flag::Ready => Glyph::CheckCircle,
    }
}

#[component]
pub fn JobCard(
    job: PublicJob,
    lang: Lang,
    now: ReadSignal<Option<DateTime<Utc>>>,
) -> impl IntoView {
    let since = job.stage_since;
    let delayed = job.flags.contains(&Flag::Delayed);
    let (promised, eta) = (job.promised_at, job.eta);
    let at = move |time: DateTime<Utc>| day_time(lang, time, now.get().unwrap_or(time));
    let car = match &job.colour {
        Some(colour) => format!("{} · {colour}", job.model),
        None => job.model.clone(),
    };
    view! {
        <li
            class=format!("job-card stage-{}", job.stage.as_str())
            class:delayed=delayed
            data-testid="lounge-job"
            data-ticket=job.ticket.clone()
            data-stage=job.stage.as_str()
        >
            <div class="job-head">
                <span class="ticket">{job.ticket.clone()}</span>
                <span class="plate">{job.plate_masked.clone()}</span>
                <span class="model">{car}</span>
            </div>
            <StagePipeline stage=job.stage lang />
            <p class="stage-now">
                <strong>{t(lang, Key::Stage(job.stage))}</strong>
                {move || now.get().map(|n| format!(" · {} {} {}", t(lang, Key::InStageFor), minutes_since(since, n), t(lang, Key::Minutes)))}
            </p>
            <div class="status-row">
                <p class="times">
                    <span>{t(lang, Key::Promised)} " " {move || at(promised)}</span>
                    <span class:late=delayed data-testid="eta">{t(lang, Key::Eta)} " " {move || at(eta)}</span>
                </p>
                <ul class="flags">
                    {job.flags.iter().map(|f| view! {
                        <li class=format!("flag flag-{}", f.as_str())>
                            <Icon glyph=flag_icon(*f) />
                            {t(lang, Key::Flag(*f))}
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        </li>
    }
}
