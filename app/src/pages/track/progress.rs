//! The customer's job while it is in the workshop: where it is, when it will be ready,
//! what it costs so far, and extra work waiting for their decision.

use leptos::prelude::*;

use crate::components::{
    day_time, price_of, use_now, Changes, Decide, ExtraWorkCard, StagePipeline,
};
use crate::domain::{Money, Stage};
use crate::i18n::{desk::D, t, Key, Lang};
use crate::model::{pending_items, DecisionRequest, ItemStatus, TrackJob};

#[component]
pub fn Progress(lang: Memo<Lang>, job: TrackJob, token: String, changes: Changes) -> impl IntoView {
    let now = use_now();
    let d = move |k: D| t(lang.get(), Key::Desk(k));
    let when = move |at| day_time(lang.get(), at, now.get().unwrap_or(at));
    let (promised, eta) = (job.promised_at, job.eta);
    let pending = pending_items(&job.items);
    let work: Vec<_> = job
        .items
        .iter()
        .filter(|i| i.is_work() || i.status == ItemStatus::Declined)
        .cloned()
        .collect();
    view! {
        <section class="track-job" data-testid="track-job" data-stage=job.stage.as_str()>
            <p class="ticket">{job.ticket.clone()}</p>
            <p class="car"><span class="plate">{job.plate_masked.clone()}</span> " · " {job.model.clone()}</p>
            {(job.stage == Stage::Ready).then(|| view! {
                <div class="track-ready" role="status">
                    <h2>{move || d(D::TrackReady)}</h2>
                    <p>{move || d(D::TrackCollect)}</p>
                </div>
            })}
            <StagePipeline stage=job.stage lang=lang.get_untracked() />
            <p class="stage-now"><strong>{move || t(lang.get(), Key::Stage(job.stage))}</strong></p>
            <p class="times">
                <span>{move || t(lang.get(), Key::Promised)} " " {move || when(promised)}</span>
                " · "
                <span data-testid="track-eta">{move || t(lang.get(), Key::Eta)} " " {move || when(eta)}</span>
            </p>
            <ul class="flags">
                {job.flags.iter().map(|f| { let f = *f; view! { <li class=format!("flag flag-{}", f.as_str())>{move || t(lang.get(), Key::Flag(f))}</li> } }).collect_view()}
            </ul>
            {move || changes.message.get().map(|k| view! { <p class="notice" role="status">{t(lang.get(), k)}</p> })}
            {(!pending.is_empty()).then(|| view! {
                <section class="track-pending" data-testid="track-pending">
                    <h2>{move || d(D::TrackWaiting)}</h2>
                    <p class="muted">{move || d(D::TrackApproveHint)}</p>
                    {pending.iter().cloned().map(|item| {
                        let id = item.id;
                        let token = token.clone();
                        let on_decide = Callback::new(move |(approve, by, signature): Decide| {
                            let body = DecisionRequest {
                                approve, by, signature, tracking_token: Some(token.clone()),
                            };
                            changes.post(
                                format!("/api/v1/additional-items/{id}/decision"),
                                body,
                                Some(Key::Desk(if approve { D::ApprovedThanks } else { D::DeclinedNoted })),
                            );
                        });
                        view! { <ExtraWorkCard lang item busy=changes.busy.into() on_decide /> }
                    }).collect_view()}
                </section>
            })}
            <section class="track-items">
                <h2>{move || d(D::TrackYourWork)}</h2>
                <ul>
                    {work.into_iter().map(|i| {
                        let declined = i.status == ItemStatus::Declined;
                        let price = if i.free { t(lang.get_untracked(), Key::Desk(D::Free)).to_string() } else { price_of(&i).to_string() };
                        view! {
                            <li class:declined=declined data-status=i.status.as_str()>
                                <span>{move || if lang.get() == Lang::Zh { i.name_zh.clone() } else { i.name_en.clone() }}</span>
                                <span class="num">{price}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p class="track-total"><span>{move || d(D::TrackTotal)}</span> <strong data-testid="track-total">{Money::from_fen(job.total_fen).to_string()}</strong></p>
            </section>
        </section>
    }
}
