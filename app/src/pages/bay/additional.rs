//! Reporting additional work (增项) found during repair: what needs doing, the minutes it
//! takes, parts from the catalogue and whether it is safety-critical. It goes to the
//! desk `pending`; nothing is done until the customer approves.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::actions::CloseButton;
use super::{explain, Bay};
use crate::client::{send, send_with_headers};
use crate::components::intent_key;
use crate::domain::text::DESCRIPTION_MAX;
use crate::domain::Money;
use crate::i18n::{workshop::W, Key, Lang};
use crate::model::{AdditionalItemRequest, PartRequest, PartsCatalogue};

#[component]
pub fn AdditionalWork(bay: Bay, job_id: i64, close: Callback<()>) -> impl IntoView {
    let description = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let safety = RwSignal::new(None::<bool>);
    let chosen = RwSignal::new(Vec::<(i64, u32)>::new());
    let pick = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // The catalogue, or why it could not be had (said in the dialog, not an empty list).
    let catalogue = LocalResource::new(|| async {
        send::<(), PartsCatalogue>("GET", "/api/v1/parts", None)
            .await
            .map(|p| p.parts)
    });
    let parts = move || catalogue.get().and_then(Result::ok).unwrap_or_default();
    let catalogue_error = move || catalogue.get().and_then(Result::err).map(|e| explain(&e));
    let part_name = move |id: i64| {
        parts()
            .into_iter()
            .find(|p| p.id == id)
            .map(|p| {
                if bay.lang.get() == Lang::Zh {
                    p.name_zh
                } else {
                    p.name_en
                }
            })
            .unwrap_or_default()
    };
    // The report as typed, once it is complete (minutes a positive number, safety chosen).
    let report = move || -> Option<AdditionalItemRequest> {
        let labor_minutes = minutes
            .with(|m| m.trim().parse::<u32>().ok())
            .filter(|n| *n > 0)?;
        let safety_critical = safety.get()?;
        let description = description.get();
        (!description.trim().is_empty()).then(|| AdditionalItemRequest {
            description,
            labor_minutes,
            parts: chosen
                .get()
                .into_iter()
                .map(|(part_id, qty)| PartRequest { part_id, qty })
                .collect(),
            safety_critical,
        })
    };
    let ready = move || report().is_some();
    // One key per item as described: a retried tap after a lost answer reports it once.
    let sent = StoredValue::new(None);
    let submit = move |_| {
        let Some(report) = untrack(report) else {
            return;
        };
        let body = match serde_json::to_value(&report) {
            Ok(body) => body,
            Err(e) => {
                leptos::logging::error!("writing the report: {e}");
                bay.message.set(Some(Key::SomethingWrong));
                return;
            }
        };
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
                        .find_map(|f| e.field_text(f, bay.lang.get_untracked()));
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
                        {move || parts().into_iter().map(|p| {
                            let name = if bay.lang.get() == Lang::Zh { p.name_zh.clone() } else { p.name_en.clone() };
                            view! { <option value=p.id.to_string()>{format!("{name} · {} · {}", Money::from_fen(p.price_fen), p.stock)}</option> }
                        }).collect_view()}
                    </select>
                    <button type="button" class="btn" on:click=add_part>{move || bay.w(W::AddPart)}</button>
                </div>
                {move || catalogue_error().map(|k| view! { <p class="field-error" role="alert">{move || bay.t(k)}</p> })}
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
                <CloseButton bay close />
            </div>
        </div>
    }
}
