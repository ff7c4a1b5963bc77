//! The end: the ticket number, the promised time, where the lounge is, a QR code of
//! the customer's own tracking page, and a print view for an 80 mm slip.

use chrono::Utc;
use leptos::prelude::*;

use super::Kiosk;
use crate::components::QrCode;
use crate::i18n::kiosk::K;

/// The tracking page's full address in the customer's language, at the store's public
/// address (`PITWALL_PUBLIC_URL`), which the customer's phone can open; the kiosk's own
/// address (often 127.0.0.1 or a LAN name) only when none is configured.
fn tracking_url(token: &str, lang: crate::i18n::Lang) -> String {
    let origin = crate::settings::public_origin();
    format!("{origin}/track/{token}?lang={}", lang.query())
}

#[component]
pub fn Ticket(kiosk: Kiosk) -> impl IntoView {
    let receipt = kiosk.draft.with_untracked(|d| d.receipt.clone());
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    receipt.map(|r| {
        let lang = kiosk.lang.get_untracked();
        let url = tracking_url(&r.tracking_token, lang);
        let ready = crate::components::day_time(lang, r.promised_at, Utc::now());
        view! {
            <div class="ticket" data-testid="ticket">
                <p class="ticket-label">{move || kiosk.t(K::YourTicket)}</p>
                <p class="ticket-number" data-testid="ticket-number">{r.ticket.clone()}</p>
                <p class="promise">{move || kiosk.t(K::ReadyBy)} " " <strong>{ready}</strong></p>
                <p class="lounge-where">{move || kiosk.t(K::LoungeWhere)}</p>
                <QrCode text=url.clone() label=kiosk.t(K::ScanToTrack) />
                <p class="hint">{move || kiosk.t(K::ScanToTrack)}</p>
                <a class="track-link" data-testid="track-link" href=format!("/track/{}?lang={}", r.tracking_token, lang.query())>{url.clone()}</a>
                <nav class="step-nav no-print">
                    <button type="button" class="secondary" on:click=print>{move || kiosk.t(K::Print)}</button>
                    <button type="button" class="primary" on:click=move |_| kiosk.reset()>{move || kiosk.t(K::Done)}</button>
                </nav>
            </div>
        }
    })
}
