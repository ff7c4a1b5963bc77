//! The closed word lists a job's items and timeline carry on the wire: an item's kind and
//! status, who decided on extra work, who acted and what they did. Each keeps the exact
//! wire string it always had; an unknown string is an error, never a default.

use serde::{Deserialize, Serialize};

use crate::domain::{ActionKind, FuelType, Role};

/// A word that is not on the list (from the wire or the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownWord {
    pub list: &'static str,
    pub word: String,
}

impl std::fmt::Display for UnknownWord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown {} {:?}", self.list, self.word)
    }
}

impl std::error::Error for UnknownWord {}

/// Implements `as_str`/`parse`/`ALL`-based `TryFrom<String>` and `From<Self> for &str`,
/// so serde goes through the one wire string.
macro_rules! wire_words {
    ($ty:ident, $list:literal) => {
        impl $ty {
            /// Inverse of `as_str`; an unknown word is an error.
            pub fn parse(s: &str) -> Result<$ty, UnknownWord> {
                $ty::ALL
                    .into_iter()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| UnknownWord {
                        list: $list,
                        word: s.to_string(),
                    })
            }
        }
        impl TryFrom<String> for $ty {
            type Error = UnknownWord;
            fn try_from(s: String) -> Result<$ty, UnknownWord> {
                $ty::parse(&s)
            }
        }
        impl From<$ty> for &'static str {
            fn from(v: $ty) -> &'static str {
                v.as_str()
            }
        }
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        /// In the OpenAPI document: a string, one of the list's wire words.
        #[cfg(feature = "ssr")]
        impl utoipa::PartialSchema for $ty {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some($ty::ALL.iter().map(|v| v.as_str())))
                    .into()
            }
        }
        #[cfg(feature = "ssr")]
        impl utoipa::ToSchema for $ty {}
    };
}

/// Where an item of work came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum ItemKind {
    /// Agreed at check-in.
    Order,
    /// Found during the repair.
    Additional,
}

impl ItemKind {
    pub const ALL: [ItemKind; 2] = [ItemKind::Order, ItemKind::Additional];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Order => "order",
            ItemKind::Additional => "additional",
        }
    }
}
wire_words!(ItemKind, "item kind");
wire_words!(FuelType, "fuel type");

/// Where an item of work stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum ItemStatus {
    /// Ordered work not yet ticked done.
    Todo,
    Done,
    /// Extra work waiting for the customer's decision.
    Pending,
    /// Extra work the customer approved (work to do).
    Approved,
    /// Extra work the customer declined.
    Declined,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 5] = [
        ItemStatus::Todo,
        ItemStatus::Done,
        ItemStatus::Pending,
        ItemStatus::Approved,
        ItemStatus::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Todo => "todo",
            ItemStatus::Done => "done",
            ItemStatus::Pending => "pending",
            ItemStatus::Approved => "approved",
            ItemStatus::Declined => "declined",
        }
    }

    /// Part of the work: agreed at check-in, or extra work the customer approved.
    pub fn is_work(self) -> bool {
        matches!(
            self,
            ItemStatus::Todo | ItemStatus::Approved | ItemStatus::Done
        )
    }
}
wire_words!(ItemStatus, "item status");

/// Who decided on extra work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum DecidedBy {
    /// The customer: on their page, or in person at the desk.
    Customer,
    /// An advisor recording what the customer said on the phone.
    Advisor,
}

impl DecidedBy {
    pub const ALL: [DecidedBy; 2] = [DecidedBy::Customer, DecidedBy::Advisor];

    pub fn as_str(self) -> &'static str {
        match self {
            DecidedBy::Customer => "customer",
            DecidedBy::Advisor => "advisor",
        }
    }
}
wire_words!(DecidedBy, "decider");

/// Who took a step on the timeline: the customer (checking in at the kiosk, deciding on
/// their page) or a staff member in their role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum ActorRole {
    Customer,
    Staff(Role),
}

impl ActorRole {
    pub const ALL: [ActorRole; 10] = [
        ActorRole::Customer,
        ActorRole::Staff(Role::Technician),
        ActorRole::Staff(Role::TeamLead),
        ActorRole::Staff(Role::QcInspector),
        ActorRole::Staff(Role::Washer),
        ActorRole::Staff(Role::Foreman),
        ActorRole::Staff(Role::Advisor),
        ActorRole::Staff(Role::Manager),
        ActorRole::Staff(Role::FollowUpAgent),
        ActorRole::Staff(Role::ReceptionSupervisor),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActorRole::Customer => "customer",
            ActorRole::Staff(role) => role.as_str(),
        }
    }

    /// A technician or team lead: whose time in service the labour clock counts.
    pub fn works_on_the_car(self) -> bool {
        matches!(self, ActorRole::Staff(Role::Technician | Role::TeamLead))
    }
}
wire_words!(ActorRole, "actor role");

impl From<Role> for ActorRole {
    fn from(role: Role) -> ActorRole {
        ActorRole::Staff(role)
    }
}

/// What a timeline step did: a move of the stage machine, or one of the steps around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum TimelineAction {
    CheckIn,
    /// A move of the stage machine (`assign`, `start`, …).
    Stage(ActionKind),
    WalkAroundNote,
    CustomerTold,
    ReportAdditionalWork,
    ApproveAdditionalWork,
    DeclineAdditionalWork,
}

impl TimelineAction {
    pub const ALL: [TimelineAction; 17] = [
        TimelineAction::CheckIn,
        TimelineAction::Stage(ActionKind::Assign),
        TimelineAction::Stage(ActionKind::Start),
        TimelineAction::Stage(ActionKind::Pause),
        TimelineAction::Stage(ActionKind::Resume),
        TimelineAction::Stage(ActionKind::FinishWork),
        TimelineAction::Stage(ActionKind::TeamCheck),
        TimelineAction::Stage(ActionKind::QcPass),
        TimelineAction::Stage(ActionKind::QcFail),
        TimelineAction::Stage(ActionKind::FinishWash),
        TimelineAction::Stage(ActionKind::Deliver),
        TimelineAction::Stage(ActionKind::Cancel),
        TimelineAction::WalkAroundNote,
        TimelineAction::CustomerTold,
        TimelineAction::ReportAdditionalWork,
        TimelineAction::ApproveAdditionalWork,
        TimelineAction::DeclineAdditionalWork,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TimelineAction::CheckIn => "check_in",
            TimelineAction::Stage(kind) => kind.as_str(),
            TimelineAction::WalkAroundNote => "walk_around_note",
            TimelineAction::CustomerTold => "customer_told",
            TimelineAction::ReportAdditionalWork => "report_additional_work",
            TimelineAction::ApproveAdditionalWork => "approve_additional_work",
            TimelineAction::DeclineAdditionalWork => "decline_additional_work",
        }
    }
}
wire_words!(TimelineAction, "timeline action");

impl From<ActionKind> for TimelineAction {
    fn from(kind: ActionKind) -> TimelineAction {
        TimelineAction::Stage(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;

    /// Every variant writes exactly `wire` and reads back; an unknown word is refused.
    fn round_trips<T>(all: &[T], wire: &[&str])
    where
        T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug + Copy,
    {
        assert_eq!(all.len(), wire.len());
        for (value, word) in all.iter().zip(wire) {
            let json = serde_json::to_string(value).map_err(|e| e.to_string());
            assert_eq!(json, Ok(format!("\"{word}\"")));
            let read = serde_json::from_str::<T>(&format!("\"{word}\"")).map_err(|e| e.to_string());
            assert_eq!(read, Ok(*value));
        }
        for unknown in ["\"\"", "\"Done\"", "\"unknown\"", "\"todo \"", "3", "null"] {
            assert!(
                serde_json::from_str::<T>(unknown).is_err(),
                "{unknown} was read"
            );
        }
    }

    #[test]
    fn item_kinds_keep_their_wire_names() {
        round_trips(&ItemKind::ALL, &["order", "additional"]);
    }

    #[test]
    fn item_statuses_keep_their_wire_names() {
        round_trips(
            &ItemStatus::ALL,
            &["todo", "done", "pending", "approved", "declined"],
        );
    }

    #[test]
    fn deciders_keep_their_wire_names() {
        round_trips(&DecidedBy::ALL, &["customer", "advisor"]);
        assert!(serde_json::from_str::<DecidedBy>("\"manager\"").is_err());
    }

    #[test]
    fn actor_roles_keep_their_wire_names() {
        round_trips(
            &ActorRole::ALL,
            &[
                "customer",
                "technician",
                "team_lead",
                "qc_inspector",
                "washer",
                "foreman",
                "advisor",
                "manager",
                "follow_up_agent",
                "reception_supervisor",
            ],
        );
        // Every staff role is an actor role, named as the session names it.
        for role in Role::ALL {
            assert_eq!(ActorRole::from(role).as_str(), role.as_str());
        }
    }

    #[test]
    fn timeline_actions_keep_their_wire_names() {
        round_trips(
            &TimelineAction::ALL,
            &[
                "check_in",
                "assign",
                "start",
                "pause",
                "resume",
                "finish_work",
                "team_check",
                "qc_pass",
                "qc_fail",
                "finish_wash",
                "deliver",
                "cancel",
                "walk_around_note",
                "customer_told",
                "report_additional_work",
                "approve_additional_work",
                "decline_additional_work",
            ],
        );
        for kind in ActionKind::ALL {
            assert!(TimelineAction::ALL.contains(&TimelineAction::from(kind)));
        }
    }

    #[test]
    fn an_unknown_word_names_its_list() {
        let err = ItemStatus::parse("finished").map_err(|e| e.to_string());
        assert_eq!(err, Err("unknown item status \"finished\"".to_string()));
    }
}
