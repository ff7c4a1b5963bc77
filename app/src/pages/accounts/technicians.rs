//! The bays' technicians: the list with its actions, and the form that adds one to a
//! bay's team with a PIN.

use leptos::prelude::*;

use super::Admin;
use crate::components::FormField;
use crate::domain::check_pin;
use crate::i18n::{
    accounts::{account_error, S},
    t, Key, Lang,
};
use crate::model::{BayInfo, NewTechnician, SetPin, TechnicianAccount, TechnicianChange};

fn bay_name(lang: Lang, bays: &[BayInfo], id: i64) -> String {
    bays.iter()
        .find(|b| b.id == id)
        .map(|b| match lang {
            Lang::Zh => b.name_zh.clone(),
            Lang::En => b.name_en.clone(),
        })
        .unwrap_or_else(|| id.to_string())
}

#[component]
pub(super) fn TechnicianSection(
    admin: Admin,
    technicians: Vec<TechnicianAccount>,
) -> impl IntoView {
    view! {
        <section class="accounts-section" data-testid="technician-accounts">
            <h2>{move || admin.s(S::Technicians)}</h2>
            <ul class="account-list">
                {technicians.into_iter().map(|account| view! { <TechnicianRow admin account /> }).collect_view()}
            </ul>
            <AddTechnician admin />
        </section>
    }
}

#[component]
fn TechnicianRow(admin: Admin, account: TechnicianAccount) -> impl IntoView {
    let pin = RwSignal::new(String::new());
    let (id, active, bay) = (account.id, account.active, account.bay_id);
    let toggle = move |_| {
        let change = TechnicianChange {
            active: Some(!active),
            ..Default::default()
        };
        admin.change("PATCH", format!("/api/v1/admin/technicians/{id}"), change);
    };
    let set_pin = move |_| {
        admin.change(
            "PUT",
            format!("/api/v1/admin/technicians/{id}/pin"),
            SetPin {
                pin: pin.get_untracked(),
            },
        );
        pin.set(String::new());
    };
    view! {
        <li class="account" class:inactive=!active data-testid="technician-account" data-name=account.name.clone()>
            <strong>{account.name.clone()}</strong>
            <span>{move || admin.bays.with(|b| bay_name(admin.lang.get(), b, bay))}</span>
            {account.is_lead.then(|| view! { <span class="badge">{move || admin.s(S::Lead)}</span> })}
            <span class="badge">{move || admin.s(if active { S::Active } else { S::Inactive })}</span>
            <input type="password" inputmode="numeric" autocomplete="off" aria-label=move || admin.s(S::NewPin)
                placeholder=move || admin.s(S::NewPin)
                prop:value=move || pin.get() on:input=move |e| pin.set(event_target_value(&e)) />
            <button type="button" class="btn" on:click=set_pin>{move || admin.s(S::SetPin)}</button>
            <button type="button" class="btn" on:click=toggle>{move || admin.s(if active { S::Deactivate } else { S::Reactivate })}</button>
        </li>
    }
}

#[component]
fn AddTechnician(admin: Admin) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let bay = RwSignal::new(None::<i64>);
    let lead = RwSignal::new(false);
    let errors = RwSignal::new(std::collections::BTreeMap::<String, String>::new());
    let label = move |k: S| Signal::derive(move || admin.s(k));
    let error = move |f: &'static str| Signal::derive(move || errors.with(|e| e.get(f).cloned()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = admin.lang.get_untracked();
        let mut found = std::collections::BTreeMap::new();
        if name.get_untracked().trim().is_empty() {
            found.insert(
                "name".to_string(),
                t(lang, Key::Accounts(S::Required)).to_string(),
            );
        }
        if let Err(e) = check_pin(&pin.get_untracked()) {
            found.insert("pin".into(), account_error(lang, e).into());
        }
        let bay_id = bay
            .get_untracked()
            .or_else(|| admin.bays.with_untracked(|b| b.first().map(|b| b.id)));
        if bay_id.is_none() {
            found.insert("bay_id".into(), t(lang, Key::Accounts(S::Required)).into());
        }
        let ok = found.is_empty();
        errors.set(found);
        if let (true, Some(bay_id)) = (ok, bay_id) {
            let body = NewTechnician {
                name: name.get_untracked(),
                bay_id,
                is_lead: lead.get_untracked(),
                pin: pin.get_untracked(),
            };
            admin.change("POST", "/api/v1/admin/technicians".into(), body);
            name.set(String::new());
            pin.set(String::new());
        }
    };
    view! {
        <form class="add-account" data-testid="add-technician" on:submit=submit novalidate>
            <h3>{move || admin.s(S::AddTechnician)}</h3>
            <FormField label=label(S::DisplayName) value=name error=error("name") name="name" />
            <label class="field">
                <span>{move || admin.s(S::Bay)}</span>
                <select name="bay_id" on:change=move |e| bay.set(event_target_value(&e).parse().ok())>
                    {move || admin.bays.get().into_iter().map(|b| {
                        let label = match admin.lang.get() { Lang::Zh => b.name_zh.clone(), Lang::En => b.name_en.clone() };
                        view! { <option value=b.id.to_string() selected=move || bay.get() == Some(b.id)>{label}</option> }
                    }).collect_view()}
                </select>
                {move || error("bay_id").get().map(|e| view! { <small class="field-error" role="alert">{e}</small> })}
            </label>
            <label class="field check">
                <input type="checkbox" name="is_lead" prop:checked=move || lead.get() on:change=move |e| lead.set(event_target_checked(&e)) />
                <span>{move || admin.s(S::Lead)}</span>
            </label>
            <FormField label=label(S::NewPin) value=pin error=error("pin") name="pin" kind="password" hint=label(S::PinRule) />
            <button type="submit" class="btn btn-primary btn-big">{move || admin.s(S::Add)}</button>
        </form>
    }
}
