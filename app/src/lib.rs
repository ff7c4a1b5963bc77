//! pitwall's screens: the Leptos app (SSR on the server, hydrated in the browser), the
//! pure domain, the JSON model shared with the server, the live channel hook and i18n.

#![recursion_limit = "256"]

pub mod client;
pub mod components;
pub mod domain;
pub mod i18n;
pub mod live;
pub mod model;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

/// The HTML document around the app (SSR only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="zh-CN">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/pitwall.css" />
        <Title text="pitwall" />
        <Router>
            <Routes fallback=|| view! { <main class="placeholder">"404 · 页面不存在 · Page not found"</main> }>
                <Route path=path!("/") view=pages::home::HomePage />
                <Route path=path!("/lounge") view=pages::lounge::LoungePage />
                <Route path=path!("/bays") view=pages::bays::BaysPage />
                <Route path=path!("/bay/:id") view=pages::bay::BayPage />
                <Route path=path!("/kiosk") view=|| view! { <pages::kiosk::KioskPage /> } />
                <Route path=path!("/track/:token") view=pages::track::TrackPage />
                <Route path=path!("/desk") view=pages::desk::DeskPage />
                <Route path=path!("/desk/checkin") view=pages::desk::DeskCheckinPage />
                <Route path=path!("/desk/jobs/:id") view=pages::desk::DeskJobPage />
                <Route path=path!("/desk/jobs/:id/invoice") view=pages::desk::InvoicePage />
            </Routes>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
