//! The page for an address that names nothing: an unknown path, or a screen's id that
//! is not one (`/bay/abc`, `/desk/jobs/0`). Says so in the screen's language with a way
//! back, and answers `404` when rendered on the server, instead of opening a screen for
//! a made-up id.

use leptos::prelude::*;

use crate::i18n::{t, use_lang, Key};

/// A route's numeric id: a positive integer written in plain digits, or nothing.
pub fn route_id(raw: Option<&str>) -> Option<i64> {
    let raw = raw?;
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse::<i64>().ok().filter(|id| *id > 0)
}

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let lang = use_lang();
    view! {
        <main class="placeholder not-found" data-testid="not-found" lang=move || lang.get().tag()>
            <p>{move || t(lang.get(), Key::PageNotFound)}</p>
            <p><a class="btn btn-primary" href="/">{move || t(lang.get(), Key::BackHome)}</a></p>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::route_id;

    #[test]
    fn only_a_positive_number_in_plain_digits_is_an_id() {
        assert_eq!(route_id(Some("12")), Some(12));
        assert_eq!(route_id(Some("1")), Some(1));
        for bad in [
            "abc",
            "0",
            "-1",
            "+5",
            "",
            " 3",
            "3.0",
            "1e3",
            "99999999999999999999",
        ] {
            assert_eq!(route_id(Some(bad)), None, "{bad:?}");
        }
        assert_eq!(route_id(None), None);
    }
}
