//! One i18n mechanism for every screen: a `Key` per string, one exhaustive match per
//! language (so a missing translation does not compile), and the screen's language
//! from `?lang=en|zh` (Chinese by default).

pub mod accounts;
pub mod admin;
pub mod aftersales;
pub mod appointments;
pub mod customers;
pub mod desk;
mod en;
pub mod fields;
pub mod kiosk;
pub mod kpis;
pub mod messages;
pub mod parts;
pub mod workshop;
mod zh;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::domain::{ActionKind, Flag, PauseReason, Stage};
use crate::live::Connection;
use crate::model::{ActorRole, TimelineAction};

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
    /// A step of a job's timeline, as the desk reads it.
    TimelineAction(TimelineAction),
    /// Who took a step: the customer or a staff role.
    ActorRole(ActorRole),
    Flag(Flag),
    /// A flag as staff read it (the customer's "your approval" is theirs, not the desk's).
    StaffFlag(Flag),
    PauseReason(PauseReason),
    Connection(Connection),
    Kiosk(kiosk::K),
    Workshop(workshop::W),
    Desk(desk::D),
    Accounts(accounts::S),
    Admin(admin::A),
    Parts(parts::P),
    Aftersales(aftersales::F),
    Kpis(kpis::K),
    Appointments(appointments::Ap),
    Customers(customers::Cu),
    Messages(messages::Ms),
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
    use crate::model::{ActorRole, TimelineAction};

    /// Chinese text has a CJK character; an English word left in would have none.
    fn is_chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_timeline_step_and_actor_reads_in_both_languages() {
        let actions = TimelineAction::ALL.map(Key::TimelineAction);
        let roles = ActorRole::ALL.map(Key::ActorRole);
        for key in actions.iter().chain(roles.iter()).copied() {
            let (zh, en) = (t(Lang::Zh, key), t(Lang::En, key));
            assert!(is_chinese(zh), "{key:?} in Chinese: {zh}");
            assert!(
                !en.is_empty() && !is_chinese(en),
                "{key:?} in English: {en}"
            );
            assert!(!en.contains('_'), "{key:?} shows its wire name: {en}");
        }
        // Each step says something of its own (no two share a label).
        for lang in [Lang::Zh, Lang::En] {
            let mut labels: Vec<&str> = actions.iter().map(|k| t(lang, *k)).collect();
            labels.sort_unstable();
            labels.dedup();
            assert_eq!(labels.len(), TimelineAction::ALL.len(), "{lang:?}");
        }
    }

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
