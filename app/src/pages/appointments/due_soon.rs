//! "Due soon" (提醒): cars whose next service falls within N days or N km, by the next
//! service date and km and each car's pace; from each, book, log a call with its outcome,
//! or send a reminder message (suppressed when the customer said no to messages).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{day_clock, Car, Ctx, Tab};
use crate::client::{send, ClientError};
use crate::domain::text::NOTE_MAX;
use crate::i18n::{appointments::Ap, t, Key};
use crate::model::{
    DueCarView, DueSoonList, MessageState, OutboxMessage, ReminderCall, ReminderCallView,
    ReminderOutcome,
};

#[component]
pub fn DueSoon(ctx: Ctx) -> impl IntoView {
    let days = RwSignal::new("30".to_string());
    let km = RwSignal::new("1000".to_string());
    let asked = RwSignal::new((30u32, 1000u32));
    let list = LocalResource::new(move || {
        let (d, k) = asked.get();
        async move {
            let url = format!("/api/v1/reminders?days={d}&km={k}");
            send::<(), DueSoonList>("GET", &url, None).await
        }
    });
    let apply = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let n = |s: RwSignal<String>, d: u32| s.with_untracked(|s| s.trim().parse().unwrap_or(d));
        asked.set((n(days, 30), n(km, 1000)));
    };
    view! {
        <section class="appt-due-soon" data-testid="due-soon">
            <form class="row" on:submit=apply>
                <label class="field">{move || ctx.s(Ap::DueDays)}
                    <input type="number" min="0" data-testid="due-days" prop:value=move || days.get() on:input=move |e| days.set(event_target_value(&e)) />
                </label>
                <label class="field">{move || ctx.s(Ap::DueKm)}
                    <input type="number" min="0" step="100" data-testid="due-km" prop:value=move || km.get() on:input=move |e| km.set(event_target_value(&e)) />
                </label>
                <button type="submit" class="btn btn-primary" data-testid="due-apply">{move || ctx.s(Ap::Go)}</button>
            </form>
            {move || match list.get() {
                None => view! { <p class="placeholder">{move || t(ctx.lang.get(), Key::Loading)}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="placeholder error">{move || t(ctx.lang.get(), e.key())}</p> }.into_any(),
                Some(Ok(l)) if l.cars.is_empty() => view! { <p class="placeholder">{move || ctx.s(Ap::NoDue)}</p> }.into_any(),
                Some(Ok(l)) => {
                    let today = l.today;
                    l.cars.into_iter().map(|car| { let late = car.due_on < today; view! { <DueRow ctx car late /> } }).collect_view().into_any()
                }
            }}
        </section>
    }
}

#[component]
fn DueRow(ctx: Ctx, car: DueCarView, late: bool) -> impl IntoView {
    let vid = car.vehicle_id;
    let last = RwSignal::new(car.last_call.clone());
    let calling = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let sent = RwSignal::new(None::<MessageState>);
    let log = move |outcome: ReminderOutcome| {
        let body = ReminderCall {
            outcome,
            note: note.get_untracked(),
        };
        ctx.busy.set(true);
        spawn_local(async move {
            let url = format!("/api/v1/reminders/{vid}/calls");
            match send::<_, ReminderCallView>("POST", &url, Some(&body)).await {
                Ok(v) => {
                    last.set(Some(v));
                    calling.set(false);
                    ctx.message.set(Some(Key::Appointments(Ap::Saved)));
                }
                Err(e) => ctx.message.set(Some(e.key())),
            }
            ctx.busy.set(false);
        });
    };
    let remind = move |_| {
        ctx.busy.set(true);
        spawn_local(async move {
            let url = format!("/api/v1/reminders/{vid}/message");
            match send::<(), OutboxMessage>("POST", &url, None).await {
                Ok(m) => {
                    let key = if m.state == MessageState::Suppressed {
                        Ap::Suppressed
                    } else {
                        Ap::Sent
                    };
                    sent.set(Some(m.state));
                    ctx.message.set(Some(Key::Appointments(key)));
                }
                Err(ClientError::Api { code, .. }) if code == "reminders_declined" => ctx
                    .message
                    .set(Some(Key::Appointments(Ap::RemindersDeclined))),
                Err(ClientError::Api { code, .. }) if code == "reminder_sent_today" => {
                    ctx.message.set(Some(Key::Appointments(Ap::SentToday)))
                }
                Err(e) => ctx.message.set(Some(e.key())),
            }
            ctx.busy.set(false);
        });
    };
    let pick = Car {
        vehicle_id: vid,
        plate: car.plate.clone(),
        model: car.model.clone(),
        customer: car.customer_name.clone(),
        phone: car.phone.clone(),
        next_service_km: car.next_service_km,
    };
    let next = car
        .next_service_km
        .map(|k| format!(" · → {k} km"))
        .unwrap_or_default();
    view! {
        <article class="card appt-due-car" data-testid="due-car" data-plate=car.plate.clone()>
            <p>
                <span class="plate">{car.plate.clone()}</span> " " {car.customer_name.clone()} " · " {car.phone.clone()} " · "
                <span class="model">{car.model.clone()}</span>
                {(!car.messages_ok).then(|| view! { " " <span class="flag">{move || ctx.s(Ap::NoMessages)}</span> })}
            </p>
            <p class="muted">
                {move || ctx.s(Ap::LastVisit)} {format!(" {} · {} km · ", car.last_visit_on, car.last_km)}
                {move || ctx.s(Ap::Pace)} {format!(" {:.1} · ", car.km_per_day)}
                {move || ctx.s(Ap::EstimatedKm)} {format!(" {}{next}", car.estimated_km)}
            </p>
            <p>
                <span class="appt-due-on" class:appt-overdue=late data-testid="due-on">{move || ctx.s(Ap::DueOn)} {format!(" {}", car.due_on)}</span>
                {move || last.get().map(|c| {
                    let at = day_clock(c.at);
                    view! { " · " <span class="muted" data-testid="last-call">{move || ctx.s(Ap::LastCall)} {format!(" {at} {} ", c.agent)} {move || ctx.s(Ap::Outcome(c.outcome))} {format!(" {}", c.note)}</span> }
                })}
            </p>
            <div class="appt-actions">
                <button type="button" class="btn btn-primary" data-testid="due-book"
                    on:click=move |_| { ctx.car.set(Some(pick.clone())); ctx.message.set(None); ctx.tab.set(Tab::Book) }>{move || ctx.s(Ap::Book)}</button>
                <button type="button" class="btn" data-testid="due-log-call" aria-pressed=move || calling.get().to_string()
                    on:click=move |_| calling.update(|c| *c = !*c)>{move || ctx.s(Ap::LogCall)}</button>
                <button type="button" class="btn" data-testid="due-remind" disabled=move || ctx.busy.get() on:click=remind>{move || ctx.s(Ap::SendReminder)}</button>
                {move || sent.get().map(|s| {
                    let key = if s == MessageState::Suppressed { Ap::Suppressed } else { Ap::Sent };
                    view! { <span class="flag" data-testid="due-sent" data-state=s.as_str()>{move || ctx.s(key)}</span> }
                })}
            </div>
            {move || calling.get().then(|| view! {
                <div class="appt-call" data-testid="call-log">
                    <label class="field">{move || ctx.s(Ap::Note)}
                        <input type="text" maxlength=NOTE_MAX data-testid="call-note" prop:value=move || note.get() on:input=move |e| note.set(event_target_value(&e)) />
                    </label>
                    <div class="choices">
                        {ReminderOutcome::ALL.into_iter().map(|o| view! {
                            <button type="button" class="btn btn-choice" data-testid=format!("outcome-{}", o.as_str())
                                disabled=move || ctx.busy.get() on:click=move |_| log(o)>{move || ctx.s(Ap::Outcome(o))}</button>
                        }).collect_view()}
                    </div>
                </div>
            })}
        </article>
    }
}
