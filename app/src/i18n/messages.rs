//! `/desk/messages` strings; each key with Chinese and English side by side.

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ms {
    Title,
}

pub fn text(lang: Lang, key: Ms) -> &'static str {
    let (zh, en) = match key {
        Ms::Title => ("客户通知", "Messages to customers"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
