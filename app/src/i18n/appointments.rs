//! `/desk/appointments` strings; each key with Chinese and English side by side.

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ap {
    Title,
}

pub fn text(lang: Lang, key: Ap) -> &'static str {
    let (zh, en) = match key {
        Ap::Title => ("预约", "Appointments"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
