//! A large on-screen number pad for touch screens: digits, delete and clear.

use leptos::prelude::*;

use super::{Glyph, Icon};
use crate::i18n::{kiosk::K, t, Key, Lang};

/// What a key press does to the field the pad is typing into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPress {
    Digit(char),
    Delete,
    Clear,
}

impl KeyPress {
    /// Applies the press to `value`, keeping it at most `max` characters long.
    pub fn apply(self, value: &mut String, max: usize) {
        match self {
            KeyPress::Digit(d) if value.chars().count() < max => value.push(d),
            KeyPress::Digit(_) => {}
            KeyPress::Delete => {
                value.pop();
            }
            KeyPress::Clear => value.clear(),
        }
    }
}

#[component]
pub fn Keypad(lang: Memo<Lang>, #[prop(into)] on_press: Callback<KeyPress>) -> impl IntoView {
    let digit = move |d: char| {
        view! {
            <button type="button" class="key" on:click=move |_| on_press.run(KeyPress::Digit(d))>
                {d.to_string()}
            </button>
        }
    };
    view! {
        <div class="keypad" role="group" aria-label=move || t(lang.get(), Key::Kiosk(K::Keypad))>
            {['1', '2', '3', '4', '5', '6', '7', '8', '9'].into_iter().map(digit).collect_view()}
            <button type="button" class="key key-clear" on:click=move |_| on_press.run(KeyPress::Clear)>
                {move || t(lang.get(), Key::Clear)}
            </button>
            {digit('0')}
            <button
                type="button"
                class="key key-delete"
                aria-label=move || t(lang.get(), Key::Kiosk(K::Delete))
                on:click=move |_| on_press.run(KeyPress::Delete)
            >
                <Icon glyph=Glyph::Backspace />
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presses_edit_the_value_within_its_length() {
        let mut v = String::from("12");
        KeyPress::Digit('3').apply(&mut v, 3);
        KeyPress::Digit('4').apply(&mut v, 3);
        assert_eq!(v, "123");
        KeyPress::Delete.apply(&mut v, 3);
        assert_eq!(v, "12");
        KeyPress::Clear.apply(&mut v, 3);
        assert_eq!(v, "");
    }
}
