//! The invoice (结算单) as printed at the desk (A4 or an 80 mm slip) and as the
//! customer's page summarises it after delivery.

use leptos::prelude::*;

use super::{clock_time, Glyph, Icon};
use crate::domain::{store_date, Money};
use crate::i18n::{desk::D, kiosk::K, t, Key, Lang};
use crate::model::{Invoice, UnchargedReason};

/// The payment method's name on screen.
pub fn payment_key(method: &str) -> Key {
    Key::Kiosk(match method {
        "alipay" => K::PayAlipay,
        "card" => K::PayCard,
        "cash" => K::PayCash,
        _ => K::PayWechat,
    })
}

fn yuan(fen: i64) -> String {
    Money::from_fen(fen).to_string()
}

#[component]
pub fn InvoiceView(lang: Memo<Lang>, invoice: Invoice) -> impl IntoView {
    let d = move |k: D| t(lang.get(), Key::Desk(k));
    let name = move |zh: &str, en: &str| match lang.get() {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    };
    let inv = invoice.clone();
    let lines = invoice.lines.clone();
    let uncharged = invoice.uncharged.clone();
    view! {
        <section class="invoice-body" data-testid="invoice">
            <header class="invoice-head">
                <h2>{move || t(lang.get(), Key::StoreName)} " · " {move || d(D::Invoice)}</h2>
                {inv.draft.then(|| view! { <p class="badge badge-draft">{move || d(D::Draft)}</p> })}
                <dl class="invoice-meta">
                    <dt>{move || d(D::InvoiceNo)}</dt><dd data-testid="invoice-number">{if inv.number.is_empty() { "—".to_string() } else { inv.number.clone() }}</dd>
                    <dt>{move || d(D::Issued)}</dt><dd>{format!("{} {}", store_date(inv.issued_at), clock_time(inv.issued_at))}</dd>
                    <dt>{move || d(D::Ticket)}</dt><dd>{inv.ticket.clone()}</dd>
                    <dt>{move || d(D::Customer)}</dt><dd>{inv.customer_name.clone()}</dd>
                    <dt>{move || d(D::Car)}</dt><dd>{format!("{} · {}", inv.plate, inv.model)}</dd>
                    <dt>{move || d(D::Mileage)}</dt><dd>{format!("{} km", inv.mileage_km)}</dd>
                </dl>
            </header>
            <table class="invoice-lines">
                <thead><tr>
                    <th>{move || t(lang.get(), Key::Items)}</th>
                    <th class="num">{move || d(D::Labour)}</th>
                    <th class="num">{move || d(D::PartsCol)}</th>
                </tr></thead>
                <tbody>
                    {lines.into_iter().map(|l| view! {
                        <tr data-kind=l.kind.as_str()>
                            <td>
                                {name(&l.name_zh, &l.name_en)}
                                {l.free.then(|| view! { <span class="badge badge-free">{move || d(D::Free)}</span> })}
                                {(!l.parts.is_empty()).then(|| view! {
                                    <small class="muted">{l.parts.iter().map(|p| format!("{} ×{}", name(&p.name_zh, &p.name_en), p.qty)).collect::<Vec<_>>().join(" · ")}</small>
                                })}
                            </td>
                            <td class="num">{yuan(l.labor_fen)}</td>
                            <td class="num">{yuan(l.parts_fen)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr><td>{move || d(D::Labour)} " / " {move || d(D::PartsCol)}</td>
                        <td class="num">{yuan(inv.labor_fen)}</td><td class="num">{yuan(inv.parts_fen)}</td></tr>
                    <tr class="grand"><td>{move || d(D::Total)}</td><td></td><td class="num" data-testid="invoice-total">{yuan(inv.total_fen)}</td></tr>
                </tfoot>
            </table>
            {inv.free_first_service.then(|| view! { <p class="note-free">{move || d(D::FreeFirstService)}</p> })}
            {(!uncharged.is_empty()).then(|| view! {
                <section class="uncharged">
                    <h3>{move || d(D::Uncharged)}</h3>
                    <ul>
                        {uncharged.into_iter().map(|u| {
                            let why = match u.reason { UnchargedReason::Declined => D::UnchargedDeclined, UnchargedReason::NotDone => D::UnchargedNotDone };
                            view! {
                                <li data-testid="uncharged">
                                    {name(&u.name_zh, &u.name_en)} " (" {yuan(u.price_fen)} ") — " {move || d(why)}
                                    {u.safety_critical.then(|| view! { " · " <Icon glyph=Glyph::Warning /> {move || d(D::SafetyBadge)} })}
                                    {u.signed.then(|| view! { " · " {move || d(D::SignedByCustomer)} })}
                                    {u.note.clone().map(|n| view! { " · " {n} })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <dl class="invoice-foot">
                <dt>{move || d(D::PaymentMethod)}</dt><dd>{let m = inv.payment_method.clone(); move || t(lang.get(), payment_key(&m))}</dd>
                <dt>{move || d(D::NextService)}</dt>
                <dd data-testid="invoice-next-service">{match (inv.next_service_km, inv.next_service_date) {
                    (Some(km), Some(date)) => format!("{km} km · {date}"),
                    _ => "—".to_string(),
                }}</dd>
                <dt>{move || d(D::Advisor)}</dt><dd>{inv.advisor.clone()}</dd>
            </dl>
        </section>
    }
}
