//! Step 6: a short summary of the order and the signature pad; Submit makes the job
//! (once, whatever the number of taps: the draft's `Idempotency-Key`).

use chrono::Utc;
use leptos::prelude::*;

use super::{services::item_name, CallError, Kiosk, Step, StepNav};
use crate::client;
use crate::components::SignaturePad;
use crate::i18n::kiosk::K;
use crate::model::{CheckinReceipt, Signature};

#[component]
pub fn Sign(kiosk: Kiosk) -> impl IntoView {
    let signature = Signal::derive(move || kiosk.draft.with(|d| d.signature.clone()));
    let signed = Signal::derive(move || signature.with(Signature::is_drawn));
    let submit = move |_| {
        if !signed.get_untracked() {
            return;
        }
        let (request, key) = kiosk
            .draft
            .with_untracked(|d| (d.checkin_request(), d.idempotency_key.clone()));
        kiosk.call(
            move || async move {
                let headers = [("Idempotency-Key", key.as_str())];
                client::send_with_headers::<_, CheckinReceipt>(
                    "POST",
                    "/api/v1/checkins",
                    Some(&request),
                    &headers,
                )
                .await
            },
            move |receipt| {
                kiosk.draft.update(|d| d.receipt = Some(receipt));
                kiosk.go(Step::Ticket);
            },
        );
    };
    let summary = move || {
        let lang = kiosk.lang.get();
        kiosk.draft.with(|d| {
            let car = match &d.lookup {
                Some(l) => format!("{} · {}", l.plate_masked, l.model),
                None => format!("{} · {}", d.plate, d.model),
            };
            let quote = d.quote.clone();
            view! {
                <dl class="summary" data-testid="summary">
                    <dt>{kiosk.t(K::Plate)}</dt><dd>{car}</dd>
                    <dt>{kiosk.t(K::MileageTitle)}</dt><dd>{d.mileage.clone()} " " {kiosk.t(K::Km)}</dd>
                    {quote.map(|q| view! {
                        <dt>{kiosk.t(K::Item)}</dt>
                        <dd>{q.lines.iter().map(|l| item_name(lang, l)).collect::<Vec<_>>().join(lang_separator(lang))}</dd>
                        <dt>{kiosk.t(K::Total)}</dt><dd>{q.totals.total.to_string()}</dd>
                        <dt>{kiosk.t(K::ReadyBy)}</dt><dd>{crate::components::day_time(lang, q.promised_at, Utc::now())}</dd>
                    })}
                    <dt>{kiosk.t(K::ConcernsTitle)}</dt><dd class="concerns-text">{d.concerns.clone()}</dd>
                </dl>
            }
        })
    };
    let submit_label = Signal::derive(move || {
        kiosk.t(if kiosk.busy.get() {
            K::Submitting
        } else {
            K::Submit
        })
    });
    view! {
        <div class="sign">
            <h1>{move || kiosk.t(K::SignTitle)}</h1>
            {summary}
            <p class="lead">{move || kiosk.t(K::SignHint)}</p>
            <SignaturePad
                lang=kiosk.lang
                signature
                on_change=move |s: Signature| kiosk.draft.update(|d| d.signature = s)
            />
            <CallError kiosk />
            <Show when=move || kiosk.offline()>
                <p class="hint">{move || kiosk.t(K::TryAgain)} " ↓"</p>
            </Show>
            <StepNav kiosk next_enabled=signed on_next=submit next_label=submit_label />
        </div>
    }
}

fn lang_separator(lang: crate::i18n::Lang) -> &'static str {
    match lang {
        crate::i18n::Lang::Zh => "、",
        crate::i18n::Lang::En => ", ",
    }
}
