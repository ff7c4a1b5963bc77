//! A job's full page at the desk: customer and vehicle, the customer's concerns, the
//! items with prices, extra work to record a decision on, walk-around notes, the
//! timeline of every action (who, when), and the delivery checklist once it is ready.

use leptos::prelude::*;

use super::{delivery::DeliveryPanel, Desk};
use crate::components::{
    clock_time, payment_key, price_of, Decide, ExtraWorkCard, Glyph, Icon, StagePipeline,
};
use crate::domain::text::NOTE_MAX;
use crate::domain::{store_date, Money, Stage};
use crate::i18n::{desk::D, t, workshop::W, Key, Lang};
use crate::model::{
    running_total_fen, DecisionRequest, ItemStatus, JobItemView, JobView, NoteRequest,
    TimelineAction, TimelineEntry, TIMELINE_FIRST,
};

#[component]
pub fn JobPage(desk: Desk, id: i64) -> impl IntoView {
    let job = Memo::new(move |_| {
        desk.state.with(|s| {
            s.as_ref()
                .and_then(|s| s.jobs.iter().find(|j| j.id == id).cloned())
        })
    });
    // Typed text lives here, so a live update of the job does not wipe it.
    let note = RwSignal::new(String::new());
    let form = super::delivery::Form::new();
    let exists = Memo::new(move |_| job.with(Option::is_some));
    let whole = RwSignal::new(None::<JobView>);
    view! {
        <p><a class="btn" href=move || desk.href("/desk")>{move || desk.d(D::BackToDesk)}</a></p>
        {move || if exists.get() {
            view! {
                {move || job.get().map(|job| view! { <JobDetail desk job /> })}
                <ExtraWork desk job />
                <NotesCard desk id job note />
                {move || job.get().filter(|j| matches!(j.stage, Stage::Ready | Stage::Delivered))
                    .map(|job| view! { <DeliveryPanel desk job form /> })}
                {move || {
                    // Re-drawn when the whole timeline arrives ("Show all"), not only when the job changes.
                    whole.track();
                    job.get().map(|job| view! { <Timeline desk job whole /> })
                }}
            }.into_any()
        } else {
            view! { <p class="placeholder">{move || desk.d(D::JobNotFound)}</p> }.into_any()
        }}
    }
}

fn item_name(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

#[component]
fn JobDetail(desk: Desk, job: JobView) -> impl IntoView {
    let lang = desk.lang.get_untracked();
    let w = move |k: W| t(lang, Key::Workshop(k));
    let total = Money::from_fen(running_total_fen(&job.items)).to_string();
    view! {
        <section class="desk-job" data-testid="desk-job-page" data-stage=job.stage.as_str()>
            <header class="desk-job-head">
                <h2><span class="ticket">{job.ticket.clone()}</span> " " {job.vehicle.plate.clone()} " · " {job.vehicle.model.clone()}</h2>
                <StagePipeline stage=job.stage lang />
                <p>
                    <strong>{t(lang, Key::Stage(job.stage))}</strong>
                    " · " {t(lang, Key::Promised)} " " {clock_time(job.promised_at)}
                    " · " {t(lang, Key::Eta)} " " {clock_time(job.eta)}
                    {job.flags.iter().map(|f| view! { <span class=format!("flag flag-{}", f.as_str())>{t(lang, Key::StaffFlag(*f))}</span> }).collect_view()}
                </p>
                <p class="invoice-links">
                    <a class="btn" target="_blank" href=desk.href(&format!("/desk/jobs/{}/invoice", job.id))>{desk.d(D::InvoiceA4)}</a>
                    <a class="btn" target="_blank" href=format!("{}&format=slip", desk.href(&format!("/desk/jobs/{}/invoice", job.id)))>{desk.d(D::InvoiceSlip)}</a>
                </p>
            </header>
            <div class="desk-cards">
                <dl class="card">
                    <dt>{desk.d(D::Customer)}</dt><dd>{job.customer.name.clone()}</dd>
                    <dt>{desk.d(D::Phone)}</dt><dd><a href=format!("tel:{}", job.customer.phone)>{job.customer.phone.clone()}</a></dd>
                    <dt>{desk.d(D::PaymentMethod)}</dt><dd>{t(lang, payment_key(&job.payment_method))}</dd>
                    <dt>{w(W::Notes)}</dt>
                    <dd>
                        {w(if job.old_parts == "take" { W::OldPartsTake } else { W::OldPartsLeave })}
                        {job.wash.then(|| view! { " · " {w(W::WashAfter)} })}
                        {job.waiting.then(|| view! { " · " {w(W::CustomerWaiting)} })}
                    </dd>
                </dl>
                <dl class="card">
                    <dt>{desk.d(D::Vehicle)}</dt><dd>{job.vehicle.plate.clone()} " · " {job.vehicle.model.clone()} {job.vehicle.colour.clone().map(|c| format!(" · {c}"))}</dd>
                    <dt>"VIN"</dt><dd>{job.vehicle.vin.clone().unwrap_or_else(|| "—".into())}</dd>
                    <dt>{desk.d(D::Mileage)}</dt><dd>{format!("{} km", job.mileage_km)}</dd>
                    <dt>{t(lang, Key::Concerns)}</dt>
                    <dd class="concerns">{if job.concerns.trim().is_empty() { t(lang, Key::NoConcerns).to_string() } else { job.concerns.clone() }}</dd>
                </dl>
            </div>
            <table class="desk-items" data-testid="desk-items">
                <thead><tr>
                    <th>{t(lang, Key::Items)}</th><th>{desk.d(D::StageCol)}</th>
                    <th class="num">{desk.d(D::Labour)}</th><th class="num">{desk.d(D::PartsCol)}</th><th class="num">{desk.d(D::Price)}</th>
                </tr></thead>
                <tbody>
                    {job.items.iter().map(|i| {
                        let status = match i.status {
                            ItemStatus::Done => w(W::Done).to_string(),
                            ItemStatus::Pending => w(W::Pending).to_string(),
                            ItemStatus::Declined => w(W::Declined).to_string(),
                            ItemStatus::Approved => desk.d(D::Approved).to_string(),
                            _ if i.is_settled() => format!("{}: {}", w(W::NotDone), i.not_done_note.clone().unwrap_or_default()),
                            _ => "—".to_string(),
                        };
                        view! {
                            <tr data-status=i.status.as_str() data-kind=i.kind.as_str()>
                                <td>
                                    {item_name(lang, &i.name_zh, &i.name_en)}
                                    {i.free.then(|| view! { <span class="badge badge-free">{desk.d(D::Free)}</span> })}
                                    {i.safety_critical.then(|| view! { <span class="badge badge-safety"><Icon glyph=Glyph::Warning />{desk.d(D::SafetyBadge)}</span> })}
                                </td>
                                <td>{status}</td>
                                <td class="num">{Money::from_fen(i.labor_fen).to_string()}</td>
                                <td class="num">{Money::from_fen(i.parts_fen).to_string()}</td>
                                <td class="num">{price_of(i).to_string()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
                <tfoot><tr><td colspan="4">{desk.d(D::Total)}</td><td class="num" data-testid="desk-total">{total}</td></tr></tfoot>
            </table>
        </section>
    }
}

/// Extra work to record a decision on, and the decisions made. Outside the job's detail
/// (which is redrawn on every update of the job) and keyed by what each item means, so
/// the advisor's "on the phone / here" choice and a half-drawn signature survive updates.
#[component]
fn ExtraWork(desk: Desk, job: Memo<Option<JobView>>) -> impl IntoView {
    let items = move |f: fn(&JobItemView) -> bool| {
        job.with(|j| {
            j.as_ref()
                .map(|j| j.items.iter().filter(|i| f(i)).cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let pending = Memo::new(move |_| items(|i| i.status == ItemStatus::Pending));
    let decided = Memo::new(move |_| items(|i| i.decision.is_some()));
    let pending_card = move |item: JobItemView| {
        let id = item.id;
        let on_decide = Callback::new(move |(approve, by, signature): Decide| {
            desk.changes.post(
                format!("/api/v1/additional-items/{id}/decision"),
                DecisionRequest {
                    approve,
                    by,
                    signature,
                    tracking_token: None,
                },
                Some(Key::Desk(D::Saved)),
            );
        });
        view! { <ExtraWorkCard lang=desk.lang item busy=desk.changes.busy.into() on_decide desk=true /> }
    };
    view! {
        <Show when=move || pending.with(|p| !p.is_empty())>
            <section class="desk-pending" data-testid="desk-pending">
                <h3>{move || desk.d(D::AwaitingDecision)}</h3>
                <For each=move || pending.get() key=JobItemView::card_key children=pending_card />
            </section>
        </Show>
        <Show when=move || decided.with(|d| !d.is_empty())>
            <section class="desk-decided">
                <For each=move || decided.get() key=JobItemView::card_key children=move |item| view! {
                    <ExtraWorkCard lang=desk.lang item busy=desk.changes.busy.into() on_decide=Callback::new(|_: Decide| {}) />
                } />
            </section>
        </Show>
    }
}

#[component]
fn NotesCard(
    desk: Desk,
    id: i64,
    job: Memo<Option<JobView>>,
    note: RwSignal<String>,
) -> impl IntoView {
    // One key per note typed: a retried tap after a lost answer adds the note once.
    let sent = StoredValue::new(None);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = note.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        desk.changes.post_once(
            format!("/api/v1/jobs/{id}/notes"),
            NoteRequest { text },
            sent,
            Some(Key::Desk(D::Saved)),
        );
        note.set(String::new());
    };
    view! {
        <section class="card desk-notes" data-testid="desk-notes">
            <h3>{move || desk.d(D::WalkAround)}</h3>
            <ul>
                {move || {
                    let notes: Vec<_> = job.with(|j| j.as_ref().map(|j| j.timeline.iter()
                        .filter(|t| t.action == TimelineAction::WalkAroundNote).cloned().collect()).unwrap_or_default());
                    if notes.is_empty() {
                        return view! { <li class="muted">{desk.d(D::NoNotes)}</li> }.into_any();
                    }
                    notes.into_iter().map(|n| view! { <li>{clock_time(n.at)} " · " {n.actor_name} ": " {n.note}</li> }).collect_view().into_any()
                }}
            </ul>
            <form on:submit=add class="row">
                <textarea rows="2" maxlength=NOTE_MAX.to_string() aria-label=move || desk.d(D::WalkAround) placeholder=move || desk.d(D::NotePlaceholder)
                    prop:value=move || note.get() on:input=move |e| note.set(event_target_value(&e))></textarea>
                <button type="submit" class="btn btn-primary" disabled=move || desk.changes.busy.get()>{move || desk.d(D::AddNote)}</button>
            </form>
        </section>
    }
}

/// The timeline, newest first. A job carries only its first and latest steps; when some
/// are left out, a row says how many and fetches the whole timeline on demand (kept
/// while the job's version is the one it was fetched at).
#[component]
fn Timeline(desk: Desk, job: JobView, whole: RwSignal<Option<JobView>>) -> impl IntoView {
    let lang = desk.lang.get_untracked();
    let fetched = whole.with_untracked(|w| {
        w.as_ref()
            .filter(|w| w.version == job.version)
            .map(|w| w.timeline.clone())
    });
    let complete = fetched.is_some() || job.timeline.len() >= job.timeline_total;
    let entries = fetched.unwrap_or_else(|| job.timeline.clone());
    let left_out = job.timeline_total.saturating_sub(entries.len());
    let id = job.id;
    let show_all = move |_| {
        leptos::task::spawn_local(async move {
            match crate::client::send::<(), JobView>("GET", &format!("/api/v1/jobs/{id}"), None)
                .await
            {
                Ok(full) => whole.set(Some(full)),
                Err(e) => desk.changes.message.set(Some(e.key())),
            }
        });
    };
    let row = move |e: &TimelineEntry| {
        view! {
            <tr>
                <td>{format!("{} {}", store_date(e.at).format("%m-%d"), clock_time(e.at))}</td>
                <td>{e.actor_name.clone()} <small class="muted">" (" {t(lang, Key::ActorRole(e.actor_role))} ")"</small></td>
                <td data-action=e.action.as_str()>{t(lang, Key::TimelineAction(e.action))}</td>
                <td>{e.from_stage.map(|s| t(lang, Key::Stage(s))).unwrap_or("")} " → " {t(lang, Key::Stage(e.to_stage))}</td>
                <td>{e.note.clone()}</td>
            </tr>
        }
    };
    let (first, latest) = if complete {
        (Vec::new(), entries)
    } else {
        let mut latest = entries;
        let first: Vec<_> = latest.drain(..TIMELINE_FIRST.min(latest.len())).collect();
        (first, latest)
    };
    view! {
        <section class="card desk-timeline" data-testid="desk-timeline">
            <h3>{desk.d(D::Timeline)}</h3>
            <table>
                <tbody>
                    {latest.iter().rev().map(row).collect_view()}
                    {(!complete).then(|| view! {
                        <tr class="timeline-gap" data-testid="timeline-gap">
                            <td colspan="5">
                                {desk.d(D::EarlierSteps).replace("{n}", &left_out.to_string())} " "
                                <button type="button" class="btn" on:click=show_all>{desk.d(D::ShowAll)}</button>
                            </td>
                        </tr>
                    })}
                    {first.iter().rev().map(row).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
