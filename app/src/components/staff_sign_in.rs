//! Staff sign-in with username and password (the workshop board, the service desk):
//! picks up a staff session already on this device, and signs out.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::send;
use crate::i18n::{t, workshop::W, Key, Lang};
use crate::model::{Actor, SignIn};

/// Fills `staff` with whoever is signed in on this device (not a bay's technician).
pub fn use_staff_session(staff: RwSignal<Option<Actor>>, checked: RwSignal<bool>) {
    Effect::new(move |_| {
        spawn_local(async move {
            if let Ok(who) = send::<(), Actor>("GET", "/api/v1/sessions", None).await {
                if who.bay_id.is_none() {
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
    let sign_in = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let body = SignIn::Staff {
            username: username.get_untracked(),
            password: password.get_untracked(),
        };
        spawn_local(async move {
            match send::<_, Actor>("POST", "/api/v1/sessions", Some(&body)).await {
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
        {move || match staff.get() {
            Some(who) => view! {
                <span class="who" data-testid="staff-signed-in">{who.name}</span>
                <button type="button" class="btn" on:click=sign_out>{t(lang.get(), Key::SignOut)}</button>
            }.into_any(),
            None => view! {
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
