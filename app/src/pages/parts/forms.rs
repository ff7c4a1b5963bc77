//! The stock keeper's forms (foreman, manager): add a part, receive a delivery. The
//! list updates from the `parts` channel; a refusal is shown by what the server said.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Stock;
use crate::client::send;
use crate::domain::stock::parse_yuan;
use crate::domain::store_date;
use crate::i18n::{parts::P, Key, Lang};
use crate::model::{NewPartRequest, ReceiveRequest, StockPart};

/// POSTs `body`; shows `done` on success, else what the refusal means (a field the
/// server named counts as "check what you entered").
fn submit<B: serde::Serialize + 'static>(
    stock: Stock,
    url: String,
    body: B,
    done: P,
    after: impl FnOnce() + 'static,
) {
    stock.busy.set(true);
    spawn_local(async move {
        match send::<_, StockPart>("POST", &url, Some(&body)).await {
            Ok(_) => {
                stock.message.set(Some(Key::Parts(done)));
                after();
            }
            Err(e) if e.key() == Key::SomethingWrong => {
                stock.message.set(Some(Key::Parts(P::Invalid)))
            }
            Err(e) => stock.message.set(Some(e.key())),
        }
        stock.busy.set(false);
    });
}

#[component]
pub fn KeeperForms(stock: Stock) -> impl IntoView {
    view! {
        <div class="parts-forms">
            <AddPart stock />
            <ReceiveDelivery stock />
        </div>
    }
}

#[component]
fn AddPart(stock: Stock) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let name_zh = RwSignal::new(String::new());
    let name_en = RwSignal::new(String::new());
    let price = RwSignal::new(String::new());
    let reorder = RwSignal::new("0".to_string());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(price_fen), Ok(reorder_point)) = (
            parse_yuan(&price.get_untracked()),
            reorder.get_untracked().trim().parse::<u32>(),
        ) else {
            stock.message.set(Some(Key::Parts(P::Invalid)));
            return;
        };
        let body = NewPartRequest {
            code: code.get_untracked().trim().to_string(),
            name_zh: name_zh.get_untracked(),
            name_en: name_en.get_untracked(),
            price_fen,
            reorder_point,
        };
        submit(stock, "/api/v1/parts".into(), body, P::Added, move || {
            for field in [code, name_zh, name_en, price] {
                field.set(String::new());
            }
        });
    };
    let field = move |label: P,
                      value: RwSignal<String>,
                      testid: &'static str,
                      kind: &'static str| {
        view! {
            <label class="field">{move || stock.p(label)}
                <input type=kind data-testid=testid prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e)) />
            </label>
        }
    };
    view! {
        <form class="parts-form" data-testid="add-part" on:submit=add>
            <h2>{move || stock.p(P::AddPart)}</h2>
            {field(P::Code, code, "new-code", "text")}
            {field(P::NameZh, name_zh, "new-name-zh", "text")}
            {field(P::NameEn, name_en, "new-name-en", "text")}
            {field(P::Price, price, "new-price", "text")}
            {field(P::ReorderPoint, reorder, "new-reorder", "number")}
            <button type="submit" class="btn btn-primary" data-testid="add-part-submit" disabled=move || stock.busy.get() || !stock.online.get()>{move || stock.p(P::Add)}</button>
        </form>
    }
}

#[component]
fn ReceiveDelivery(stock: Stock) -> impl IntoView {
    let part = RwSignal::new(String::new());
    let qty = RwSignal::new(String::new());
    let today = store_date(chrono::Utc::now());
    let date = RwSignal::new(today.to_string());
    let receive = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed = (
            part.get_untracked().parse::<i64>(),
            qty.get_untracked().trim().parse::<u32>(),
            chrono::NaiveDate::parse_from_str(date.get_untracked().trim(), "%Y-%m-%d"),
        );
        let (Ok(part_id), Ok(qty_n), Ok(received_on)) = parsed else {
            stock.message.set(Some(Key::Parts(P::Invalid)));
            return;
        };
        let body = ReceiveRequest {
            qty: qty_n,
            received_on,
        };
        submit(
            stock,
            format!("/api/v1/parts/{part_id}/receipts"),
            body,
            P::Received,
            move || qty.set(String::new()),
        );
    };
    let options = move || {
        let zh = stock.lang.get() == Lang::Zh;
        let mut parts = stock.parts.get();
        parts.sort_by(|a, b| a.code.cmp(&b.code));
        parts
            .into_iter()
            .map(|p| {
                let name = if zh { p.name_zh } else { p.name_en };
                view! { <option value=p.id.to_string()>{format!("{} · {name}", p.code)}</option> }
            })
            .collect_view()
    };
    view! {
        <form class="parts-form" data-testid="receive" on:submit=receive>
            <h2>{move || stock.p(P::Receive)}</h2>
            <label class="field">{move || stock.p(P::Part)}
                <select data-testid="receive-part" prop:value=move || part.get() on:change=move |e| part.set(event_target_value(&e))>
                    <option value="">"—"</option>
                    {options}
                </select>
            </label>
            <label class="field">{move || stock.p(P::Quantity)}
                <input type="number" min="1" data-testid="receive-qty" prop:value=move || qty.get() on:input=move |e| qty.set(event_target_value(&e)) />
            </label>
            <label class="field">{move || stock.p(P::Date)}
                <input type="date" data-testid="receive-date" prop:value=move || date.get() on:input=move |e| date.set(event_target_value(&e)) />
            </label>
            <button type="submit" class="btn btn-primary" data-testid="receive-submit" disabled=move || stock.busy.get() || !stock.online.get()>{move || stock.p(P::Receive)}</button>
        </form>
    }
}
