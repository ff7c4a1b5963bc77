//! The board's staff sign-in: a foreman or advisor signs in here to dispatch; without
//! it the board is view-only.

use leptos::prelude::*;

use super::Board;
use crate::components::{use_staff_session, StaffSignIn};
use crate::i18n::{workshop::W, Key};

#[component]
pub fn StaffBar(board: Board) -> impl IntoView {
    use_staff_session(board.staff, RwSignal::new(false));
    view! {
        <StaffSignIn lang=board.lang staff=board.staff message=board.changes.message hint=Key::Workshop(W::ViewOnly) />
    }
}
