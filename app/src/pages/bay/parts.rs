//! An item's parts at the bay: what was issued for it and what it waits for, "Issue
//! parts" (which part, how many were used, the PIN of the technician who took them) and
//! "Waiting for parts" (which part, and when it is expected if the order's date is not it).

use chrono::NaiveDate;
use leptos::prelude::*;

use super::Bay;
use crate::i18n::{parts::P, Key, Lang};
use crate::model::{IssueRequest, JobItemView, WaitRequest};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Issue,
    Wait,
}

#[component]
pub fn ItemParts(bay: Bay, job_id: i64, item: JobItemView, editable: bool) -> impl IntoView {
    let p = move |key: P| bay.t(Key::Parts(key));
    let zh = move || bay.lang.get() == Lang::Zh;
    let open = RwSignal::new(Open::Nothing);
    let first = item.parts.first().map_or(0, |l| l.part_id);
    let part = RwSignal::new(first);
    let qty = RwSignal::new(item.parts.first().map_or(1, |l| l.qty).to_string());
    let pin = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let base = format!("/api/v1/jobs/{job_id}/items/{}", item.id);
    let disabled = move || !editable || bay.busy.get() || !bay.online.get();
    let issue = {
        let url = format!("{base}/issues");
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Ok(qty) = qty.get_untracked().trim().parse::<u32>() else {
                bay.message.set(Some(Key::Parts(P::Invalid)));
                return;
            };
            let body = IssueRequest {
                part_id: part.get_untracked(),
                qty,
                pin: pin.get_untracked(),
            };
            pin.set(String::new());
            bay.post(url.clone(), body, None);
            open.set(Open::Nothing);
        }
    };
    let wait = {
        let url = format!("{base}/waits");
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let typed = date.get_untracked();
            let expected_on = match typed.trim() {
                "" => None,
                text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                    Ok(d) => Some(d),
                    Err(_) => {
                        bay.message.set(Some(Key::Parts(P::Invalid)));
                        return;
                    }
                },
            };
            let body = WaitRequest {
                part_id: part.get_untracked(),
                expected_on,
            };
            bay.post(url.clone(), body, None);
            open.set(Open::Nothing);
        }
    };
    let names: Vec<(i64, String, String)> = item
        .parts
        .iter()
        .map(|l| (l.part_id, l.name_zh.clone(), l.name_en.clone()))
        .collect();
    let name_of = {
        let names = names.clone();
        move |id: i64| {
            names
                .iter()
                .find(|(p, ..)| *p == id)
                .map(|(_, zh_name, en_name)| {
                    if zh() {
                        zh_name.clone()
                    } else {
                        en_name.clone()
                    }
                })
                .unwrap_or_else(|| format!("#{id}"))
        }
    };
    let issued = item.issued.clone();
    let waits = item.waits.clone();
    let name_of2 = name_of.clone();
    let choices = names.clone();
    view! {
        <div class="item-parts" data-testid="item-parts">
            {issued.into_iter().map(|i| {
                let n = if zh() { i.name_zh.clone() } else { i.name_en.clone() };
                view! { <span class="issued" data-testid="issued">{move || p(P::Issued)}" "{n.clone()}" ×"{i.qty}" · "{i.by.clone()}</span> }
            }).collect_view()}
            {waits.into_iter().map(|w| {
                let name_of = name_of.clone();
                view! { <span class="badge badge-parts" data-testid="waiting-for">{move || p(P::WaitingFor)}" "{name_of(w.part_id)}" · "{w.expected_on.to_string()}</span> }
            }).collect_view()}
            {editable.then(|| view! {
                <div class="item-parts-buttons">
                    <button type="button" class="btn" data-testid="issue-parts" disabled=disabled on:click=move |_| open.set(Open::Issue)>{move || p(P::IssueParts)}</button>
                    <button type="button" class="btn" data-testid="wait-parts" disabled=disabled on:click=move |_| open.set(Open::Wait)>{move || p(P::WaitForParts)}</button>
                </div>
            })}
            <Show when=move || open.get() != Open::Nothing>
                <form class="item-parts-form" on:submit={
                    let (issue, wait) = (issue.clone(), wait.clone());
                    move |ev| if open.get_untracked() == Open::Issue { issue(ev) } else { wait(ev) }
                }>
                    <label class="field">{move || p(P::Part)}
                        <select data-testid="issue-part" on:change=move |e| if let Ok(id) = event_target_value(&e).parse() { part.set(id) }>
                            {choices.iter().map(|(id, ..)| {
                                let (id, name_of) = (*id, name_of2.clone());
                                view! { <option value=id.to_string() selected=move || part.get() == id>{move || name_of(id)}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <Show when=move || open.get() == Open::Issue>
                        <label class="field">{move || p(P::Quantity)}
                            <input type="number" min="1" max="50" data-testid="issue-qty" prop:value=move || qty.get() on:input=move |e| qty.set(event_target_value(&e)) />
                        </label>
                        <label class="field">{move || p(P::TakenBy)}
                            <input type="password" inputmode="numeric" autocomplete="off" maxlength="6" data-testid="issue-pin" prop:value=move || pin.get() on:input=move |e| pin.set(event_target_value(&e)) />
                        </label>
                    </Show>
                    <Show when=move || open.get() == Open::Wait>
                        <label class="field">{move || p(P::ExpectedOn)}
                            <input type="date" data-testid="wait-date" prop:value=move || date.get() on:input=move |e| date.set(event_target_value(&e)) />
                        </label>
                    </Show>
                    <button type="submit" class="btn btn-primary" data-testid="item-parts-submit" disabled=disabled>
                        {move || if open.get() == Open::Issue { p(P::Issue) } else { p(P::WaitForParts) }}
                    </button>
                    <button type="button" class="btn" on:click=move |_| open.set(Open::Nothing)>{move || bay.t(Key::Cancel)}</button>
                </form>
            </Show>
        </div>
    }
}
