//! The desk's live list of today's jobs, filterable by stage, under "needs you now".

use leptos::prelude::*;

use super::{arrivals, attention::Attention, Desk};
use crate::components::clock_time;
use crate::domain::Stage;
use crate::i18n::{desk::D, t, Key};

#[component]
pub fn DeskList(desk: Desk, reception: bool) -> impl IntoView {
    let lang = desk.lang;
    let expected = arrivals::use_expected(desk, reception);
    let filter = RwSignal::new(None::<Stage>);
    let count = move |stage: Option<Stage>| {
        desk.state.with(|s| {
            s.as_ref().map_or(0, |s| {
                s.jobs
                    .iter()
                    .filter(|j| stage.is_none_or(|st| j.stage == st))
                    .count()
            })
        })
    };
    view! {
        <h2>{move || desk.d(D::NeedsYou)}</h2>
        {move || desk.state.get().map(|snapshot| view! { <Attention desk snapshot no_shows=arrivals::no_shows(expected) /> })}
        {reception.then(|| view! { <arrivals::Arrivals desk expected /> })}
        <h2>{move || desk.d(D::TodaysJobs)}</h2>
        <nav class="stage-filter" role="group">
            <button type="button" class="chip" aria-pressed=move || filter.get().is_none().to_string() on:click=move |_| filter.set(None)>
                {move || desk.d(D::AllStages)} " " {move || count(None)}
            </button>
            {Stage::ALL.into_iter().filter(|s| *s != Stage::Cancelled).map(|stage| view! {
                <button type="button" class="chip" data-stage=stage.as_str() aria-pressed=move || (filter.get() == Some(stage)).to_string()
                    on:click=move |_| filter.set(Some(stage))>
                    {move || t(lang.get(), Key::Stage(stage))} " " {move || count(Some(stage))}
                </button>
            }).collect_view()}
        </nav>
        <table class="desk-jobs" data-testid="desk-jobs">
            <thead><tr>
                <th>{move || desk.d(D::Ticket)}</th><th>{move || desk.d(D::Car)}</th><th>{move || desk.d(D::Customer)}</th>
                <th>{move || desk.d(D::StageCol)}</th><th>{move || desk.d(D::Bay)}</th>
                <th>{move || t(lang.get(), Key::Promised)}</th><th>{move || t(lang.get(), Key::Eta)}</th><th></th>
            </tr></thead>
            <tbody>
                {move || {
                    let jobs: Vec<_> = desk.state.with(|s| s.as_ref().map(|s| s.jobs.iter()
                        .filter(|j| filter.get().is_none_or(|st| j.stage == st)).cloned().collect()).unwrap_or_default());
                    if jobs.is_empty() {
                        return view! { <tr><td colspan="8" class="muted">{desk.d(D::NoJobs)}</td></tr> }.into_any();
                    }
                    jobs.into_iter().map(|job| {
                        let href = desk.href(&format!("/desk/jobs/{}", job.id));
                        view! {
                            <tr data-testid="desk-job" data-ticket=job.ticket.clone() data-stage=job.stage.as_str()>
                                <td class="ticket"><a href=href.clone()>{job.ticket.clone()}</a></td>
                                <td>{job.vehicle.plate.clone()} " · " {job.vehicle.model.clone()}</td>
                                <td>{job.customer.name.clone()}</td>
                                <td>
                                    {t(lang.get(), Key::Stage(job.stage))}
                                    {job.flags.iter().map(|f| view! { <span class=format!("flag flag-{}", f.as_str())>{t(lang.get(), Key::StaffFlag(*f))}</span> }).collect_view()}
                                </td>
                                <td>{job.bay_id.map(|b| b.to_string()).unwrap_or_else(|| "—".into())}</td>
                                <td>{clock_time(job.promised_at)}</td>
                                <td>{clock_time(job.eta)}</td>
                                <td><a class="btn" href=href>{desk.d(D::Open)}</a></td>
                            </tr>
                        }
                    }).collect_view().into_any()
                }}
            </tbody>
        </table>
    }
}
