//! Step 3: the package due at this mileage, optional extra items, and the concerns in
//! the customer's own words (quick-pick symptoms write into the same box).

use leptos::prelude::*;

use super::{CallError, Kiosk, Step, StepNav};
use crate::domain::{text::CONCERNS_MAX, Money};
use crate::i18n::kiosk::{Symptom, K};
use crate::i18n::Lang;
use crate::model::ServiceLine;

pub fn item_name(lang: Lang, line: &ServiceLine) -> String {
    match lang {
        Lang::Zh => line.name_zh.clone(),
        Lang::En => line.name_en.clone(),
    }
}

#[component]
pub fn Services(kiosk: Kiosk) -> impl IntoView {
    let quote = Memo::new(move |_| kiosk.draft.with(|d| d.quote.clone()));
    let package = Signal::derive(move || kiosk.draft.with(|d| d.package));
    let concerns = Signal::derive(move || kiosk.draft.with(|d| d.concerns.clone()));
    let chosen = move |id: i64| kiosk.draft.with(|d| d.services.contains(&id));
    let toggle = move |id: i64| {
        kiosk.draft.update(|d| {
            if let Some(at) = d.services.iter().position(|s| *s == id) {
                d.services.remove(at);
            } else {
                d.services.push(id);
            }
        })
    };
    let add_symptom = move |s: Symptom| {
        let words = kiosk.t(K::Symptom(s));
        kiosk.draft.update(|d| {
            if !d.concerns.is_empty() && !d.concerns.ends_with(['\n', ' ', '，', ',']) {
                d.concerns
                    .push_str(if d.lang == Lang::Zh { "，" } else { ", " });
            }
            d.concerns.push_str(words);
        });
    };
    let anything = move || {
        kiosk.draft.with(|d| {
            (d.package && d.quote.as_ref().is_some_and(|q| q.package_due.is_some()))
                || !d.services.is_empty()
                || !d.concerns.trim().is_empty()
        })
    };
    let next = move |_| {
        if anything() {
            kiosk.quote_then(Step::Estimate);
        }
    };
    view! {
        <div class="services">
            <h1>{move || kiosk.t(K::ServicesTitle)}</h1>
            {move || quote.get().map(|q| {
                let lang = kiosk.lang.get();
                match (q.package_due, q.next_package_km) {
                    (Some(p), _) => view! {
                        <section class="package" data-testid="package-due">
                            <h2>{kiosk.t(K::PackageDue)} ": " {p.due_km} " " {kiosk.t(K::Km)}
                                {p.free.then(|| view! { <span class="badge free">{kiosk.t(K::FreeFirstService)}</span> })}
                            </h2>
                            <ul class="package-items">
                                {p.items.iter().map(|l| view! { <li>{item_name(lang, l)}</li> }).collect_view()}
                            </ul>
                            <label class="check big">
                                <input
                                    type="checkbox"
                                    prop:checked=package
                                    on:change=move |ev| { let on = event_target_checked(&ev); kiosk.draft.update(|d| d.package = on); }
                                />
                                <span>{kiosk.t(K::IncludePackage)}</span>
                            </label>
                        </section>
                    }.into_any(),
                    (None, next) => view! {
                        <p class="package none">
                            {kiosk.t(K::NothingDue)}
                            {next.map(|km| format!(" {} {km} {}", kiosk.t(K::NextPackageAt), kiosk.t(K::Km)))}
                        </p>
                    }.into_any(),
                }
            })}
            <section class="extras">
                <h2>{move || kiosk.t(K::Extras)}</h2>
                <div class="chips">
                    {move || quote.get().map(|q| q.extras.into_iter().map(|l| {
                        let id = l.service_item_id;
                        let lang = kiosk.lang.get();
                        let price = l.price.labor + l.price.parts;
                        view! {
                            <button type="button" class="chip item" aria-pressed=move || chosen(id).to_string() on:click=move |_| toggle(id)>
                                <span>{item_name(lang, &l)}</span>
                                <small>{price_label(price)}</small>
                                {(!l.price.in_stock).then(|| view! { <small class="out-of-stock">{kiosk.t(K::OutOfStock)}</small> })}
                            </button>
                        }
                    }).collect_view())}
                </div>
            </section>
            <section class="concerns">
                <h2><label for="concerns">{move || kiosk.t(K::ConcernsTitle)}</label></h2>
                <div class="chips">
                    {Symptom::ALL.into_iter().map(|s| view! {
                        <button type="button" class="chip" on:click=move |_| add_symptom(s)>{move || kiosk.t(K::Symptom(s))}</button>
                    }).collect_view()}
                </div>
                <textarea
                    id="concerns"
                    rows="4"
                    maxlength=CONCERNS_MAX.to_string()
                    placeholder=move || kiosk.t(K::ConcernsHint)
                    prop:value=concerns
                    on:input=move |ev| { let v = event_target_value(&ev); kiosk.draft.update(|d| d.concerns = v); }
                ></textarea>
            </section>
            <Show when=move || !anything()>
                <p class="hint">{move || kiosk.t(K::NothingChosen)}</p>
            </Show>
            <CallError kiosk />
            <StepNav kiosk next_enabled=Signal::derive(anything) on_next=next />
        </div>
    }
}

pub fn price_label(money: Money) -> String {
    money.to_string()
}
