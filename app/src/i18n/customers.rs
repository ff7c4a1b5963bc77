//! `/desk/customers` strings; each key with Chinese and English side by side.

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cu {
    Title,
}

pub fn text(lang: Lang, key: Cu) -> &'static str {
    let (zh, en) = match key {
        Cu::Title => ("客户档案", "Customer file"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
