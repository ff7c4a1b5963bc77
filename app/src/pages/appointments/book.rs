//! Booking: find the customer and car (or a new customer), the package due and/or the
//! concerns, a date; the slots this work fits in, any part shortage; a slot, then Book.
//! The booked appointment shows its code and QR; a refusal offers what is free instead.

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::api::{post, Refusal};
use super::slots::{availability, PartsFrom, Refused, Shortages, SlotButtons};
use super::{day_clock, Car, Ctx};
use crate::client::{send, ClientError};
use crate::components::QrCode;
use crate::domain::text::{CONCERNS_MAX, MODEL_MAX, NAME_MAX, PHONE_INPUT_MAX};
use crate::i18n::{appointments::Ap, t, Key};
use crate::model::{
    Appointment, AvailabilityRequest, BookingRequest, CustomerFile, CustomerSearch, NewCar,
};

/// `q` made safe for a query string.
fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
pub fn BookView(ctx: Ctx) -> impl IntoView {
    let fresh = RwSignal::new(false);
    let (plate, phone, name, model) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let package = RwSignal::new(String::new());
    // A picked car offers its next package.
    Effect::new(move |_| {
        if let Some(k) = ctx.car.with(|c| c.as_ref().and_then(|c| c.next_service_km)) {
            package.set(k.to_string());
        }
    });
    let concerns = RwSignal::new(String::new());
    let date = RwSignal::new(ctx.today_or_device());
    let chosen = RwSignal::new(None::<DateTime<Utc>>);
    let refused = RwSignal::new(None::<Refusal>);
    let done = RwSignal::new(None::<Appointment>);
    let package_km = move || {
        package
            .with(|p| p.trim().parse::<u32>().ok())
            .filter(|k| *k > 0)
    };
    let asked = Memo::new(move |_| {
        let has_car = fresh.get() || ctx.car.with(Option::is_some);
        let km = package_km();
        let has_work = km.is_some() || concerns.with(|c| !c.trim().is_empty());
        (has_car && has_work).then(|| AvailabilityRequest {
            date: date.get(),
            package_km: km,
            service_ids: Vec::new(),
            vehicle_id: ctx
                .car
                .with(|c| c.as_ref().map(|c| c.vehicle_id))
                .filter(|_| !fresh.get()),
            appointment_id: None,
        })
    });
    let avail = availability(asked);
    // Other work or another day: the slot picked before may no longer fit.
    Effect::new(move |_| {
        asked.track();
        chosen.set(None);
    });
    let go = Callback::new(move |d: NaiveDate| {
        refused.set(None);
        chosen.set(None);
        date.set(d);
    });
    let book = move |at: DateTime<Utc>| {
        let new_car = fresh.get_untracked().then(|| NewCar {
            plate: plate.get_untracked(),
            phone: phone.get_untracked(),
            name: name.get_untracked(),
            model: model.get_untracked(),
        });
        let body = BookingRequest {
            vehicle_id: ctx
                .car
                .with_untracked(|c| c.as_ref().map(|c| c.vehicle_id))
                .filter(|_| new_car.is_none()),
            new_car,
            scheduled_at: at,
            package_km: package_km(),
            service_ids: Vec::new(),
            concerns: concerns.get_untracked(),
        };
        ctx.busy.set(true);
        spawn_local(async move {
            match post::<_, Appointment>("/api/v1/appointments", &body).await {
                Ok(a) => {
                    ctx.message.set(Some(Key::Appointments(Ap::Booked)));
                    refused.set(None);
                    done.set(Some(a));
                }
                Err(r) => {
                    ctx.message.set(Some(match &r {
                        Refusal::Full(_) => Key::Appointments(Ap::SlotFull),
                        Refusal::Parts(_) => Key::Appointments(Ap::PartsShort),
                        Refusal::Other(e) => match e {
                            ClientError::Api { code, .. } if code == "plate_taken" => {
                                Key::Appointments(Ap::PlateTaken)
                            }
                            ClientError::Api { code, .. } if code == "invalid" => {
                                Key::Appointments(Ap::Invalid)
                            }
                            _ => e.key(),
                        },
                    }));
                    refused.set(Some(r));
                }
            }
            ctx.busy.set(false);
        });
    };
    let pick = Callback::new(book);
    let err = move |field: &'static str| {
        move || {
            refused.with(|r| {
                r.as_ref()
                    .and_then(Refusal::error)
                    .and_then(|e| e.field_text(field, ctx.lang.get()))
                    .map(|m| view! { <span class="field-error" data-testid=format!("err-{field}")>{m}</span> })
            })
        }
    };
    let again = move |_| {
        done.set(None);
        ctx.car.set(None);
        fresh.set(false);
        chosen.set(None);
        concerns.set(String::new());
        package.set(String::new());
        ctx.message.set(None);
    };
    let input = move |key: Ap,
                      sig: RwSignal<String>,
                      max: usize,
                      field: &'static str,
                      kind: &'static str| {
        view! {
            <label class="field">{move || ctx.s(key)}
                <input type=kind maxlength=max data-testid=format!("book-{field}") prop:value=move || sig.get()
                    on:input=move |e| sig.set(event_target_value(&e)) />
                {err(field)}
            </label>
        }
    };
    view! {
        {move || done.get().map(|a| view! {
            <section class="card appt-done" data-testid="booked">
                <h2>{move || ctx.s(Ap::Booked)}</h2>
                <p class="appt-code-big" data-testid="booked-code">{a.code.clone()}</p>
                <QrCode text=a.code.clone() label=a.code.clone() />
                <p class="muted">{move || ctx.s(Ap::ScanHint)}</p>
                <p>{day_clock(a.scheduled_at)} " · " {a.plate.clone()} " · " {a.customer_name.clone()}</p>
                <button type="button" class="btn btn-big" data-testid="book-another" on:click=again>{move || ctx.s(Ap::BookAnother)}</button>
            </section>
        })}
        <Show when=move || done.with(Option::is_none)>
            <section class="card appt-book" data-testid="book">
                {move || match (ctx.car.get(), fresh.get()) {
                    (Some(c), false) => view! {
                        <p class="appt-picked" data-testid="book-picked">
                            <span class="plate">{c.plate.clone()}</span> " " {c.customer.clone()} " · " {c.phone.clone()} " · " {c.model.clone()} " "
                            <button type="button" class="btn" data-testid="book-change-car" on:click=move |_| ctx.car.set(None)>{move || ctx.s(Ap::ChangeCar)}</button>
                        </p>
                    }.into_any(),
                    (_, true) => view! {
                        <div class="row">
                            {input(Ap::Plate, plate, 16, "plate", "text")}
                            {input(Ap::Phone, phone, PHONE_INPUT_MAX, "phone", "tel")}
                            {input(Ap::Name, name, NAME_MAX, "name", "text")}
                            {input(Ap::Model, model, MODEL_MAX, "model", "text")}
                            <button type="button" class="btn" on:click=move |_| fresh.set(false)>{move || t(ctx.lang.get(), Key::Cancel)}</button>
                        </div>
                    }.into_any(),
                    (None, false) => view! { <Find ctx fresh /> }.into_any(),
                }}
                {err("vehicle_id")}
                <div class="row">
                    <label class="field">{move || ctx.s(Ap::PackageKm)}
                        <input type="number" inputmode="numeric" min="0" step="1000" data-testid="book-package" prop:value=move || package.get()
                            on:input=move |e| package.set(event_target_value(&e)) />
                        {move || ctx.car.get().and_then(|c| c.next_service_km).map(|k| view! {
                            <button type="button" class="btn appt-due" data-testid="book-package-due" on:click=move |_| package.set(k.to_string())>
                                {move || ctx.s(Ap::PackageDue)} {format!(" {k} km")}
                            </button>
                        })}
                        {err("package_km")}
                    </label>
                    <label class="field">{move || ctx.s(Ap::Date)}
                        <input type="date" data-testid="book-date" prop:value=move || date.get().to_string()
                            on:change=move |e| if let Ok(d) = event_target_value(&e).parse() { go.run(d) } />
                    </label>
                </div>
                <label class="field">{move || ctx.s(Ap::Concerns)}
                    <textarea data-testid="book-concerns" maxlength=CONCERNS_MAX prop:value=move || concerns.get()
                        on:input=move |e| concerns.set(event_target_value(&e))></textarea>
                    <span class="muted">{move || format!("{}/{CONCERNS_MAX}", concerns.with(|c| c.chars().count()))}</span>
                    {err("concerns")}
                </label>
                {move || match (asked.with(Option::is_some), avail.get().flatten()) {
                    (false, _) => view! { <p class="muted">{move || ctx.s(Ap::NeedWork)}</p> }.into_any(),
                    (true, None) => view! { <p class="muted">{move || t(ctx.lang.get(), Key::Loading)}</p> }.into_any(),
                    (true, Some(Err(e))) => view! { <p class="placeholder error">{move || t(ctx.lang.get(), e.key())}</p> }.into_any(),
                    (true, Some(Ok(a))) => view! {
                        <h3>{move || ctx.s(Ap::FreeSlots)} " · " {move || ctx.s(Ap::Minutes).replace("{n}", &a.minutes.to_string())}</h3>
                        <SlotButtons ctx slots=a.slots chosen pick=Callback::new(move |at| chosen.set(Some(at))) />
                        <Shortages ctx list=a.shortages />
                        <PartsFrom ctx day=a.parts_from go />
                    }.into_any(),
                }}
                {err("scheduled_at")}
                {err("service_ids")}
                <button type="button" class="btn btn-big btn-primary" data-testid="book-submit"
                    disabled=move || ctx.busy.get() || chosen.get().is_none() || asked.with(Option::is_none)
                    on:click=move |_| if let Some(at) = chosen.get_untracked() { book(at) }>
                    {move || ctx.s(Ap::Book)} {move || chosen.get().map(|at| format!(" {}", day_clock(at)))}
                </button>
                {move || refused.get().map(|r| view! { <Refused ctx refusal=r pick go /> })}
            </section>
        </Show>
    }
}

/// The customer search: hits, then the chosen customer's cars; or "new customer".
#[component]
fn Find(ctx: Ctx, fresh: RwSignal<bool>) -> impl IntoView {
    let q = RwSignal::new(String::new());
    let asked = RwSignal::new(String::new());
    let hits = LocalResource::new(move || {
        let q = asked.get();
        async move {
            if q.trim().is_empty() {
                return None;
            }
            let url = format!("/api/v1/customers?q={}", encode(q.trim()));
            send::<(), CustomerSearch>("GET", &url, None).await.ok()
        }
    });
    let file = RwSignal::new(None::<CustomerFile>);
    let open = move |id: i64| {
        spawn_local(async move {
            match send::<(), CustomerFile>("GET", &format!("/api/v1/customers/{id}"), None).await {
                Ok(f) => file.set(Some(f)),
                Err(e) => ctx.message.set(Some(e.key())),
            }
        });
    };
    view! {
        <form class="row appt-find" on:submit=move |e| { e.prevent_default(); file.set(None); asked.set(q.get_untracked()) }>
            <label class="field">{move || ctx.s(Ap::Search)}
                <input type="search" data-testid="book-search" prop:value=move || q.get() on:input=move |e| {
                    let text = event_target_value(&e);
                    if text.trim().chars().count() >= 2 {
                        file.set(None);
                        asked.set(text.clone());
                    }
                    q.set(text)
                } />
            </label>
            <button type="submit" class="btn btn-primary" data-testid="book-find">{move || ctx.s(Ap::Go)}</button>
            <button type="button" class="btn" data-testid="book-new" on:click=move |_| fresh.set(true)>{move || ctx.s(Ap::NewCustomer)}</button>
        </form>
        {move || match file.get() {
            Some(f) => {
                let (who, phone) = (f.name.clone(), f.phone.clone());
                f.cars.into_iter().map(|c| {
                    let car = Car {
                        vehicle_id: c.id,
                        plate: c.plate.clone(),
                        model: c.model.clone(),
                        customer: who.clone(),
                        phone: phone.clone(),
                        next_service_km: c.next_service_km,
                    };
                    let next = c.next_service_km.map(|k| format!(" · → {k} km")).unwrap_or_default();
                    view! {
                        <button type="button" class="btn appt-hit" data-testid="book-car" data-plate=c.plate.clone()
                            on:click=move |_| ctx.car.set(Some(car.clone()))>
                            <span class="plate">{c.plate.clone()}</span> " " {c.model.clone()} {format!(" · {} km", c.last_mileage_km)} {next}
                        </button>
                    }
                }).collect_view().into_any()
            }
            None => match hits.get().flatten() {
                Some(s) if s.customers.is_empty() => view! { <p class="muted">{move || ctx.s(Ap::NoHits)}</p> }.into_any(),
                Some(s) => s.customers.into_iter().map(|h| {
                    let id = h.id;
                    view! {
                        <button type="button" class="btn appt-hit" data-testid="book-hit" on:click=move |_| open(id)>
                            {h.name.clone()} " · " {h.phone.clone()} " · " {h.plates.join(" ")}
                        </button>
                    }
                }).collect_view().into_any(),
                None => ().into_any(),
            },
        }}
    }
}
