//! The delivery checklist (交车检查) on a ready car's page: what the system knows (work
//! done and through QC, extra work decided, washed) and what the advisor confirms or
//! sets (old parts shown/handed over, next service, payment, when the customer would
//! like the follow-up call), then Deliver, which issues the invoice. Once delivered: who handed it back, and the invoice.

use chrono::{Days, NaiveDate, Utc};
use leptos::prelude::*;

use super::Desk;
use crate::components::{clock_time, payment_key, Glyph, Icon, InvoiceView};
use crate::domain::follow_up::CallTime;
use crate::domain::{open_checks, store_date, Action, DeliveryCheck, DeliveryFacts, Stage};
use crate::i18n::{desk::D, t};
use crate::model::{delivery_facts, ActionRequest, JobView, PAYMENT_METHODS};

/// What the advisor has typed, kept across live updates of the job.
#[derive(Clone, Copy)]
pub struct Form {
    pub km: RwSignal<String>,
    pub date: RwSignal<String>,
    pub payment: RwSignal<String>,
    pub old_parts: RwSignal<bool>,
    /// When the customer prefers the follow-up call (回访).
    pub call_time: RwSignal<Option<CallTime>>,
}

impl Form {
    pub fn new() -> Form {
        Form {
            km: RwSignal::new(String::new()),
            date: RwSignal::new(String::new()),
            payment: RwSignal::new(String::new()),
            old_parts: RwSignal::new(false),
            call_time: RwSignal::new(None),
        }
    }
}

/// The usual next service: 5,000 km on (rounded up to a thousand) or half a year.
fn suggested(job: &JobView) -> (String, String) {
    let km = (job.mileage_km + 5_000).div_ceil(1_000) * 1_000;
    let date = store_date(Utc::now())
        .checked_add_days(Days::new(182))
        .map(|d| d.to_string())
        .unwrap_or_default();
    (km.to_string(), date)
}

#[component]
pub fn DeliveryPanel(desk: Desk, job: JobView, form: Form) -> impl IntoView {
    if job.stage == Stage::Delivered {
        return view! {
            <section class="card delivery" data-testid="delivered">
                <h3>{desk.d(D::Delivered)}</h3>
                <p>{desk.d(D::DeliveredBy)} " " {job.delivered_by.clone().unwrap_or_default()} " · " {job.delivered_at.map(clock_time).unwrap_or_default()}</p>
                {job.invoice.clone().map(|invoice| view! { <InvoiceView lang=desk.lang invoice /> })}
            </section>
        }.into_any();
    }
    if form.km.with_untracked(String::is_empty) {
        let (km, date) = suggested(&job);
        form.km.set(km);
        form.date.set(date);
        form.payment.set(job.payment_method.clone());
    }
    let lang = desk.lang;
    let base = delivery_facts(&job, false, false, false);
    let next = move || -> Option<(u32, NaiveDate)> {
        Some((
            form.km.get().trim().parse().ok()?,
            form.date.get().parse().ok()?,
        ))
    };
    let open = Memo::new(move |_| {
        open_checks(&DeliveryFacts {
            old_parts_handled: form.old_parts.get(),
            next_service_set: next().is_some(),
            call_time_set: form.call_time.get().is_some(),
            ..base
        })
    });
    let take = job.old_parts == "take";
    let (id, version) = (job.id, job.version);
    let deliver = move |_| {
        let Some((km, date)) = next() else { return };
        let Some(call_time) = form.call_time.get_untracked() else {
            return;
        };
        desk.changes.post(
            format!("/api/v1/jobs/{id}/actions"),
            ActionRequest::new(
                Action::Deliver {
                    next_service_km: Some(km),
                    next_service_date: Some(date),
                    old_parts_handled: form.old_parts.get_untracked(),
                    payment_method: Some(form.payment.get_untracked()),
                    call_time: Some(call_time),
                },
                version,
            ),
            None,
        );
    };
    let line = move |check: DeliveryCheck, key: D| {
        view! {
            <li class:done=move || !open.with(|o| o.contains(&check)) data-check=format!("{check:?}")>
                {move || view! { <Icon glyph=if open.with(|o| o.contains(&check)) { Glyph::Square } else { Glyph::SquareCheck } /> }} {move || desk.d(key)}
            </li>
        }
    };
    view! {
        <section class="card delivery" data-testid="delivery">
            <h3>{move || desk.d(D::Delivery)}</h3>
            <ul class="checks">
                {line(DeliveryCheck::WorkDone, D::CheckWork)}
                {line(DeliveryCheck::Decided, D::CheckDecided)}
                {job.wash.then(|| line(DeliveryCheck::Clean, D::CheckClean))}
            </ul>
            <label class="check-input">
                <input type="checkbox" data-testid="old-parts" prop:checked=move || form.old_parts.get()
                    on:change=move |e| form.old_parts.set(event_target_checked(&e)) />
                {move || desk.d(if take { D::CheckOldPartsTake } else { D::CheckOldPartsLeave })}
            </label>
            <div class="row">
                <label>{move || desk.d(D::NextServiceKm)}
                    <input type="number" inputmode="numeric" data-testid="next-km" prop:value=move || form.km.get()
                        on:input=move |e| form.km.set(event_target_value(&e)) /></label>
                <label>{move || desk.d(D::NextServiceDate)}
                    <input type="date" data-testid="next-date" prop:value=move || form.date.get()
                        on:input=move |e| form.date.set(event_target_value(&e)) /></label>
                <label>{move || desk.d(D::PaymentMethod)}
                    <select prop:value=move || form.payment.get() on:change=move |e| form.payment.set(event_target_value(&e))>
                        {PAYMENT_METHODS.into_iter().map(|m| view! { <option value=m>{move || t(lang.get(), payment_key(m))}</option> }).collect_view()}
                    </select></label>
            </div>
            <fieldset class="call-time" data-testid="call-time">
                <legend>{move || desk.d(D::CallTimeQuestion)}</legend>
                {CallTime::ALL.into_iter().map(|c| view! {
                    <button type="button" class="btn btn-choice" aria-pressed=move || (form.call_time.get() == Some(c)).to_string()
                        on:click=move |_| form.call_time.set(Some(c))>
                        {move || desk.d(D::CallTimeChoice(c))}
                    </button>
                }).collect_view()}
            </fieldset>
            <button type="button" class="btn btn-big btn-primary" data-testid="deliver"
                disabled=move || !open.with(Vec::is_empty) || desk.changes.busy.get() on:click=deliver>
                {move || desk.d(D::Deliver)}
            </button>
        </section>
    }.into_any()
}
