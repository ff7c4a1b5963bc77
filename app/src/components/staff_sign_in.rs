//! Staff sign-in with username and password (the workshop board, the service desk):
//! picks up a staff session already on this device, and signs out.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::send;
use crate::domain::check_password;
use crate::i18n::{
    accounts::{account_error, S},
    t,
    workshop::W,
    Key, Lang,
};
use crate::model::{Actor, ChangePassword, SignIn};

/// Fills `staff` with whoever is signed in on this device (not a bay's technician).
pub fn use_staff_session(staff: RwSignal<Option<Actor>>, checked: RwSignal<bool>) {
    Effect::new(move |_| {
        spawn_local(async move {
            if let Ok(who) = send::<(), Actor>("GET", "/api/v1/sessions", None).await {
                // One who must change a reset password signs in again and is asked for it.
                if who.bay_id.is_none() && !who.must_change_password {
                    staff.set(Some(who));
                }
            }
            checked.set(true);
        });
    });
}

/// The sign-in form, or who is signed in with a sign-out button.
#[component]
pub fn StaffSignIn(
    lang: Memo<Lang>,
    staff: RwSignal<Option<Actor>>,
    /// Where a failed sign-in says why.
    message: RwSignal<Option<Key>>,
    /// Shown beside the form while nobody is signed in.
    #[prop(optional)]
    hint: Option<Key>,
) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let password_error = RwSignal::new(None::<&'static str>);
    // Signed in with a password a manager reset: the new one is asked for first.
    let pending = RwSignal::new(None::<String>);
    let new_password = RwSignal::new(String::new());
    let change = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(current) = pending.get_untracked() else {
            return;
        };
        let body = ChangePassword {
            current,
            new: new_password.get_untracked(),
        };
        if let Err(e) = check_password(&body.new, &username.get_untracked()) {
            password_error.set(Some(account_error(lang.get_untracked(), e)));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match send::<_, Actor>("POST", "/api/v1/sessions/password", Some(&body)).await {
                Ok(who) => {
                    pending.set(None);
                    new_password.set(String::new());
                    password_error.set(None);
                    staff.set(Some(who));
                }
                Err(e) => message.set(Some(e.key())),
            }
            busy.set(false);
        });
    };
    let sign_in = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let body = SignIn::Staff {
            username: username.get_untracked(),
            password: password.get_untracked(),
        };
        spawn_local(async move {
            match send::<_, Actor>("POST", "/api/v1/sessions", Some(&body)).await {
                Ok(who) if who.must_change_password => {
                    pending.set(Some(password.get_untracked()));
                    password.set(String::new());
                    message.set(None);
                }
                Ok(who) => {
                    staff.set(Some(who));
                    message.set(None);
                    password.set(String::new());
                }
                Err(e) => message.set(Some(e.key())),
            }
            busy.set(false);
        });
    };
    let sign_out = move |_| {
        spawn_local(async move {
            let _ = send::<(), serde_json::Value>("DELETE", "/api/v1/sessions", None).await;
            staff.set(None);
        });
    };
    let w = move |k: W| t(lang.get(), Key::Workshop(k));
    view! {
        {move || match (staff.get(), pending.with(Option::is_some)) {
            (None, true) => view! {
                <form class="staff-sign-in" data-testid="change-password" on:submit=change>
                    <span class="notice">{t(lang.get(), Key::Accounts(S::ChangePasswordTitle))}</span>
                    <input type="password" autocomplete="new-password" name="new_password"
                        placeholder=move || t(lang.get(), Key::Accounts(S::NewPassword)) aria-label=move || t(lang.get(), Key::Accounts(S::NewPassword))
                        prop:value=move || new_password.get() on:input=move |e| new_password.set(event_target_value(&e)) />
                    {move || password_error.get().map(|e| view! { <small class="field-error" role="alert">{e}</small> })}
                    <button type="submit" class="btn btn-primary" disabled=move || busy.get()>{t(lang.get(), Key::Accounts(S::ChangePassword))}</button>
                </form>
            }.into_any(),
            (Some(who), _) => view! {
                <span class="who" data-testid="staff-signed-in">{who.name}</span>
                <button type="button" class="btn" on:click=sign_out>{t(lang.get(), Key::SignOut)}</button>
            }.into_any(),
            (None, false) => view! {
                <form class="staff-sign-in" on:submit=sign_in aria-label=move || w(W::StaffSignIn)>
                    {hint.map(|k| view! { <span class="muted">{move || t(lang.get(), k)}</span> })}
                    <input type="text" autocomplete="username" placeholder=move || w(W::Username) aria-label=move || w(W::Username)
                        prop:value=move || username.get() on:input=move |e| username.set(event_target_value(&e)) />
                    <input type="password" autocomplete="current-password" placeholder=move || w(W::Password) aria-label=move || w(W::Password)
                        prop:value=move || password.get() on:input=move |e| password.set(event_target_value(&e)) />
                    <button type="submit" class="btn btn-primary" disabled=move || busy.get()>{t(lang.get(), Key::SignIn)}</button>
                </form>
            }.into_any(),
        }}
    }
}
