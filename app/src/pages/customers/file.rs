//! A customer's file: contact details with the "messages" switch, and each car with its
//! next service, upcoming appointments (and a button to book) and every visit.

use leptos::prelude::*;

use super::{edit, Cust};
use crate::domain::{store_date, to_store_local, Money};
use crate::i18n::{aftersales::F, customers::Cu, t, Key};
use crate::model::{CarFile, CustomerChange, CustomerFile, Visit};

#[component]
pub fn File(cust: Cust, f: CustomerFile) -> impl IntoView {
    let id = f.id;
    let (name, phone) = (f.name, f.phone);
    let form = {
        let (name, phone) = (name.clone(), phone.clone());
        move || {
            (cust.editing.get() == Some(None)).then(|| {
                view! { <edit::CustomerForm cust id name=name.clone() phone=phone.clone() /> }
            })
        }
    };
    let messages = move |e: leptos::ev::Event| {
        let body = CustomerChange {
            name: None,
            phone: None,
            messages_ok: Some(event_target_checked(&e)),
        };
        cust.save(format!("/api/v1/customers/{id}"), body);
    };
    view! {
        <section class="card cust-file" data-testid="cust-file" data-id=id>
            <div class="cust-head">
                <h2>{name}</h2>
                <a class="cust-phone" href=format!("tel:{phone}")>{phone.clone()}</a>
                <label class="check-input">
                    <input type="checkbox" role="switch" data-testid="cust-messages-ok" prop:checked=f.messages_ok
                        disabled=move || cust.busy.get() on:change=messages />
                    {move || cust.c(Cu::MessagesOk)}
                </label>
                <button type="button" class="btn" data-testid="cust-edit" on:click=move |_| cust.open(Some(None))>
                    {move || cust.c(Cu::Edit)}
                </button>
            </div>
            {form}
            {f.cars.into_iter().map(|car| view! { <Car cust car /> }).collect_view()}
        </section>
    }
}

#[component]
fn Car(cust: Cust, car: CarFile) -> impl IntoView {
    let id = car.id;
    let form = {
        let car = car.clone();
        move || {
            (cust.editing.get() == Some(Some(id)))
                .then(|| view! { <edit::CarForm cust car=car.clone() /> })
        }
    };
    let km = car.last_mileage_km;
    let next = (car.next_service_km, car.next_service_date);
    let next = move || {
        let km = next.0.map(|k| cust.n(Cu::Km, k));
        let date = next.1.map(|d| d.to_string());
        let both: Vec<String> = km.into_iter().chain(date).collect();
        if both.is_empty() {
            "—".to_string()
        } else {
            both.join(" · ")
        }
    };
    let appointments = car.appointments.into_iter().map(|a| {
        let day = store_date(a.scheduled_at).to_string();
        let at = to_store_local(a.scheduled_at).format("%Y-%m-%d %H:%M").to_string();
        view! {
            <li><a data-testid="cust-appointment" href=move || cust.href("/desk/appointments", &[("date", day.clone())])>
                <strong>{a.code}</strong> " " {at}
            </a></li>
        }
    }).collect::<Vec<_>>();
    let visits = (!car.visits.is_empty()).then(|| {
        let rows = car
            .visits
            .into_iter()
            .map(|v| view! { <VisitRow cust v /> })
            .collect_view();
        view! {
            <div class="cust-table-wrap"><table class="cust-visits">
                <thead><tr>
                    <th>{move || cust.c(Cu::Date)}</th>
                    <th class="num">{move || t(cust.lang.get(), Key::Mileage)}</th>
                    <th>{move || cust.c(Cu::Work)}</th>
                    <th>{move || cust.c(Cu::Ticket)}</th>
                    <th class="num">{move || cust.c(Cu::Invoice)}</th>
                    <th>{move || cust.c(Cu::FollowUp)}</th>
                    <th>{move || cust.c(Cu::Complaints)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table></div>
        }
    });
    let no_visits = visits.is_none();
    let (plate, tag) = (car.plate.clone(), car.plate);
    view! {
        <article class="cust-car" data-testid="cust-car" data-plate=tag data-id=id>
            <div class="cust-head">
                <h3><span class="plate">{plate}</span> " " {car.model} {car.colour.map(|c| format!(" · {c}"))}</h3>
                <a class="btn btn-primary" data-testid="car-book" href=move || cust.href("/desk/appointments", &[("vehicle", id.to_string())])>
                    {move || cust.c(Cu::Book)}
                </a>
                <button type="button" class="btn" data-testid="car-edit" on:click=move |_| cust.open(Some(Some(id)))>
                    {move || cust.c(Cu::Edit)}
                </button>
            </div>
            {form}
            <dl class="cust-facts">
                <div><dt>{move || cust.c(Cu::Vin)}</dt><dd>{car.vin.unwrap_or_else(|| "—".into())}</dd></div>
                <div><dt>{move || cust.c(Cu::LastMileage)}</dt><dd>{move || cust.n(Cu::Km, km)}</dd></div>
                <div><dt>{move || cust.c(Cu::NextService)}</dt><dd data-testid="cust-next-service">{next}</dd></div>
            </dl>
            {(!appointments.is_empty()).then(|| view! {
                <h4>{move || cust.c(Cu::Upcoming)}</h4>
                <ul class="cust-appts">{appointments}</ul>
            })}
            <h4>{move || cust.c(Cu::Visits)}</h4>
            {visits}
            {no_visits.then(|| view! { <p class="muted" data-testid="cust-no-visits">{move || cust.c(Cu::NoVisits)}</p> })}
        </article>
    }
}

#[component]
fn VisitRow(cust: Cust, v: Visit) -> impl IntoView {
    let (km, job) = (v.mileage_km, v.job_id);
    let ticket = match (job, v.ticket.clone()) {
        (Some(j), t) => {
            view! { <a href=format!("/desk/jobs/{j}")>{t.unwrap_or_else(|| format!("#{j}"))}</a> }
                .into_any()
        }
        (None, t) => t.unwrap_or_else(|| "—".into()).into_any(),
    };
    let total = v.total_fen.map(|fen| match job {
        Some(j) => view! { <a href=format!("/desk/jobs/{j}/invoice")>{Money::from_fen(fen).to_string()}</a> }.into_any(),
        None => Money::from_fen(fen).to_string().into_any(),
    });
    let follow_up = v.follow_up.map(|fu| {
        move || {
            let l = cust.lang.get();
            let said = fu
                .satisfaction
                .map(|s| format!(" · {}", t(l, Key::Aftersales(F::Satisfaction(s)))));
            format!(
                "{}{}",
                t(l, Key::Aftersales(F::State(fu.state))),
                said.unwrap_or_default()
            )
        }
    });
    view! {
        <tr data-testid="cust-visit" data-ticket=v.ticket>
            <td>{v.done_on.to_string()}</td>
            <td class="num">{move || cust.n(Cu::Km, km)}</td>
            <td>{v.summary} {v.package_km.map(|n| view! { " " <span class="flag">{move || cust.n(Cu::Package, n)}</span> })}</td>
            <td>{ticket}</td>
            <td class="num">{total}</td>
            <td>{follow_up}</td>
            <td>{v.complaint_ids.into_iter().map(|c| view! { <a class="flag flag-complaint" href="/desk/complaints">"#" {c}</a> " " }).collect_view()}</td>
        </tr>
    }
}
