//! The board's staff sign-in: a foreman or advisor signs in here to dispatch; without
//! it the board is view-only.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Board;
use crate::client::send;
use crate::i18n::{t, workshop::W, Key};
use crate::model::Actor;

#[component]
pub fn StaffBar(board: Board) -> impl IntoView {
    let lang = board.lang;
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    // A staff session already on this device (the cookie is HttpOnly).
    Effect::new(move |_| {
        spawn_local(async move {
            if let Ok(who) = send::<(), Actor>("GET", "/api/v1/sessions", None).await {
                if who.bay_id.is_none() {
                    board.staff.set(Some(who));
                }
            }
        });
    });
    let sign_in = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let body = serde_json::json!({ "username": username.get_untracked(), "password": password.get_untracked() });
        spawn_local(async move {
            match send::<_, Actor>("POST", "/api/v1/sessions", Some(&body)).await {
                Ok(who) => {
                    board.staff.set(Some(who));
                    board.changes.message.set(None);
                    password.set(String::new());
                }
                Err(e) => board.changes.message.set(Some(e.key())),
            }
            busy.set(false);
        });
    };
    let sign_out = move |_| {
        spawn_local(async move {
            let _ = send::<(), serde_json::Value>("DELETE", "/api/v1/sessions", None).await;
            board.staff.set(None);
        });
    };
    let w = move |k: W| t(lang.get(), Key::Workshop(k));
    view! {
        {move || match board.staff.get() {
            Some(who) => view! {
                <span class="who" data-testid="staff-signed-in">{who.name}</span>
                <button type="button" class="btn" on:click=sign_out>{t(lang.get(), Key::SignOut)}</button>
            }.into_any(),
            None => view! {
                <form class="staff-sign-in" on:submit=sign_in aria-label=move || w(W::StaffSignIn)>
                    <span class="muted">{move || w(W::ViewOnly)}</span>
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
