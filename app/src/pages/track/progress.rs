//! The customer's job while it is in the workshop: where it is, when it will be ready,
//! what it costs so far, and extra work waiting for their decision. Built once per job:
//! live updates flow in through `job`, and each card of extra work is keyed by what it
//! means ([`JobItemView::card_key`]), so a moving ETA leaves a half-drawn signature be.

use leptos::prelude::*;

use crate::components::{
    day_time, price_of, use_now, Changes, Decide, ExtraWorkCard, StagePipeline,
};
use crate::domain::{Money, Stage};
use crate::i18n::{desk::D, t, Key, Lang};
use crate::model::{pending_items, DecisionRequest, ItemStatus, JobItemView, TrackJob};

/// `f` of the job, while there is one.
fn read<T>(job: Memo<Option<TrackJob>>, f: impl FnOnce(&TrackJob) -> T) -> Option<T> {
    job.with(|j| j.as_ref().map(f))
}

#[component]
pub fn Progress(
    lang: Memo<Lang>,
    job: Memo<Option<TrackJob>>,
    token: String,
    changes: Changes,
) -> impl IntoView {
    let now = use_now();
    let d = move |k: D| t(lang.get(), Key::Desk(k));
    let when = move |at| day_time(lang.get(), at, now.get().unwrap_or(at));
    let stage = Memo::new(move |_| read(job, |j| j.stage));
    let pending = Memo::new(move |_| read(job, |j| pending_items(&j.items)).unwrap_or_default());
    let token = StoredValue::new(token);
    let card = move |item: JobItemView| {
        let id = item.id;
        let on_decide = Callback::new(move |(approve, by, signature): Decide| {
            let body = DecisionRequest {
                approve,
                by,
                signature,
                tracking_token: Some(token.get_value()),
            };
            changes.post(
                format!("/api/v1/additional-items/{id}/decision"),
                body,
                Some(Key::Desk(if approve {
                    D::ApprovedThanks
                } else {
                    D::DeclinedNoted
                })),
            );
        });
        view! { <ExtraWorkCard lang item busy=changes.busy.into() on_decide /> }
    };
    view! {
        <section class="track-job" data-testid="track-job" data-stage=move || stage.get().map(Stage::as_str)>
            <p class="ticket">{move || read(job, |j| j.ticket.clone())}</p>
            <p class="car">
                <span class="plate">{move || read(job, |j| j.plate_masked.clone())}</span>
                " · " {move || read(job, |j| j.model.clone())}
            </p>
            {move || (stage.get() == Some(Stage::Ready)).then(|| view! {
                <div class="track-ready" role="status">
                    <h2>{move || d(D::TrackReady)}</h2>
                    <p>{move || d(D::TrackCollect)}</p>
                </div>
            })}
            {move || stage.get().map(|stage| view! { <StagePipeline stage lang=lang.get_untracked() /> })}
            <p class="stage-now"><strong>{move || stage.get().map(|s| t(lang.get(), Key::Stage(s)))}</strong></p>
            <p class="times">
                <span>{move || t(lang.get(), Key::Promised)} " " {move || read(job, |j| j.promised_at).map(when)}</span>
                " · "
                <span data-testid="track-eta">{move || t(lang.get(), Key::Eta)} " " {move || read(job, |j| j.eta).map(when)}</span>
            </p>
            <ul class="flags">
                {move || read(job, |j| j.flags.clone()).unwrap_or_default().into_iter().map(|f| view! {
                    <li class=format!("flag flag-{}", f.as_str())>{move || t(lang.get(), Key::Flag(f))}</li>
                }).collect_view()}
            </ul>
            {move || changes.message.get().map(|k| view! { <p class="notice" role="status">{t(lang.get(), k)}</p> })}
            <Show when=move || pending.with(|p| !p.is_empty())>
                <section class="track-pending" data-testid="track-pending">
                    <h2>{move || d(D::TrackWaiting)}</h2>
                    <p class="muted">{move || d(D::TrackApproveHint)}</p>
                    <For each=move || pending.get() key=JobItemView::card_key children=card />
                </section>
            </Show>
            <section class="track-items">
                <h2>{move || d(D::TrackYourWork)}</h2>
                <ul>{move || read(job, |j| work_list(lang, j))}</ul>
                <p class="track-total">
                    <span>{move || d(D::TrackTotal)}</span>
                    <strong data-testid="track-total">{move || read(job, |j| Money::from_fen(j.total_fen).to_string())}</strong>
                </p>
            </section>
        </section>
    }
}

/// The work on the car (agreed, approved, done) and what was declined, with prices.
fn work_list(lang: Memo<Lang>, job: &TrackJob) -> impl IntoView {
    let lang_now = lang.get();
    job.items
        .iter()
        .filter(|i| i.is_work() || i.status == ItemStatus::Declined)
        .map(|i| {
            let declined = i.status == ItemStatus::Declined;
            let price = if i.free {
                t(lang_now, Key::Desk(D::Free)).to_string()
            } else {
                price_of(i).to_string()
            };
            let name = match lang_now {
                Lang::Zh => i.name_zh.clone(),
                Lang::En => i.name_en.clone(),
            };
            view! {
                <li class:declined=declined data-status=i.status.as_str()>
                    <span>{name}</span>
                    <span class="num">{price}</span>
                </li>
            }
        })
        .collect_view()
}
