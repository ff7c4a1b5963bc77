//! The server's settings the screens need: the public address customers' phones open
//! (tracking links, QR codes) and the store's UTC offset. The server provides them as a
//! context to the page it renders, which writes them into the page's head; the browser
//! reads them back from there at hydration, so both render the same times and links.

use chrono::FixedOffset;
use leptos::prelude::*;

use crate::domain::{format_utc_offset, store_zone};

const PUBLIC_URL_META: &str = "pitwall-public-url";
const ZONE_META: &str = "pitwall-tz";

/// The settings as the server passes them to a page it renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteSettings {
    /// `PITWALL_PUBLIC_URL` without a trailing slash, e.g. `https://service.example-store.cn`;
    /// `None`: links use the address the screen itself was opened at.
    pub public_url: Option<String>,
    pub zone: FixedOffset,
}

/// The settings' `<meta>` tags, in the document head (SSR only; outside the hydrated app).
#[component]
pub fn SettingsMeta() -> impl IntoView {
    let settings = use_context::<SiteSettings>();
    let zone = settings.as_ref().map_or_else(store_zone, |s| s.zone);
    let public_url = settings.and_then(|s| s.public_url);
    view! {
        <meta name=ZONE_META content=format_utc_offset(zone) />
        {public_url.map(|url| view! { <meta name=PUBLIC_URL_META content=url /> })}
    }
}

/// The origin links for a customer's phone start with: the configured public address,
/// else (not configured) the address this screen was opened at. Empty during SSR
/// without a configured address (a relative link).
pub fn public_origin() -> String {
    #[cfg(feature = "hydrate")]
    {
        meta_content(PUBLIC_URL_META)
            .or_else(|| web_sys::window().and_then(|w| w.location().origin().ok()))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        use_context::<SiteSettings>()
            .and_then(|s| s.public_url)
            .unwrap_or_default()
    }
}

/// In the browser, before hydrating: the store's zone from the page, so the screens
/// show the same times the server rendered.
#[cfg(feature = "hydrate")]
pub fn load_from_page() {
    match meta_content(ZONE_META).map(|z| crate::domain::parse_utc_offset(&z)) {
        Some(Ok(zone)) => crate::domain::set_store_zone(zone),
        Some(Err(e)) => leptos::logging::warn!("pitwall: the page's store zone {e}"),
        None => leptos::logging::warn!("pitwall: the page names no store zone"),
    }
}

#[cfg(feature = "hydrate")]
fn meta_content(name: &str) -> Option<String> {
    document()
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .filter(|c| !c.is_empty())
}
