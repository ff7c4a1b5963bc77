//! One item of extra work (增项) as the customer's page and the desk show it: what it
//! is, its labour and parts price, whether it is safety-critical, and the decision, or
//! big Approve / Decline buttons while it waits. Declining safety-critical work explains
//! why it matters and needs the customer's signature.

use leptos::prelude::*;

use super::{clock_time, Glyph, Icon, SignaturePad};
use crate::domain::Money;
use crate::i18n::{desk::D, t, Key, Lang};
use crate::model::{DecidedBy, ItemStatus, JobItemView, Signature};

/// What the customer pays for an item: labour plus parts.
pub fn price_of(item: &JobItemView) -> Money {
    Money::from_fen(item.labor_fen + item.parts_fen)
}

/// A decision to send: approve?, who decided, the signature.
pub type Decide = (bool, DecidedBy, Option<Signature>);

#[component]
pub fn ExtraWorkCard(
    lang: Memo<Lang>,
    item: JobItemView,
    busy: Signal<bool>,
    on_decide: Callback<Decide>,
    /// At the desk: the advisor says whether the customer is on the phone or here.
    #[prop(optional)]
    desk: bool,
) -> impl IntoView {
    let d = move |k: D| t(lang.get(), Key::Desk(k));
    let name = {
        let item = item.clone();
        move || match lang.get() {
            Lang::Zh => item.name_zh.clone(),
            Lang::En => item.name_en.clone(),
        }
    };
    let by = RwSignal::new(if desk {
        DecidedBy::Advisor
    } else {
        DecidedBy::Customer
    });
    let declining = RwSignal::new(false);
    let signature = RwSignal::new(Signature::default());
    let safety = item.safety_critical;
    let pending = item.status == ItemStatus::Pending;
    let declined = item.status == ItemStatus::Declined;
    let status = item.status.as_str();
    let total = price_of(&item).to_string();
    let decision = item.decision.clone();
    let parts = item
        .parts
        .iter()
        .map(|p| (p.name_zh.clone(), p.name_en.clone(), p.qty))
        .collect::<Vec<_>>();
    let decline = move |_| {
        if safety {
            declining.set(true);
        } else {
            on_decide.run((false, by.get_untracked(), None));
        }
    };
    view! {
        <article class="extra-work" class:safety=safety data-testid="extra-work" data-status=status>
            <header>
                <h3>{name}</h3>
                {safety.then(|| view! { <span class="badge badge-safety"><Icon glyph=Glyph::Warning />{move || d(D::SafetyBadge)}</span> })}
            </header>
            <p class="extra-price">
                <span>{move || d(D::Labour)} " " {Money::from_fen(item.labor_fen).to_string()}</span>
                " · "
                <span>{move || d(D::PartsCol)} " " {Money::from_fen(item.parts_fen).to_string()}</span>
                " · "
                <strong>{move || d(D::Total)} " " {total}</strong>
            </p>
            {(!parts.is_empty()).then(|| view! {
                <p class="muted">{move || parts.iter().map(|(zh, en, qty)| format!("{} ×{qty}", if lang.get() == Lang::Zh { zh } else { en })).collect::<Vec<_>>().join(" · ")}</p>
            })}
            {safety.then(|| view! { <p class="safety-why">{move || d(D::SafetyWhy)}</p> })}
            {match decision {
                Some(dec) => view! {
                    <p class="decision" data-testid="decision">
                        <strong>{move || d(if declined { D::Declined } else { D::Approved })}</strong>
                        " · " {move || d(D::DecisionBy)} " " {dec.name.clone()} " " {clock_time(dec.at)}
                        {dec.signed.then(|| view! { " · " {move || d(D::SignedByCustomer)} })}
                    </p>
                }.into_any(),
                None if pending => view! {
                    {desk.then(|| view! {
                        <div class="by-choice" role="radiogroup">
                            <label><input type="radio" name=format!("by-{}", item.id) checked=move || by.get() == DecidedBy::Advisor
                                on:change=move |_| by.set(DecidedBy::Advisor) />{move || d(D::DecidedByPhone)}</label>
                            <label><input type="radio" name=format!("by-{}", item.id) checked=move || by.get() == DecidedBy::Customer
                                on:change=move |_| by.set(DecidedBy::Customer) />{move || d(D::DecidedHere)}</label>
                        </div>
                    })}
                    <Show when=move || !declining.get() fallback=move || view! {
                        <div class="decline-safety">
                            <h4>{move || d(D::DeclineSafetyTitle)}</h4>
                            <p>{move || d(D::SignToDecline)}</p>
                            <SignaturePad lang signature=signature.into() on_change=move |s: Signature| signature.set(s) />
                            <div class="row">
                                <button type="button" class="btn btn-big" on:click=move |_| declining.set(false)>{move || t(lang.get(), Key::Cancel)}</button>
                                <button type="button" class="btn btn-big btn-danger" data-testid="confirm-decline"
                                    disabled=move || busy.get() || !signature.with(Signature::is_drawn)
                                    on:click=move |_| on_decide.run((false, by.get_untracked(), Some(signature.get_untracked())))>
                                    {move || d(D::ConfirmDecline)}
                                </button>
                            </div>
                        </div>
                    }>
                        <div class="row decide">
                            <button type="button" class="btn btn-big btn-primary" data-testid="approve" disabled=move || busy.get()
                                on:click=move |_| on_decide.run((true, by.get_untracked(), None))>{move || d(D::Approve)}</button>
                            <button type="button" class="btn btn-big" data-testid="decline" disabled=move || busy.get() on:click=decline>
                                {move || d(D::Decline)}
                            </button>
                        </div>
                    </Show>
                }.into_any(),
                None => ().into_any(),
            }}
        </article>
    }
}
