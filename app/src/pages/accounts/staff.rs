//! The staff accounts: the list with its actions, and the form that adds one.

use leptos::prelude::*;

use super::Admin;
use crate::components::FormField;
use crate::domain::{check_password, check_pin, normalise_username, Role};
use crate::i18n::{
    accounts::{account_error, S},
    t, Key,
};
use crate::model::{ActorRole, NewStaff, SetPassword, SetPin, StaffAccount, StaffChange};

fn role_label(admin: Admin, role: Role) -> &'static str {
    t(admin.lang.get(), Key::ActorRole(ActorRole::Staff(role)))
}

#[component]
pub(super) fn StaffSection(admin: Admin, staff: Vec<StaffAccount>) -> impl IntoView {
    view! {
        <section class="accounts-section" data-testid="staff-accounts">
            <h2>{move || admin.s(S::Staff)}</h2>
            <ul class="account-list">
                {staff.into_iter().map(|account| view! { <StaffRow admin account /> }).collect_view()}
            </ul>
            <AddStaff admin />
        </section>
    }
}

#[component]
fn StaffRow(admin: Admin, account: StaffAccount) -> impl IntoView {
    let secret = RwSignal::new(String::new());
    let id = account.id;
    let active = account.active;
    let toggle = move |_| {
        let change = StaffChange {
            active: Some(!active),
            ..Default::default()
        };
        admin.change("PATCH", format!("/api/v1/admin/staff/{id}"), change);
    };
    let reset = move |_| {
        let body = SetPassword {
            password: secret.get_untracked(),
        };
        admin.change("PUT", format!("/api/v1/admin/staff/{id}/password"), body);
        secret.set(String::new());
    };
    let pin = move |_| {
        let body = SetPin {
            pin: secret.get_untracked(),
        };
        admin.change("PUT", format!("/api/v1/admin/staff/{id}/pin"), body);
        secret.set(String::new());
    };
    view! {
        <li class="account" class:inactive=!active data-testid="staff-account" data-username=account.username.clone()>
            <strong>{account.display_name.clone()}</strong>
            <span class="muted">{account.username.clone()}</span>
            <span>{move || role_label(admin, account.role)}</span>
            <span class="badge">{move || admin.s(if active { S::Active } else { S::Inactive })}</span>
            {account.must_change_password.then(|| view! { <span class="badge">{move || admin.s(S::MustChange)}</span> })}
            {account.has_pin.then(|| view! { <span class="badge">{move || admin.s(S::PinSet)}</span> })}
            <input type="password" autocomplete="new-password" aria-label=move || admin.s(S::TemporaryPassword)
                placeholder=move || admin.s(S::TemporaryPassword)
                prop:value=move || secret.get() on:input=move |e| secret.set(event_target_value(&e)) />
            <button type="button" class="btn" on:click=reset>{move || admin.s(S::ResetPassword)}</button>
            <button type="button" class="btn" on:click=pin>{move || admin.s(S::SetPin)}</button>
            <button type="button" class="btn" on:click=toggle>{move || admin.s(if active { S::Deactivate } else { S::Reactivate })}</button>
        </li>
    }
}

#[component]
fn AddStaff(admin: Admin) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Advisor);
    let errors = RwSignal::new(std::collections::BTreeMap::<String, String>::new());
    let label = move |k: S| Signal::derive(move || admin.s(k));
    let error = move |f: &'static str| Signal::derive(move || errors.with(|e| e.get(f).cloned()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = admin.lang.get_untracked();
        let mut found = std::collections::BTreeMap::new();
        if let Err(e) = normalise_username(&username.get_untracked()) {
            found.insert("username".to_string(), account_error(lang, e).to_string());
        }
        if name.get_untracked().trim().is_empty() {
            found.insert(
                "display_name".into(),
                t(lang, Key::Accounts(S::Required)).into(),
            );
        }
        if let Err(e) = check_password(&password.get_untracked(), &username.get_untracked()) {
            found.insert("password".into(), account_error(lang, e).into());
        }
        let pin_text = pin.get_untracked();
        if let (false, Err(e)) = (pin_text.is_empty(), check_pin(&pin_text)) {
            found.insert("pin".into(), account_error(lang, e).into());
        }
        let ok = found.is_empty();
        errors.set(found);
        if ok {
            let body = NewStaff {
                username: username.get_untracked(),
                display_name: name.get_untracked(),
                role: role.get_untracked(),
                password: password.get_untracked(),
                pin: (!pin_text.is_empty()).then_some(pin_text),
            };
            admin.change("POST", "/api/v1/admin/staff".into(), body);
            for field in [username, name, password, pin] {
                field.set(String::new());
            }
        }
    };
    view! {
        <form class="add-account" data-testid="add-staff" on:submit=submit novalidate>
            <h3>{move || admin.s(S::AddStaff)}</h3>
            <FormField label=label(S::Username) value=username error=error("username") name="username" />
            <FormField label=label(S::DisplayName) value=name error=error("display_name") name="display_name" />
            <label class="field">
                <span>{move || admin.s(S::Role)}</span>
                <select name="role" on:change=move |e| {
                    let picked = event_target_value(&e);
                    if let Some(r) = Role::STAFF.into_iter().find(|r| r.as_str() == picked) { role.set(r) }
                }>
                    {Role::STAFF.into_iter().map(|r| view! { <option value=r.as_str() selected=move || role.get() == r>{move || role_label(admin, r)}</option> }).collect_view()}
                </select>
            </label>
            <FormField label=label(S::TemporaryPassword) value=password error=error("password") name="password" kind="password" hint=label(S::PasswordRule) />
            <FormField label=label(S::NewPin) value=pin error=error("pin") name="pin" kind="password" hint=label(S::PinRule) />
            <button type="submit" class="btn btn-primary btn-big">{move || admin.s(S::Add)}</button>
        </form>
    }
}
