//! Reporting additional work (增项) found during repair: what needs doing, the minutes it
//! takes, parts from the catalogue and whether it is safety-critical. It goes to the
//! desk `pending`; nothing is done until the customer approves.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;

use super::actions::CloseButton;
use super::{expect_bay, explain};
use crate::client::{send, send_with_headers};
use crate::components::intent_key;
use crate::domain::text::DESCRIPTION_MAX;
use crate::domain::Money;
use crate::i18n::{workshop::W, Key, Lang};

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Part {
    id: i64,
    name_zh: String,
    name_en: String,
    price_fen: i64,
    stock: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Parts {
    parts: Vec<Part>,
}

#[component]
pub fn AdditionalWork(job_id: i64, close: Callback<()>) -> impl IntoView {
    let bay = expect_bay();
    let description = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let safety = RwSignal::new(None::<bool>);
    let chosen = RwSignal::new(Vec::<(i64, u32)>::new());
    let pick = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let catalogue = LocalResource::new(|| async {
        send::<(), Parts>("GET", "/api/v1/parts", None)
            .await
            .map(|p| p.parts)
            .unwrap_or_default()
    });
    let part_name = move |id: i64| {
        catalogue
            .get()
            .and_then(|ps| ps.into_iter().find(|p| p.id == id))
            .map(|p| {
                if bay.lang.get() == Lang::Zh {
                    p.name_zh
                } else {
                    p.name_en
                }
            })
            .unwrap_or_default()
    };
    let ready = move || {
        !description.with(|d| d.trim().is_empty())
            && minutes.with(|m| m.parse::<u32>().is_ok_and(|n| n > 0))
            && safety.get().is_some()
    };
    // One key per item as described: a retried tap after a lost answer reports it once.
    let sent = StoredValue::new(None);
    let submit = move |_| {
        let body = serde_json::json!({
            "description": description.get_untracked(),
            "labor_minutes": minutes.get_untracked().parse::<u32>().unwrap_or(0),
            "parts": chosen.get_untracked().iter().map(|(id, qty)| serde_json::json!({ "part_id": id, "qty": qty })).collect::<Vec<_>>(),
            "safety_critical": safety.get_untracked().unwrap_or(false),
        });
        let key = intent_key(sent, &body, "bay");
        bay.busy.set(true);
        spawn_local(async move {
            let url = format!("/api/v1/jobs/{job_id}/additional-items");
            let headers = [("Idempotency-Key", key.as_str())];
            match send_with_headers::<_, serde_json::Value>("POST", &url, Some(&body), &headers)
                .await
            {
                Ok(_) => {
                    bay.message.set(Some(Key::Workshop(W::AdditionalSent)));
                    close.run(());
                }
                Err(e) => {
                    let field = ["description", "labor_minutes", "parts"]
                        .into_iter()
                        .find_map(|f| e.field(f).map(str::to_string));
                    match field {
                        Some(message) => error.set(Some(message)),
                        None => bay.message.set(Some(explain(&e))),
                    }
                }
            }
            bay.busy.set(false);
        });
    };
    let add_part = move |_| {
        if let Ok(id) = pick.get_untracked().parse::<i64>() {
            chosen.update(|c| match c.iter_mut().find(|(p, _)| *p == id) {
                Some((_, qty)) => *qty += 1,
                None => c.push((id, 1)),
            });
        }
    };
    view! {
        <div class="dialog dialog-wide" role="dialog" aria-modal="true" aria-labelledby="additional-title">
            <h2 id="additional-title">{move || bay.w(W::ReportAdditional)}</h2>
            <label class="field">
                {move || bay.w(W::Description)}
                <textarea maxlength=DESCRIPTION_MAX.to_string() rows="2" prop:value=move || description.get() on:input=move |e| description.set(event_target_value(&e))></textarea>
            </label>
            <label class="field">
                {move || bay.w(W::EstMinutes)}
                <input type="number" inputmode="numeric" min="1" max="960" prop:value=move || minutes.get() on:input=move |e| minutes.set(event_target_value(&e)) />
            </label>
            <fieldset class="field">
                <legend>{move || bay.w(W::Parts)}</legend>
                <div class="part-pick">
                    <select aria-label=move || bay.w(W::AddPart) on:change=move |e| pick.set(event_target_value(&e))>
                        <option value="">"—"</option>
                        {move || catalogue.get().unwrap_or_default().into_iter().map(|p| {
                            let name = if bay.lang.get() == Lang::Zh { p.name_zh.clone() } else { p.name_en.clone() };
                            view! { <option value=p.id.to_string()>{format!("{name} · {} · {}", Money::from_fen(p.price_fen), p.stock)}</option> }
                        }).collect_view()}
                    </select>
                    <button type="button" class="btn" on:click=add_part>{move || bay.w(W::AddPart)}</button>
                </div>
                <ul class="chosen-parts" data-testid="chosen-parts">
                    {move || {
                        let list = chosen.get();
                        if list.is_empty() {
                            return view! { <li class="muted">{bay.w(W::NoParts)}</li> }.into_any();
                        }
                        list.into_iter().map(|(id, qty)| view! {
                            <li>
                                {part_name(id)}" ×"{qty}
                                <button type="button" class="btn btn-small" aria-label="−" on:click=move |_| chosen.update(|c| {
                                    c.iter_mut().filter(|(p, _)| *p == id).for_each(|(_, q)| *q = q.saturating_sub(1));
                                    c.retain(|(_, q)| *q > 0);
                                })>"−"</button>
                            </li>
                        }).collect_view().into_any()
                    }}
                </ul>
            </fieldset>
            <fieldset class="field">
                <legend>{move || bay.w(W::SafetyCritical)}</legend>
                <div class="dialog-buttons">
                    {[(true, W::Yes), (false, W::No)].into_iter().map(|(value, label)| view! {
                        <button
                            type="button"
                            class="btn"
                            class:selected=move || safety.get() == Some(value)
                            aria-pressed=move || if safety.get() == Some(value) { "true" } else { "false" }
                            on:click=move |_| safety.set(Some(value))
                        >
                            {move || bay.w(label)}
                        </button>
                    }).collect_view()}
                </div>
            </fieldset>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <div class="dialog-buttons">
                <button type="button" class="btn btn-primary" disabled=move || !ready() || bay.busy.get() on:click=submit>
                    {move || bay.w(W::SendForApproval)}
                </button>
                <CloseButton close />
            </div>
        </div>
    }
}
