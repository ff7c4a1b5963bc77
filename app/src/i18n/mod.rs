//! One i18n mechanism for every screen: a `Key` per string, one exhaustive match per
//! language (so a missing translation does not compile), and the screen's language
//! from `?lang=en|zh` (Chinese by default).

pub mod desk;
mod en;
pub mod kiosk;
pub mod workshop;
mod zh;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::domain::{ActionKind, Flag, PauseReason, Stage};
use crate::live::Connection;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Lang {
        match s.to_ascii_lowercase().as_str() {
            "en" | "en-us" | "en-gb" => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// The BCP 47 tag for `lang` attributes and speech.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn query(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// Every string a screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    StoreName,
    LoungeTitle,
    LoungeEmpty,
    BaysTitle,
    BayTitle,
    Loading,
    LoadFailed,
    Promised,
    Eta,
    InStageFor,
    Minutes,
    Queue,
    QueueEmpty,
    NoCurrentJob,
    CurrentJob,
    Skills,
    SignedIn,
    NobodySignedIn,
    EnterPin,
    Pin,
    Clear,
    SignIn,
    SignOut,
    WrongPin,
    TooManyTries,
    Concerns,
    NoConcerns,
    Items,
    Mileage,
    Confirm,
    Cancel,
    ConfirmPlate,
    ChoosePauseReason,
    Conflict,
    Illegal,
    NetworkError,
    SomethingWrong,
    Unassigned,
    DeskContact,
    TrackNotFound,
    PageNotFound,
    BackHome,
    Tomorrow,
    PagePrefix,
    PageOf,
    PageSuffix,
    ReadyCallout,
    ReadySpeech,
    SoundOn,
    Stage(Stage),
    Action(ActionKind),
    Flag(Flag),
    /// A flag as staff read it (the customer's "your approval" is theirs, not the desk's).
    StaffFlag(Flag),
    PauseReason(PauseReason),
    Connection(Connection),
    Kiosk(kiosk::K),
    Workshop(workshop::W),
    Desk(desk::D),
}

pub fn t(lang: Lang, key: Key) -> &'static str {
    match lang {
        Lang::Zh => zh::text(key),
        Lang::En => en::text(key),
    }
}

/// The language the URL asks for (`?lang=en`), Chinese otherwise.
pub fn use_lang() -> Memo<Lang> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| q.get("lang").map(|l| Lang::parse(&l)).unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::{t, Key, Lang};
    use crate::domain::Flag;

    #[test]
    fn staff_read_flags_in_their_own_words_not_the_customers() {
        for lang in [Lang::Zh, Lang::En] {
            let customer = t(lang, Key::Flag(Flag::AwaitingApproval));
            let staff = t(lang, Key::StaffFlag(Flag::AwaitingApproval));
            assert!(
                customer.contains("your") || customer.contains('您'),
                "{customer}"
            );
            assert!(!staff.contains("your") && !staff.contains('您'), "{staff}");
            assert!(
                staff.contains("customer") || staff.contains("客户"),
                "{staff}"
            );
            for other in [Flag::AwaitingParts, Flag::Delayed, Flag::Ready] {
                assert_eq!(t(lang, Key::StaffFlag(other)), t(lang, Key::Flag(other)));
            }
        }
    }
}
