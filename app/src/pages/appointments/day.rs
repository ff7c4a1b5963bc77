//! The day view: a date (today by the server's clock, previous / next day), the day's
//! appointments in time order, and the load grid. Reloaded every minute, so a no-show
//! appears without a tap.

use chrono::{Duration, NaiveDate};
use leptos::prelude::*;

use super::card::AppointmentCard;
use super::slots::LoadGrid;
use super::Ctx;
use crate::client::send;
use crate::components::use_now;
use crate::domain::store_date;
use crate::i18n::{appointments::Ap, t, Key};
use crate::model::{Appointment, AppointmentDay};

#[component]
pub fn DayView(ctx: Ctx) -> impl IntoView {
    let date = RwSignal::new(None::<NaiveDate>);
    let tick = RwSignal::new(0u32);
    Effect::new(move |_| {
        if date.get_untracked().is_none() {
            date.set(Some(ctx.today_or_device()));
        }
    });
    let now = use_now();
    Effect::new(move |n: Option<u32>| {
        now.track();
        let n = n.map_or(0, |n| n + 1);
        if n > 0 && n.is_multiple_of(4) {
            tick.update(|t| *t += 1);
        }
        n
    });
    let day = LocalResource::new(move || {
        let d = date.get();
        tick.track();
        async move {
            let d = d?;
            let url = format!("/api/v1/appointments?date={d}");
            Some(send::<(), AppointmentDay>("GET", &url, None).await)
        }
    });
    // The first answer tells the server's today (a moved clock or a device that is off).
    Effect::new(move |_| {
        if let Some(Some(Ok(d))) = day.get() {
            if ctx.today.get_untracked().is_none() {
                let today = store_date(d.now);
                ctx.today.set(Some(today));
                if d.date != today {
                    date.set(Some(today));
                }
            }
        }
    });
    let loaded = move || day.get().flatten();
    let appointments = Memo::new(move |_| {
        let mut list: Vec<Appointment> = loaded()
            .and_then(Result::ok)
            .map(|d| d.appointments)
            .unwrap_or_default();
        list.sort_by_key(|a| (a.scheduled_at, a.id));
        list
    });
    let reload = Callback::new(move |()| tick.update(|t| *t += 1));
    let shift = move |days: i64| {
        date.update(|d| *d = d.map(|d| d + Duration::days(days)));
    };
    view! {
        <div class="appt-daybar">
            <button type="button" class="btn" data-testid="day-prev" on:click=move |_| shift(-1)>{move || ctx.s(Ap::PrevDay)}</button>
            <input type="date" class="appt-date" data-testid="day-date" prop:value=move || date.get().map(|d| d.to_string()).unwrap_or_default()
                on:change=move |e| if let Ok(d) = event_target_value(&e).parse() { date.set(Some(d)) } />
            <button type="button" class="btn" data-testid="day-today" on:click=move |_| date.set(Some(ctx.today_or_device()))>{move || ctx.s(Ap::Today)}</button>
            <button type="button" class="btn" data-testid="day-next" on:click=move |_| shift(1)>{move || ctx.s(Ap::NextDay)}</button>
        </div>
        {move || match loaded() {
            None => view! { <p class="placeholder">{move || t(ctx.lang.get(), Key::Loading)}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="placeholder error">{move || t(ctx.lang.get(), e.key())}</p> }.into_any(),
            Some(Ok(_)) => ().into_any(),
        }}
        <div class="appt-day">
            <section class="appt-list" data-testid="day-list">
                <For each=move || appointments.get() key=|a| (a.id, a.version, a.no_show, a.job_id) let:appt>
                    <AppointmentCard ctx appt reload />
                </For>
                {move || (loaded().is_some_and(|d| d.is_ok()) && appointments.with(Vec::is_empty))
                    .then(|| view! { <p class="placeholder">{move || ctx.s(Ap::NoAppointments)}</p> })}
            </section>
            <section class="appt-load">
                <h2>{move || ctx.s(Ap::Load)}</h2>
                {move || loaded().and_then(Result::ok).map(|d| view! { <LoadGrid ctx slots=d.slots /> })}
            </section>
        </div>
    }
}
