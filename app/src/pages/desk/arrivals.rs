//! "Expected today" on the desk: today's appointments by time with what each needs,
//! checked in (a link to its job) or waiting, a part shortage marked; one not checked in
//! 30 minutes after its time is a no-show, red here and an entry in "needs you now".
//! Read from `GET /api/v1/appointments` every minute and when the desk's job count
//! changes (a check-in), only for the roles that work reception.

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;

use super::Desk;
use crate::client::send;
use crate::components::use_now;
use crate::domain::{store_clock, store_date};
use crate::i18n::{appointments::Ap, desk::D, t, Key, Lang};
use crate::model::{Appointment, AppointmentDay, AppointmentState};

/// Today's appointments that are not cancelled, by time (`None` until the first answer,
/// or when the role may not see them), or the error's message.
pub type Expected = Memo<Option<Result<Vec<Appointment>, Key>>>;

pub fn use_expected(desk: Desk, allowed: bool) -> Expected {
    // The device's store date first, then the server's (a moved clock, a device off).
    let date = RwSignal::new(None::<NaiveDate>);
    let tick = RwSignal::new(0u32);
    let now = use_now();
    Effect::new(move |n: Option<u32>| {
        now.track();
        let n = n.map_or(0, |n| n + 1);
        if n > 0 && n.is_multiple_of(4) {
            tick.update(|t| *t += 1);
        }
        n
    });
    let jobs = Memo::new(move |_| desk.state.with(|s| s.as_ref().map_or(0, |s| s.jobs.len())));
    let day = LocalResource::new(move || {
        let d = date.get();
        tick.track();
        jobs.track();
        async move {
            if !allowed {
                return None;
            }
            let d = d.unwrap_or_else(|| store_date(Utc::now()));
            let url = format!("/api/v1/appointments?date={d}");
            Some(send::<(), AppointmentDay>("GET", &url, None).await)
        }
    });
    Effect::new(move |_| {
        if let Some(Some(Ok(d))) = day.get() {
            let today = store_date(d.now);
            if d.date != today {
                date.set(Some(today));
            }
        }
    });
    Memo::new(move |_| {
        day.get().flatten().map(|r| {
            r.map(|d| {
                let mut list: Vec<Appointment> = d
                    .appointments
                    .into_iter()
                    .filter(|a| a.state != AppointmentState::Cancelled)
                    .collect();
                list.sort_by_key(|a| (a.scheduled_at, a.id));
                list
            })
            .map_err(|e| e.key())
        })
    })
}

/// The no-shows, for "needs you now".
pub fn no_shows(expected: Expected) -> Vec<Appointment> {
    expected.with(|e| match e {
        Some(Ok(list)) => list
            .iter()
            .filter(|a| a.no_show && a.job_id.is_none())
            .cloned()
            .collect(),
        _ => Vec::new(),
    })
}

/// The no-shows' group in "needs you now" (nothing when there are none).
pub fn no_show_group(desk: Desk, list: Vec<Appointment>) -> impl IntoView {
    (!list.is_empty()).then(|| view! {
        <div class="attention-group late" data-testid="attention-no-shows">
            <h3>{desk.d(D::NoShows)}</h3>
            <ul>{list.into_iter().map(|a| view! { <li data-testid="attention-no-show" data-code=a.code.clone()>
                <a href=desk.href("/desk/appointments")>{store_clock(a.scheduled_at)} " · " {a.code.clone()} " · " {a.plate} " · " {a.model}</a>
                <span>{a.customer_name} " · " <a class="btn" href=format!("tel:{}", a.phone)>{desk.d(D::Call)} " " {a.phone.clone()}</a></span>
            </li> }).collect_view()}</ul>
        </div>
    })
}

/// What the appointment needs: the package or the work, the concerns, the minutes.
fn needs(lang: Lang, a: &Appointment) -> String {
    let ap = |k| t(lang, Key::Appointments(k));
    let mut parts: Vec<String> = match a.package_km {
        Some(km) => vec![ap(Ap::Package).replace("{km}", &km.to_string())],
        None => a
            .work
            .iter()
            .map(|w| match lang {
                Lang::Zh => w.name_zh.clone(),
                Lang::En => w.name_en.clone(),
            })
            .collect(),
    };
    if !a.concerns.is_empty() {
        parts.push(format!("“{}”", a.concerns));
    }
    parts.push(ap(Ap::Minutes).replace("{n}", &a.minutes.to_string()));
    parts.join(" · ")
}

fn row(desk: Desk, lang: Lang, a: Appointment) -> impl IntoView {
    let short: Vec<String> = a
        .shortages
        .iter()
        .map(|s| match lang {
            Lang::Zh => s.name_zh.clone(),
            Lang::En => s.name_en.clone(),
        })
        .collect();
    let state = match (a.job_id, a.no_show) {
        (Some(id), _) => view! {
            <a class="flag flag-ready" data-testid="arrival-job" href=desk.href(&format!("/desk/jobs/{id}"))>{desk.d(D::ArrivedJob)}</a>
        }.into_any(),
        (None, true) => view! { <strong data-testid="no-show">{t(lang, Key::Appointments(Ap::NoShow))}</strong> }.into_any(),
        (None, false) => view! { <span class="muted" data-testid="arrival-waiting">{desk.d(D::Waiting)}</span> }.into_any(),
    };
    view! {
        <tr data-testid="arrival" data-code=a.code.clone() class:arrivals-noshow=a.no_show && a.job_id.is_none()>
            <td class="arrivals-time">{store_clock(a.scheduled_at)}</td>
            <td><span class="plate">{a.plate.clone()}</span></td>
            <td>{a.customer_name.clone()}</td>
            <td>{a.model.clone()}</td>
            <td>{needs(lang, &a)}
                {(!short.is_empty()).then(|| view! {
                    " " <span class="flag flag-delayed" data-testid="arrival-shortage" title=short.join(", ")>{t(lang, Key::Appointments(Ap::Shortage))}</span>
                })}
            </td>
            <td>{state}</td>
        </tr>
    }
}

#[component]
pub fn Arrivals(desk: Desk, expected: Expected) -> impl IntoView {
    view! {
        <section class="arrivals" data-testid="arrivals">
            <h2>{move || desk.d(D::ExpectedToday)} " "
                <a class="arrivals-all" data-testid="all-appointments" href=move || desk.href("/desk/appointments")>{move || desk.d(D::AllAppointments)}</a>
            </h2>
            {move || {
                let lang = desk.lang.get();
                match expected.get() {
                    None => view! { <p class="muted">{t(lang, Key::Loading)}</p> }.into_any(),
                    Some(Err(k)) => view! { <p class="notice" role="status" data-testid="arrivals-error">{desk.d(D::ArrivalsError)} " " {t(lang, k)}</p> }.into_any(),
                    Some(Ok(list)) if list.is_empty() => view! { <p class="muted" data-testid="arrivals-empty">{desk.d(D::NoArrivals)}</p> }.into_any(),
                    Some(Ok(list)) => view! {
                        <table class="arrivals-table"><tbody>{list.into_iter().map(|a| row(desk, lang, a)).collect_view()}</tbody></table>
                    }.into_any(),
                }
            }}
        </section>
    }
}
