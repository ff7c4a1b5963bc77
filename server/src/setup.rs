//! The first start of a store without staff: the one-time setup code (printed in the
//! log, or `PITWALL_SETUP_CODE`), whether setup is still needed, and the redirect that
//! sends every staff page to `/setup` until it is done.

use std::sync::atomic::{AtomicBool, Ordering};

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use rand::Rng;

use crate::AppState;

/// Whether the store still needs its setup, and the code that proves the one doing it
/// can read the server's log.
#[derive(Debug)]
pub struct SetupGate {
    needed: AtomicBool,
    code: String,
}

impl SetupGate {
    /// `needed` when the store has no staff account; `code` from `PITWALL_SETUP_CODE`,
    /// else a fresh one.
    pub fn new(needed: bool, code: Option<String>) -> SetupGate {
        let code = code.unwrap_or_else(new_code);
        SetupGate {
            needed: AtomicBool::new(needed),
            code,
        }
    }

    pub fn needed(&self) -> bool {
        self.needed.load(Ordering::Acquire)
    }

    pub fn done(&self) {
        self.needed.store(false, Ordering::Release);
    }

    /// Compared in constant time: the code is a secret.
    pub fn code_matches(&self, given: &str) -> bool {
        let given: Vec<u8> = given
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_uppercase())
            .collect();
        let want: Vec<u8> = self
            .code
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .collect();
        given.len() == want.len()
            && given
                .iter()
                .zip(&want)
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }

    pub fn code(&self) -> &str {
        &self.code
    }
}

/// `XXXX-XXXX` from an alphabet without look-alikes (no 0/O, 1/I).
fn new_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    let mut pick = || char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]);
    let first: String = (0..4).map(|_| pick()).collect();
    let second: String = (0..4).map(|_| pick()).collect();
    format!("{first}-{second}")
}

/// The pages only staff use: until the store is set up they lead to `/setup`.
fn is_staff_page(path: &str) -> bool {
    ["/desk", "/bays", "/bay", "/admin", "/parts"]
        .iter()
        .any(|page| {
            path.strip_prefix(page)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
}

/// Middleware: a staff page of a store not yet set up answers `303 See Other` to `/setup`.
pub async fn lead_to_setup(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if state.setup.needed() && is_staff_page(request.uri().path()) {
        return Redirect::to("/setup").into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_whatever_the_case_and_dashes() {
        let gate = SetupGate::new(true, Some("ABCD-2345".into()));
        assert!(gate.code_matches("abcd2345"));
        assert!(gate.code_matches(" ABCD-2345 "));
        assert!(!gate.code_matches("ABCD-2346"));
        assert!(!gate.code_matches(""));
        let fresh = SetupGate::new(true, None);
        assert_eq!(fresh.code().len(), 9);
        assert!(fresh.code_matches(&fresh.code().to_lowercase()));
    }

    #[test]
    fn staff_pages_are_told_apart_from_customer_pages() {
        for page in [
            "/desk",
            "/desk/jobs/3",
            "/bays",
            "/bay/1",
            "/admin",
            "/admin/staff",
            "/parts",
        ] {
            assert!(is_staff_page(page), "{page}");
        }
        for page in [
            "/",
            "/kiosk",
            "/lounge",
            "/track/abc",
            "/setup",
            "/api/v1/setup",
            "/bayside",
        ] {
            assert!(!is_staff_page(page), "{page}");
        }
    }
}
