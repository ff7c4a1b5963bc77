//! `/admin/staff`: the store's people (manager only). Staff accounts (`staff`) and the
//! bays' technicians (`technicians`): add, deactivate or reactivate, reset a password,
//! set a PIN. Accounts are never deleted: the timeline keeps their names.

mod staff;
mod technicians;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::{send, ClientError};
use crate::components::{use_staff_session, StaffSignIn};
use crate::domain::Role;
use crate::i18n::{accounts::S, t, use_lang, Key, Lang};
use crate::model::{Accounts, Actor, BayInfo};

/// What the screen's parts share: the language, the accounts as last loaded, the bays,
/// and a way to send a change and reload.
#[derive(Clone, Copy)]
pub(crate) struct Admin {
    pub lang: Memo<Lang>,
    pub accounts: RwSignal<Option<Accounts>>,
    pub bays: RwSignal<Vec<BayInfo>>,
    pub message: RwSignal<Option<String>>,
}

impl Admin {
    pub fn s(self, key: S) -> &'static str {
        t(self.lang.get(), Key::Accounts(key))
    }

    pub fn reload(self) {
        spawn_local(async move {
            match send::<(), Accounts>("GET", "/api/v1/admin/accounts", None).await {
                Ok(list) => self.accounts.set(Some(list)),
                Err(e) => self
                    .message
                    .set(Some(t(self.lang.get_untracked(), e.key()).into())),
            }
        });
    }

    /// Sends a change; on success reloads and says so, else shows the server's reason
    /// (its field message, or the error's text).
    pub fn change<B: serde::Serialize + 'static>(self, method: &'static str, url: String, body: B) {
        spawn_local(async move {
            match send::<_, serde_json::Value>(method, &url, Some(&body)).await {
                Ok(_) => {
                    self.message.set(Some(self.s_untracked(S::Saved).into()));
                    self.reload();
                }
                Err(e) => self
                    .message
                    .set(Some(reason(self.lang.get_untracked(), &e))),
            }
        });
    }

    fn s_untracked(self, key: S) -> &'static str {
        t(self.lang.get_untracked(), Key::Accounts(key))
    }
}

/// The first field message of a refusal, else the error's text.
pub(crate) fn reason(lang: Lang, e: &ClientError) -> String {
    match e {
        ClientError::Api { fields, .. } if !fields.is_empty() => {
            fields.values().next().cloned().unwrap_or_default()
        }
        other => t(lang, other.key()).into(),
    }
}

#[derive(serde::Deserialize)]
struct BaysAnswer {
    bays: Vec<BayInfo>,
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let lang = use_lang();
    let staff = RwSignal::new(None::<Actor>);
    let checked = RwSignal::new(false);
    use_staff_session(staff, checked);
    let sign_in_message = RwSignal::new(None::<Key>);
    let s = move |k: S| t(lang.get(), Key::Accounts(k));
    view! {
        <main class="accounts" lang=move || lang.get().tag()>
            <header class="screen-header">
                <h1>{move || t(lang.get(), Key::StoreName)} " · " {move || s(S::AccountsTitle)}</h1>
                <nav class="lang-links">
                    <a href="?lang=zh" lang="zh-CN">"中文"</a>
                    <a href="?lang=en" lang="en">"EN"</a>
                </nav>
                <StaffSignIn lang staff message=sign_in_message />
            </header>
            {move || sign_in_message.get().map(|k| view! { <p class="notice" role="alert">{t(lang.get(), k)}</p> })}
            {move || match (staff.get().map(|a| a.role), checked.get()) {
                (Some(Role::Manager), _) => view! { <AccountsBody lang /> }.into_any(),
                (Some(_), _) => view! { <p class="placeholder" data-testid="managers-only">{move || s(S::ManagersOnly)}</p> }.into_any(),
                (None, true) => view! { <p class="placeholder">{move || s(S::ManagersOnly)}</p> }.into_any(),
                (None, false) => view! { <p class="placeholder">{move || t(lang.get(), Key::Loading)}</p> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn AccountsBody(lang: Memo<Lang>) -> impl IntoView {
    let admin = Admin {
        lang,
        accounts: RwSignal::new(None),
        bays: RwSignal::new(Vec::new()),
        message: RwSignal::new(None),
    };
    Effect::new(move |_| {
        admin.reload();
        spawn_local(async move {
            if let Ok(answer) = send::<(), BaysAnswer>("GET", "/api/v1/bays", None).await {
                admin.bays.set(answer.bays);
            }
        });
    });
    view! {
        {move || admin.message.get().map(|m| view! { <p class="notice" role="status" data-testid="accounts-message">{m}</p> })}
        {move || match admin.accounts.get() {
            None => view! { <p class="placeholder">{move || t(lang.get(), Key::Loading)}</p> }.into_any(),
            Some(list) => view! {
                <staff::StaffSection admin staff=list.staff />
                <technicians::TechnicianSection admin technicians=list.technicians />
            }.into_any(),
        }}
    }
}
