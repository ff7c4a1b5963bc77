//! "Needs you now", above the desk's list: calls for an advisor from the kiosk, extra
//! work awaiting the customer's decision, cars ready but not collected, and late cars
//! whose customer has not been told (with the number to call and "customer told").

use leptos::prelude::*;

use super::Desk;
use crate::components::{clock_time, price_of, Glyph, Icon};
use crate::i18n::{desk::D, Lang};
use crate::model::{needs_you, Appointment, DeskSnapshot, JobView, ToldRequest};

fn car(job: &JobView) -> String {
    format!(
        "{} · {} · {}",
        job.ticket, job.vehicle.plate, job.vehicle.model
    )
}

#[component]
pub fn Attention(
    desk: Desk,
    snapshot: DeskSnapshot,
    /// Appointments not checked in 30 minutes after their time.
    #[prop(optional)]
    no_shows: Vec<Appointment>,
) -> impl IntoView {
    let lang = desk.lang;
    let requests = snapshot.requests.clone();
    let needs = needs_you(&snapshot);
    let name = move |zh: &str, en: &str| match lang.get_untracked() {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    };
    let pending: Vec<(JobView, String, String, bool)> = needs
        .decisions
        .iter()
        .flat_map(|(j, items)| {
            items.iter().map(move |i| {
                (
                    j.clone(),
                    name(&i.name_zh, &i.name_en),
                    price_of(i).to_string(),
                    i.safety_critical,
                )
            })
        })
        .collect();
    let (ready, late) = (needs.ready, needs.late);
    if requests.is_empty()
        && pending.is_empty()
        && ready.is_empty()
        && late.is_empty()
        && no_shows.is_empty()
    {
        return view! { <p class="attention-none muted">{desk.d(D::NothingNeedsYou)}</p> }
            .into_any();
    }
    let open = move |id: i64| desk.href(&format!("/desk/jobs/{id}"));
    view! {
        <section class="attention" data-testid="attention">
            {super::arrivals::no_show_group(desk, no_shows)}
            {(!requests.is_empty()).then(|| view! {
                <div class="attention-group" data-testid="attention-requests">
                    <h3>{desk.d(D::CallRequests)}</h3>
                    <ul>{requests.into_iter().map(|r| {
                        let id = r.id;
                        view! { <li>
                            <span>{desk.d(D::CallRequestFrom)} " · " {clock_time(r.at)} " · " {r.language.to_uppercase()}</span>
                            <button type="button" class="btn btn-primary" disabled=move || desk.changes.busy.get()
                                on:click=move |_| desk.changes.post(format!("/api/v1/desk-requests/{id}/resolve"), serde_json::Map::new(), None)>
                                {desk.d(D::GoingNow)}
                            </button>
                        </li> }
                    }).collect_view()}</ul>
                </div>
            })}
            {(!pending.is_empty()).then(|| view! {
                <div class="attention-group" data-testid="attention-approvals">
                    <h3>{desk.d(D::AwaitingDecision)}</h3>
                    <ul>{pending.into_iter().map(|(job, name, price, safety)| view! { <li>
                        <a href=open(job.id)>{car(&job)}</a>
                        <span>{name} " · " {price} {safety.then(|| view! { " · " <strong class="safety"><Icon glyph=Glyph::Warning />{desk.d(D::SafetyBadge)}</strong> })}</span>
                        <span class="muted">{job.customer.name.clone()} " · " <a href=format!("tel:{}", job.customer.phone)>{job.customer.phone.clone()}</a></span>
                    </li> }).collect_view()}</ul>
                </div>
            })}
            {(!ready.is_empty()).then(|| view! {
                <div class="attention-group" data-testid="attention-ready">
                    <h3>{desk.d(D::ReadyNotCollected)}</h3>
                    <ul>{ready.into_iter().map(|job| view! { <li>
                        <a href=open(job.id)>{car(&job)}</a>
                        <span>{desk.d(D::ReadySince)} " " {clock_time(job.stage_since)}</span>
                        <span class="muted">{job.customer.name.clone()} " · " <a href=format!("tel:{}", job.customer.phone)>{job.customer.phone.clone()}</a></span>
                    </li> }).collect_view()}</ul>
                </div>
            })}
            {(!late.is_empty()).then(|| view! {
                <div class="attention-group late" data-testid="attention-late">
                    <h3>{desk.d(D::LateNotTold)}</h3>
                    <ul>{late.into_iter().map(|job| {
                        let id = job.id;
                        view! { <li>
                            <a href=open(job.id)>{car(&job)}</a>
                            <span>{clock_time(job.promised_at)} " → " <strong>{clock_time(job.eta)}</strong></span>
                            <span>{job.customer.name.clone()} " · " <a class="btn" href=format!("tel:{}", job.customer.phone)>{desk.d(D::Call)} " " {job.customer.phone.clone()}</a></span>
                            <button type="button" class="btn btn-primary" data-testid="customer-told" disabled=move || desk.changes.busy.get()
                                on:click=move |_| desk.changes.post(format!("/api/v1/jobs/{id}/customer-told"), ToldRequest::default(), None)>
                                {desk.d(D::CustomerTold)}
                            </button>
                        </li> }
                    }).collect_view()}</ul>
                </div>
            })}
        </section>
    }.into_any()
}
