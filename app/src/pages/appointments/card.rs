//! One appointment on the day: time, code and QR, the car and customer, the work, its
//! state and timeline, a no-show flag, and Confirm / Reschedule / Cancel.

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::api::{post, Refusal};
use super::slots::{availability, Refused, Shortages, SlotButtons};
use super::{day_clock, Ctx};
use crate::components::QrCode;
use crate::domain::{store_clock, store_date};
use crate::i18n::{appointments::Ap, Key, Lang};
use crate::model::{
    Appointment, AppointmentAction, AppointmentChange, AppointmentState, AvailabilityRequest,
};

/// What the appointment is for: the package, the work's names, the minutes.
pub(crate) fn work_text(lang: Lang, a: &Appointment) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(km) = a.package_km {
        parts.push(super::Ctx::text(lang, Ap::Package).replace("{km}", &km.to_string()));
    }
    for w in &a.work {
        parts.push(match lang {
            Lang::Zh => w.name_zh.clone(),
            Lang::En => w.name_en.clone(),
        });
    }
    parts.push(super::Ctx::text(lang, Ap::Minutes).replace("{n}", &a.minutes.to_string()));
    parts.join(" · ")
}

#[component]
pub fn AppointmentCard(ctx: Ctx, appt: Appointment, reload: Callback<()>) -> impl IntoView {
    let (id, version) = (appt.id, appt.version);
    let open = appt.state != AppointmentState::Cancelled && appt.job_id.is_none();
    let asking = RwSignal::new(false);
    let moving = RwSignal::new(false);
    let refused = RwSignal::new(None::<Refusal>);
    let change = move |action: AppointmentAction, at: Option<DateTime<Utc>>| {
        let body = AppointmentChange {
            action,
            expected_version: version,
            scheduled_at: at,
            note: String::new(),
        };
        ctx.busy.set(true);
        spawn_local(async move {
            let url = format!("/api/v1/appointments/{id}/changes");
            match post::<_, Appointment>(&url, &body).await {
                Ok(_) => {
                    ctx.message.set(Some(Key::Appointments(Ap::Saved)));
                    reload.run(());
                }
                Err(r) => {
                    let key = match &r {
                        Refusal::Full(_) => Key::Appointments(Ap::SlotFull),
                        Refusal::Parts(_) => Key::Appointments(Ap::PartsShort),
                        Refusal::Other(e) => e.key(),
                    };
                    ctx.message.set(Some(key));
                    if key == Key::Conflict || key == Key::Appointments(Ap::Closed) {
                        reload.run(());
                    }
                    refused.set(Some(r));
                }
            }
            ctx.busy.set(false);
        });
    };
    let state = appt.state;
    let code = appt.code.clone();
    let text = {
        let a = appt.clone();
        move || work_text(ctx.lang.get(), &a)
    };
    let steps = appt
        .steps
        .iter()
        .map(|s| {
            let (kind, at) = (s.kind, day_clock(s.at));
            let who = format!(" · {} {}", s.actor_name, s.note);
            view! { <li>{at} " " <b>{move || ctx.s(Ap::Step(kind))}</b> {who}</li> }
        })
        .collect_view();
    let day = store_date(appt.scheduled_at);
    let request = AvailabilityRequest {
        date: day,
        package_km: appt.package_km,
        service_ids: if appt.package_km.is_some() {
            Vec::new()
        } else {
            appt.work.iter().map(|w| w.service_item_id).collect()
        },
        vehicle_id: Some(appt.vehicle_id),
        appointment_id: Some(id),
    };
    view! {
        <article class="card appt-card" class:appt-cancelled=!open && appt.job_id.is_none() class:appt-late=appt.no_show
            data-testid="appt-card" data-code=code.clone() data-state=state.as_str()>
            <div class="appt-head">
                <span class="appt-time">{store_clock(appt.scheduled_at)}</span>
                <span class="appt-code" data-testid="appt-code">{code.clone()}</span>
                {appt.no_show.then(|| view! { <span class="flag flag-delayed" data-testid="no-show">{move || ctx.s(Ap::NoShow)}</span> })}
                {match appt.job_id {
                    Some(j) => view! {
                        <a class="flag flag-ready" data-testid="appt-job" href=format!("/desk/jobs/{j}")>{move || ctx.s(Ap::CheckedIn)} {format!(" #{j}")}</a>
                    }.into_any(),
                    None => view! { <span class="flag" data-testid="appt-state">{move || ctx.s(Ap::State(state))}</span> }.into_any(),
                }}
            </div>
            <div class="appt-body">
                <div>
                    <p><span class="plate">{appt.plate.clone()}</span> " " {appt.customer_name.clone()} " · " {appt.phone.clone()} " · " <span class="model">{appt.model.clone()}</span></p>
                    <p>{text}</p>
                    {(!appt.concerns.is_empty()).then(|| view! { <p class="appt-concerns">{appt.concerns.clone()}</p> })}
                    <Shortages ctx list=appt.shortages.clone() />
                    <ol class="appt-steps">{steps}</ol>
                </div>
                <QrCode text=code.clone() label=code.clone() />
            </div>
            {open.then(|| view! {
                <div class="appt-actions">
                    {(state == AppointmentState::Booked).then(|| view! {
                        <button type="button" class="btn btn-primary" data-testid="appt-confirm" disabled=move || ctx.busy.get()
                            on:click=move |_| change(AppointmentAction::Confirm, None)>{move || ctx.s(Ap::Confirm)}</button>
                    })}
                    <button type="button" class="btn" data-testid="appt-reschedule" aria-pressed=move || moving.get().to_string()
                        on:click=move |_| moving.update(|m| *m = !*m)>{move || ctx.s(Ap::Reschedule)}</button>
                    <button type="button" class="btn btn-secondary" data-testid="appt-cancel"
                        on:click=move |_| asking.set(true)>{move || ctx.s(Ap::Cancel)}</button>
                </div>
            })}
            {move || asking.get().then(|| view! {
                <div class="appt-ask" role="alertdialog" data-testid="cancel-ask">
                    <p>{move || ctx.s(Ap::CancelAsk)}</p>
                    <button type="button" class="btn btn-danger" data-testid="cancel-yes" disabled=move || ctx.busy.get()
                        on:click=move |_| { asking.set(false); change(AppointmentAction::Cancel, None) }>{move || ctx.s(Ap::Yes)}</button>
                    <button type="button" class="btn" data-testid="cancel-no" on:click=move |_| asking.set(false)>{move || ctx.s(Ap::No)}</button>
                </div>
            })}
            {move || moving.get().then(|| {
                let pick = Callback::new(move |at| change(AppointmentAction::Reschedule, Some(at)));
                view! { <Move ctx request=request.clone() pick refused /> }
            })}
        </article>
    }
}

/// Rescheduling: a date, the slots this appointment's work fits in, and any refusal.
#[component]
fn Move(
    ctx: Ctx,
    request: AvailabilityRequest,
    pick: Callback<DateTime<Utc>>,
    refused: RwSignal<Option<Refusal>>,
) -> impl IntoView {
    let date = RwSignal::new(request.date);
    let asked = Memo::new(move |_| {
        Some(AvailabilityRequest {
            date: date.get(),
            ..request.clone()
        })
    });
    let avail = availability(asked);
    let go = Callback::new(move |d: NaiveDate| {
        refused.set(None);
        date.set(d)
    });
    view! {
        <div class="appt-move" data-testid="reschedule-panel">
            <label class="field">{move || ctx.s(Ap::Date)}
                <input type="date" data-testid="reschedule-date" prop:value=move || date.get().to_string()
                    on:change=move |e| if let Ok(d) = event_target_value(&e).parse() { go.run(d) } />
            </label>
            {move || match avail.get().flatten() {
                Some(Ok(a)) => view! {
                    <SlotButtons ctx slots=a.slots chosen=Signal::derive(|| None) pick />
                    <Shortages ctx list=a.shortages />
                }.into_any(),
                Some(Err(e)) => view! { <p class="placeholder error">{move || crate::i18n::t(ctx.lang.get(), e.key())}</p> }.into_any(),
                None => view! { <p class="muted">{move || crate::i18n::t(ctx.lang.get(), Key::Loading)}</p> }.into_any(),
            }}
            {move || refused.get().map(|r| view! { <Refused ctx refusal=r pick go /> })}
        </div>
    }
}
