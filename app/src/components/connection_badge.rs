//! The live/reconnecting indicator every live screen shows in its header.

use leptos::prelude::*;

use crate::i18n::{t, Key, Lang};
use crate::live::Connection;

#[component]
pub fn ConnectionBadge(connection: Signal<Connection>, lang: Memo<Lang>) -> impl IntoView {
    view! {
        <span
            class=move || format!("connection connection-{}", connection.get().as_str())
            data-testid="connection"
            data-state=move || connection.get().as_str()
            role="status"
            aria-live="polite"
        >
            {move || t(lang.get(), Key::Connection(connection.get()))}
        </span>
    }
}
