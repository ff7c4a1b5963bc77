//! Step 4: labour and parts per line and in total, what is free, what is out of stock,
//! and the promised time from the workshop's real queue.

use chrono::Utc;
use leptos::prelude::*;

use super::{services::item_name, Kiosk, Step, StepNav};
use crate::components::day_time;
use crate::i18n::kiosk::K;
use crate::model::Quote;

#[component]
pub fn EstimateTable(kiosk: Kiosk, quote: Quote) -> impl IntoView {
    let lang = kiosk.lang.get_untracked();
    let totals = quote.totals;
    view! {
        <table class="estimate" data-testid="estimate">
            <thead>
                <tr>
                    <th scope="col">{kiosk.t(K::Item)}</th>
                    <th scope="col" class="num">{kiosk.t(K::Labour)}</th>
                    <th scope="col" class="num">{kiosk.t(K::Parts)}</th>
                </tr>
            </thead>
            <tbody>
                {quote.lines.iter().map(|l| {
                    let free = l.price.labor.fen() == 0 && l.price.parts.fen() == 0 && quote.package_due.as_ref().is_some_and(|p| p.free);
                    view! {
                        <tr class:short=!l.price.in_stock>
                            <th scope="row">
                                {item_name(lang, l)}
                                {(!l.price.in_stock).then(|| view! { <span class="badge out-of-stock">{kiosk.t(K::OutOfStock)}</span> })}
                                {free.then(|| view! { <span class="badge free">{kiosk.t(K::Free)}</span> })}
                            </th>
                            <td class="num">{l.price.labor.to_string()}</td>
                            <td class="num">{l.price.parts.to_string()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
            <tfoot>
                <tr>
                    <th scope="row">{kiosk.t(K::Labour)} " / " {kiosk.t(K::Parts)}</th>
                    <td class="num">{totals.labor.to_string()}</td>
                    <td class="num">{totals.parts.to_string()}</td>
                </tr>
                <tr class="grand-total">
                    <th scope="row">{kiosk.t(K::Total)}</th>
                    <td class="num" colspan="2" data-testid="total">{totals.total.to_string()}</td>
                </tr>
            </tfoot>
        </table>
    }
}

#[component]
pub fn EstimateStep(kiosk: Kiosk) -> impl IntoView {
    let quote = Memo::new(move |_| kiosk.draft.with(|d| d.quote.clone()));
    view! {
        <div class="estimate-step">
            <h1>{move || kiosk.t(K::EstimateTitle)}</h1>
            {move || quote.get().map(|q| {
                let lang = kiosk.lang.get();
                let ready = day_time(lang, q.promised_at, Utc::now());
                view! {
                    <EstimateTable kiosk quote=q.clone() />
                    {q.parts_short.then(|| view! { <p class="notice warn">{kiosk.t(K::PartsShortNote)}</p> })}
                    {q.diagnosis.then(|| view! { <p class="notice">{kiosk.t(K::DiagnosisNote)}</p> })}
                    <p class="promise" data-testid="promise">{kiosk.t(K::ReadyBy)} " " <strong>{ready}</strong></p>
                }
            })}
            <StepNav kiosk next_enabled=Signal::derive(|| true) on_next=move |_| kiosk.go(Step::Choices) />
        </div>
    }
}
