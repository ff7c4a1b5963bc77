//! A day's slots: the load grid (one row per slot, one column per skill, booked/capacity
//! minutes with a bar), the slot buttons for a piece of work, part shortages, and what a
//! refused booking offers instead (the nearest free slots, the day the parts arrive).

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

use super::{api::Refusal, day_clock, Ctx};
use crate::client::{send, ClientError};
use crate::domain::store_clock;
use crate::i18n::{appointments::Ap, workshop::skill_name, Lang};
use crate::model::{Availability, AvailabilityRequest, PartShortage, SlotView};

/// Asks where the work of `request` fits (nothing while it is `None`).
pub(crate) fn availability(
    request: Memo<Option<AvailabilityRequest>>,
) -> LocalResource<Option<Result<Availability, ClientError>>> {
    LocalResource::new(move || {
        let request = request.get();
        async move {
            let r = request?;
            Some(send("POST", "/api/v1/appointments/availability", Some(&r)).await)
        }
    })
}

#[component]
pub fn LoadGrid(ctx: Ctx, slots: Vec<SlotView>) -> impl IntoView {
    let mut skills: Vec<String> = Vec::new();
    for s in slots.iter().flat_map(|s| &s.skills) {
        if !skills.contains(&s.skill) {
            skills.push(s.skill.clone());
        }
    }
    let head = skills
        .iter()
        .map(|s| {
            let s = s.clone();
            view! { <th>{move || skill_name(ctx.lang.get(), &s)}</th> }
        })
        .collect_view();
    let rows = slots
        .into_iter()
        .map(|slot| {
            let hm = store_clock(slot.start);
            let cells = skills
                .iter()
                .map(|skill| {
                    let load = slot.skills.iter().find(|l| &l.skill == skill).cloned();
                    match load.filter(|l| l.capacity > 0) {
                        None => view! { <td class="appt-none">"—"</td> }.into_any(),
                        Some(l) => {
                            let full = l.booked >= l.capacity;
                            let pct = (l.booked * 100 / l.capacity).min(100);
                            view! {
                                <td class="appt-cell" class:appt-full=full>
                                    {format!("{}/{}", l.booked, l.capacity)}
                                    {full.then(|| view! { " " <b>{move || ctx.s(Ap::Full)}</b> })}
                                    <svg class="appt-bar" viewBox="0 0 100 4" preserveAspectRatio="none"><rect width=pct height="4"></rect></svg>
                                </td>
                            }
                            .into_any()
                        }
                    }
                })
                .collect_view();
            view! {
                <tr class:appt-past=slot.past data-testid=format!("load-{hm}")><th>{hm.clone()}</th>{cells}</tr>
            }
        })
        .collect_view();
    view! {
        <div class="appt-grid-wrap">
            <table class="appt-grid" data-testid="load-grid">
                <thead><tr><th>{move || ctx.s(Ap::Slot)}</th>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// One big button per slot: those the work fits in can be tapped, the rest are disabled.
#[component]
pub fn SlotButtons(
    ctx: Ctx,
    slots: Vec<SlotView>,
    #[prop(into)] chosen: Signal<Option<DateTime<Utc>>>,
    pick: Callback<DateTime<Utc>>,
) -> impl IntoView {
    let none_fit = !slots.iter().any(|s| s.fits && !s.past);
    let buttons = slots
        .into_iter()
        .map(|s| {
            let (at, hm, open) = (s.start, store_clock(s.start), s.fits && !s.past);
            view! {
                <button type="button" class="btn appt-slot" class:appt-full=!s.fits class:appt-past=s.past
                    data-testid=format!("slot-{hm}") aria-pressed=move || (chosen.get() == Some(at)).to_string()
                    disabled=move || !open || ctx.busy.get() on:click=move |_| pick.run(at)>{hm.clone()}</button>
            }
        })
        .collect_view();
    view! {
        <div class="appt-slots">{buttons}</div>
        {none_fit.then(|| view! { <p class="muted">{move || ctx.s(Ap::NoFit)}</p> })}
    }
}

fn part_name(lang: Lang, p: &PartShortage) -> String {
    match lang {
        Lang::Zh => p.name_zh.clone(),
        Lang::En => p.name_en.clone(),
    }
}

#[component]
pub fn Shortages(ctx: Ctx, list: Vec<PartShortage>) -> impl IntoView {
    (!list.is_empty()).then(|| {
        let items = list
            .into_iter()
            .map(|p| {
                let when = p.expected_on;
                let p2 = p.clone();
                view! {
                    <li>
                        {move || part_name(ctx.lang.get(), &p2)} " " {p.code.clone()}
                        {format!(" ×{} ({})", p.needed, p.available)} " · "
                        {move || match when {
                            Some(d) => ctx.s(Ap::Expected).replace("{date}", &d.to_string()),
                            None => ctx.s(Ap::NothingOnOrder).to_string(),
                        }}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="appt-short" data-testid="shortages">
                <b>{move || ctx.s(Ap::Shortage)}</b>
                <ul>{items}</ul>
            </div>
        }
    })
}

/// When the parts can be promised, and a button to go to that day.
#[component]
pub fn PartsFrom(ctx: Ctx, day: Option<NaiveDate>, go: Callback<NaiveDate>) -> impl IntoView {
    day.map(|d| {
        view! {
            <p class="appt-parts-from">
                {move || ctx.s(Ap::PartsFrom).replace("{date}", &d.to_string())} " "
                <button type="button" class="btn" data-testid="go-parts-from" on:click=move |_| go.run(d)>
                    {move || ctx.s(Ap::GoToDay)}
                </button>
            </p>
        }
    })
}

/// What a refusal offers: the nearest free slots (tap to book there) or the shortage.
#[component]
pub fn Refused(
    ctx: Ctx,
    refusal: Refusal,
    pick: Callback<DateTime<Utc>>,
    go: Callback<NaiveDate>,
) -> impl IntoView {
    match refusal {
        Refusal::Full(times) => {
            let buttons = times
                .into_iter()
                .map(|at| {
                    view! {
                        <button type="button" class="btn appt-slot" data-testid=format!("alt-{}", store_clock(at))
                            disabled=move || ctx.busy.get() on:click=move |_| pick.run(at)>{day_clock(at)}</button>
                    }
                })
                .collect_view();
            view! {
                <div class="appt-refusal" data-testid="slot-full">
                    <p>{move || ctx.s(Ap::SlotFull)}</p>
                    <b>{move || ctx.s(Ap::Alternatives)}</b>
                    <div class="appt-slots">{buttons}</div>
                </div>
            }
            .into_any()
        }
        Refusal::Parts(a) => view! {
            <div class="appt-refusal" data-testid="parts-short">
                <p>{move || ctx.s(Ap::PartsShort)}</p>
                <Shortages ctx list=a.shortages />
                <PartsFrom ctx day=a.parts_from go />
            </div>
        }
        .into_any(),
        Refusal::Other(_) => ().into_any(),
    }
}
