//! `/setup`: the first start of a store without staff. The store's name, desk phone,
//! time zone and labour rate and its first manager, once; staff pages lead here until
//! it is done. Checked on the screen with the domain's rules, then by the server.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::{send, ClientError};
use crate::components::FormField as Field;
use crate::domain::{check_password, normalise_username};
use crate::i18n::{
    accounts::{account_error, S},
    t, use_lang, Key, Lang,
};
use crate::model::{Actor, SetupRequest, SetupStatus};

#[component]
pub fn SetupPage() -> impl IntoView {
    let lang = use_lang();
    let needed = RwSignal::new(None::<bool>);
    let done = RwSignal::new(None::<Actor>);
    Effect::new(move |_| {
        spawn_local(async move {
            if let Ok(status) = send::<(), SetupStatus>("GET", "/api/v1/setup", None).await {
                needed.set(Some(status.needed));
            }
        });
    });
    let s = move |k: S| t(lang.get(), Key::Accounts(k));
    view! {
        <main class="setup" lang=move || lang.get().tag() data-testid="setup">
            <header class="screen-header">
                <h1>{move || s(S::SetupTitle)}</h1>
                <nav class="lang-links">
                    <a href="?lang=zh" lang="zh-CN">"中文"</a>
                    <a href="?lang=en" lang="en">"EN"</a>
                </nav>
            </header>
            {move || match (done.get(), needed.get()) {
                (Some(who), _) => view! {
                    <section class="setup-done" data-testid="setup-done">
                        <p>{who.name}</p>
                        <a class="btn btn-primary btn-big" href=move || format!("/admin/staff?lang={}", lang.get().query())>{move || s(S::GoToAccounts)}</a>
                    </section>
                }.into_any(),
                (None, Some(true)) => view! { <SetupForm lang done /> }.into_any(),
                (None, Some(false)) => view! {
                    <section class="setup-done" data-testid="already-set-up">
                        <p>{move || s(S::AlreadySetUp)}</p>
                        <a class="btn btn-primary btn-big" href=move || format!("/desk?lang={}", lang.get().query())>{move || t(lang.get(), Key::SignIn)}</a>
                    </section>
                }.into_any(),
                (None, None) => view! { <p class="placeholder">{move || t(lang.get(), Key::Loading)}</p> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn SetupForm(lang: Memo<Lang>, done: RwSignal<Option<Actor>>) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let store = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let zone = RwSignal::new("+08:00".to_string());
    let rate = RwSignal::new("300".to_string());
    let username = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(std::collections::BTreeMap::<String, String>::new());
    let message = RwSignal::new(None::<Key>);
    let busy = RwSignal::new(false);
    let s = move |k: S| t(lang.get(), Key::Accounts(k));
    let label = move |k: S| Signal::derive(move || s(k));
    let error = move |f: &'static str| Signal::derive(move || errors.with(|e| e.get(f).cloned()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang_now = lang.get_untracked();
        let mut found = std::collections::BTreeMap::new();
        let required = s(S::Required).to_string();
        for (field, value) in [
            ("setup_code", code),
            ("store_name", store),
            ("desk_phone", phone),
            ("manager_name", name),
        ] {
            if value.get_untracked().trim().is_empty() {
                found.insert(field.to_string(), required.clone());
            }
        }
        if let Err(e) = normalise_username(&username.get_untracked()) {
            found.insert("manager_username".into(), account_error(lang_now, e).into());
        }
        if let Err(e) = check_password(&password.get_untracked(), &username.get_untracked()) {
            found.insert("password".into(), account_error(lang_now, e).into());
        }
        // Yuan with up to two decimals, sent as fen.
        let fen = rate
            .get_untracked()
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|y| *y > 0.0 && *y <= 10_000.0)
            .map(|y| (y * 100.0).round() as i64);
        if fen.is_none() {
            found.insert("labour_rate_fen_per_hour".into(), s(S::LabourRate).into());
        }
        errors.set(found.clone());
        let (Some(fen), true) = (fen, found.is_empty()) else {
            return;
        };
        let body = SetupRequest {
            setup_code: code.get_untracked(),
            store_name: store.get_untracked(),
            desk_phone: phone.get_untracked(),
            timezone: zone.get_untracked(),
            labour_rate_fen_per_hour: fen,
            manager_username: username.get_untracked(),
            manager_name: name.get_untracked(),
            password: password.get_untracked(),
        };
        busy.set(true);
        spawn_local(async move {
            match send::<_, Actor>("POST", "/api/v1/setup", Some(&body)).await {
                Ok(who) => done.set(Some(who)),
                Err(e @ ClientError::Api { .. }) if e.key() == Key::SomethingWrong => {
                    if let ClientError::Api { fields, .. } = e {
                        errors.set(fields);
                    }
                }
                Err(e) => message.set(Some(e.key())),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="setup-form" on:submit=submit novalidate>
            <p class="muted">{move || s(S::SetupIntro)}</p>
            {move || message.get().map(|k| view! { <p class="notice" role="alert">{t(lang.get(), k)}</p> })}
            <Field label=label(S::SetupCode) value=code error=error("setup_code") name="setup_code" hint=label(S::SetupCodeHint) />
            <Field label=label(S::StoreName) value=store error=error("store_name") name="store_name" />
            <Field label=label(S::DeskPhone) value=phone error=error("desk_phone") name="desk_phone" kind="tel" />
            <Field label=label(S::Timezone) value=zone error=error("timezone") name="timezone" />
            <Field label=label(S::LabourRate) value=rate error=error("labour_rate_fen_per_hour") name="labour_rate" kind="number" />
            <h2>{move || s(S::FirstManager)}</h2>
            <Field label=label(S::Username) value=username error=error("manager_username") name="manager_username" />
            <Field label=label(S::DisplayName) value=name error=error("manager_name") name="manager_name" />
            <Field label=label(S::Password) value=password error=error("password") name="password" kind="password" hint=label(S::PasswordRule) />
            <button type="submit" class="btn btn-primary btn-big" disabled=move || busy.get()>{move || s(S::SetUp)}</button>
        </form>
    }
}
