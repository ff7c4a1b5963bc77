//! The search box (plate, phone or its last digits, name, VIN) and its hits; what is typed
//! goes into the URL (`?q=`), and a hit is a link to its file (`&id=`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

use super::Cust;
use crate::client::send;
use crate::i18n::{customers::Cu, t, Key};
use crate::model::{CustomerHit, CustomerSearch};

/// The server's limits on `q`.
const Q_MIN: usize = 2;
const Q_MAX: usize = 40;

#[component]
pub fn Search(cust: Cust) -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| query.with(|m| m.get("q").unwrap_or_default()));
    let id = Memo::new(move |_| query.with(|m| m.get("id").unwrap_or_default()));
    let text = RwSignal::new(q.get_untracked());
    let hits = RwSignal::new(None::<Result<CustomerSearch, Key>>);
    let navigate = use_navigate();
    let go = move |v: String| {
        let mut keep = vec![("q", v)];
        keep.extend(Some(("id", id.get_untracked())).filter(|(_, i)| !i.is_empty()));
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate(&cust.href("/desk/customers", &keep), options);
    };
    Effect::new(move |_| {
        let want = q.get().trim().to_string();
        if want.chars().count() < Q_MIN {
            hits.set(None);
            return;
        }
        spawn_local(async move {
            let url = ParamsMap::from_iter([("q", want.clone())]).to_query_string();
            let got = send::<(), CustomerSearch>("GET", &format!("/api/v1/customers{url}"), None)
                .await
                .map_err(|e| e.key());
            // A slow answer for an older search is dropped.
            if q.get_untracked().trim() == want {
                hits.set(Some(got));
            }
        });
    });
    let submit = {
        let go = go.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            go(text.get_untracked());
        }
    };
    let short = move || (1..Q_MIN).contains(&q.with(|q| q.trim().chars().count()));
    view! {
        <form class="cust-search" role="search" on:submit=submit>
            <input type="search" data-testid="cust-search" maxlength=Q_MAX autocomplete="off" enterkeyhint="search"
                aria-label=move || cust.c(Cu::SearchLabel) placeholder=move || cust.c(Cu::SearchLabel)
                prop:value=move || text.get()
                on:input=move |e| {
                    text.set(event_target_value(&e));
                    go(text.get_untracked());
                } />
            <button type="submit" class="btn btn-big btn-primary">{move || cust.c(Cu::Search)}</button>
        </form>
        {move || short().then(|| view! { <p class="muted">{cust.c(Cu::TooShort)}</p> })}
        {move || hits.get().map(|got| match got {
            Err(k) => view! { <p class="placeholder error">{t(cust.lang.get(), k)}</p> }.into_any(),
            Ok(s) if s.customers.is_empty() => view! { <p class="placeholder" data-testid="cust-no-match">{cust.c(Cu::NoMatch)}</p> }.into_any(),
            Ok(s) => view! {
                <ul class="cust-hits">
                    {s.customers.into_iter().map(|hit| view! { <Hit cust hit q=q.get_untracked() /> }).collect_view()}
                </ul>
            }.into_any(),
        })}
    }
}

#[component]
fn Hit(cust: Cust, hit: CustomerHit, q: String) -> impl IntoView {
    let id = hit.id.to_string();
    let href = {
        let id = id.clone();
        move || cust.href("/desk/customers", &[("q", q.clone()), ("id", id.clone())])
    };
    let open = move || cust.file.with(|f| f.as_ref().map(|f| f.id)) == Some(hit.id);
    view! {
        <li>
            <a class="cust-hit" data-testid="cust-hit" data-id=id href=href aria-current=move || open().to_string()>
                <strong>{hit.name}</strong>
                <span>{hit.phone}</span>
                {hit.plates.into_iter().map(|p| view! { <span class="plate">{p}</span> }).collect_view()}
            </a>
        </li>
    }
}
