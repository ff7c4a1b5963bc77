//! Taking a complaint by hand at the desk: how it came in (phone, in store, online, the
//! manufacturer's hotline), its category and severity, the customer's words, and who
//! they are (a job's id fills in the customer).

use leptos::prelude::*;

use super::Desk;
use crate::domain::complaint::{Category, Channel, Severity};
use crate::domain::text::{NAME_MAX, NOTE_MAX, PHONE_INPUT_MAX};
use crate::i18n::aftersales::F;
use crate::model::NewComplaint;

#[component]
pub fn TakeComplaint(desk: Desk) -> impl IntoView {
    let channel = RwSignal::new(Channel::Phone);
    let category = RwSignal::new(Category::RepairQuality);
    let severity = RwSignal::new(Severity::Normal);
    let summary = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let job = RwSignal::new(String::new());
    let take = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
        let body = NewComplaint {
            job_id: job.get_untracked().trim().parse().ok(),
            channel: channel.get_untracked(),
            category: category.get_untracked(),
            severity: severity.get_untracked(),
            summary: summary.get_untracked(),
            customer_name: text(name),
            customer_phone: text(phone),
        };
        desk.post("/api/v1/complaints".into(), body, move || {
            summary.set(String::new())
        });
    };
    view! {
        <form class="card take-complaint" data-testid="take-complaint" on:submit=take>
            <h2>{move || desk.f(F::TakeComplaint)}</h2>
            <div class="choices">
                {Channel::BY_HAND.into_iter().map(|c| view! {
                    <button type="button" class="btn btn-choice" aria-pressed=move || (channel.get() == c).to_string()
                        on:click=move |_| channel.set(c)>{move || desk.f(F::Channel(c))}</button>
                }).collect_view()}
            </div>
            <div class="row">
                <label class="field">{move || desk.f(F::CategoryLabel)}
                    <select on:change=move |e| if let Some(c) = Category::parse(&event_target_value(&e)) { category.set(c) }>
                        {Category::ALL.into_iter().map(|c| view! { <option value=c.as_str() selected=move || category.get() == c>{move || desk.f(F::Category(c))}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">{move || desk.f(F::SeverityLabel)}
                    <select on:change=move |e| if let Some(s) = Severity::parse(&event_target_value(&e)) { severity.set(s) }>
                        {Severity::ALL.into_iter().map(|s| view! { <option value=s.as_str() selected=move || severity.get() == s>{move || desk.f(F::Severity(s))}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <label class="field">{move || desk.f(F::Summary)}
                <textarea required maxlength=NOTE_MAX prop:value=move || summary.get() on:input=move |e| summary.set(event_target_value(&e))></textarea>
            </label>
            <div class="row">
                <label class="field">{move || desk.f(F::JobId)}
                    <input type="number" inputmode="numeric" prop:value=move || job.get() on:input=move |e| job.set(event_target_value(&e)) />
                </label>
                <label class="field">{move || desk.f(F::CustomerName)}
                    <input type="text" maxlength=NAME_MAX prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e)) />
                </label>
                <label class="field">{move || desk.f(F::CustomerPhone)}
                    <input type="tel" maxlength=PHONE_INPUT_MAX prop:value=move || phone.get() on:input=move |e| phone.set(event_target_value(&e)) />
                </label>
            </div>
            <button type="submit" class="btn btn-big btn-primary" disabled=move || desk.busy.get()>{move || desk.f(F::TakeComplaint)}</button>
        </form>
    }
}
