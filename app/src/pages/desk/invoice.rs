//! `/desk/jobs/{id}/invoice`: the invoice to print, as A4 (default) or an 80 mm slip
//! (`?format=slip`). Issued at delivery and stored with the job; before that, a draft.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::client::send;
use crate::components::{route_id, InvoiceView, NotFound};
use crate::i18n::{desk::D, t, use_lang, Key};
use crate::model::Invoice;

#[component]
pub fn InvoicePage() -> impl IntoView {
    match route_id(use_params_map().with_untracked(|p| p.get("id")).as_deref()) {
        Some(id) => view! { <InvoiceScreen id /> }.into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}

#[component]
fn InvoiceScreen(id: i64) -> impl IntoView {
    let lang = use_lang();
    let slip = use_query_map().with_untracked(|q| q.get("format").as_deref() == Some("slip"));
    let invoice = RwSignal::new(None::<Result<Invoice, Key>>);
    Effect::new(move |_| {
        let url = format!("/api/v1/jobs/{id}/invoice");
        leptos::task::spawn_local(async move {
            invoice.set(Some(send::<(), Invoice>("GET", &url, None).await.map_err(
                |e| {
                    if matches!(&e, crate::client::ClientError::Api { status: 401, .. }) {
                        Key::Workshop(crate::i18n::workshop::W::StaffSignIn)
                    } else {
                        e.key()
                    }
                },
            )));
        });
    });
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <main class=if slip { "invoice-page slip" } else { "invoice-page a4" } lang=move || lang.get().tag()>
            <p class="no-print"><button type="button" class="btn btn-primary" on:click=print>{move || t(lang.get(), Key::Desk(D::Print))}</button></p>
            {move || match invoice.get() {
                None => view! { <p class="placeholder">{t(lang.get(), Key::Loading)}</p> }.into_any(),
                Some(Err(key)) => view! { <p class="placeholder error">{t(lang.get(), key)}</p> }.into_any(),
                Some(Ok(invoice)) => view! { <InvoiceView lang invoice /> }.into_any(),
            }}
        </main>
    }
}
