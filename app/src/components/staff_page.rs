//! The frame of a desk screen behind a staff sign-in: the header (store name and the
//! screen's title, links to the sibling screens, the language switch, sign-in), a
//! message line, and the body once a role `allow`s it ("not allowed" or "sign in"
//! otherwise). The body gets the signed-in actor.

use leptos::prelude::*;

use crate::components::{use_staff_session, StaffSignIn};
use crate::domain::Role;
use crate::i18n::{t, use_lang, workshop::W, Key, Lang};
use crate::model::Actor;

/// A link in the header: where it goes and what it says.
pub type NavLink = (&'static str, Key);

#[component]
pub fn StaffPage<B, V>(
    /// The screen's title.
    title: Key,
    /// The `<main>` element's class.
    class: &'static str,
    /// The sibling screens in the header.
    links: Vec<NavLink>,
    /// Which roles may use the screen.
    allow: fn(Role) -> bool,
    /// The message line the body writes to.
    message: RwSignal<Option<Key>>,
    /// The screen itself, given the signed-in actor and the language.
    body: B,
) -> impl IntoView
where
    B: Fn(Actor, Memo<Lang>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let lang = use_lang();
    let staff = RwSignal::new(None::<Actor>);
    let checked = RwSignal::new(false);
    use_staff_session(staff, checked);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let actor = move || staff.get().filter(|a| allow(a.role));
    let links = links
        .into_iter()
        .map(|(href, key)| {
            view! { <a href=move || format!("{href}?lang={}", lang.get().query())>{move || t(lang.get(), key)}</a> }
        })
        .collect_view();
    view! {
        <main class=class lang=move || lang.get().tag() data-hydrated=move || hydrated.get().to_string()>
            <header class="screen-header">
                <h1>{move || t(lang.get(), Key::StoreName)} " · " {move || t(lang.get(), title)}</h1>
                <nav class="lang-links">
                    {links}
                    <a href="?lang=zh" lang="zh-CN">"中文"</a>
                    <a href="?lang=en" lang="en">"EN"</a>
                </nav>
                <StaffSignIn lang staff message />
            </header>
            {move || message.get().map(|k| view! { <p class="notice" role="alert" data-testid="page-message">{t(lang.get(), k)}</p> })}
            {move || match (actor(), staff.with(Option::is_some), checked.get()) {
                (Some(a), _, _) => body(a, lang).into_any(),
                (None, true, _) => view! { <p class="placeholder">{t(lang.get(), Key::Workshop(W::NotAllowed))}</p> }.into_any(),
                (None, false, true) => view! { <p class="placeholder">{t(lang.get(), Key::Workshop(W::StaffSignIn))}</p> }.into_any(),
                (None, false, false) => view! { <p class="placeholder">{t(lang.get(), Key::Loading)}</p> }.into_any(),
            }}
        </main>
    }
}
