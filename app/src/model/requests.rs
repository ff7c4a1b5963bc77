//! The bodies staff screens and the customer's page send (actions, decisions, notes,
//! checklist ticks, additional work, sign-in) and the parts catalogue they pick from:
//! one type each, read by the server and written by the screens.

use serde::{Deserialize, Serialize};

use super::{DecidedBy, Signature};
use crate::domain::Action;

/// `POST /api/v1/jobs/{id}/actions`: `{"action": "...", "expected_version": n, ...fields}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ActionRequest {
    pub expected_version: i64,
    /// At a bay's screen: the PIN of the person countersigning (team lead, QC, washer),
    /// who then takes the action in place of whoever is signed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin: Option<String>,
    #[serde(flatten)]
    pub action: Action,
}

impl ActionRequest {
    /// `action` on the job at `expected_version`, no countersignature.
    pub fn new(action: Action, expected_version: i64) -> ActionRequest {
        ActionRequest {
            expected_version,
            pin: None,
            action,
        }
    }
}

/// `POST /api/v1/additional-items/{item_id}/decision`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DecisionRequest {
    pub approve: bool,
    pub by: DecidedBy,
    #[serde(default)]
    pub signature: Option<Signature>,
    /// The customer's page proves who it is with the job's tracking token.
    #[serde(default)]
    pub tracking_token: Option<String>,
}

/// `POST /api/v1/jobs/{id}/notes`: a note the desk adds (walk-around findings, what the
/// customer said).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NoteRequest {
    pub text: String,
}

/// `POST /api/v1/jobs/{id}/customer-told`: the desk called a delayed customer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ToldRequest {
    #[serde(default)]
    pub note: Option<String>,
}

/// `POST /api/v1/jobs/{id}/items/{item_id}/check`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CheckRequest {
    pub done: bool,
    /// With `done: false`: why it was not done (blank reopens the item).
    #[serde(default)]
    pub note: Option<String>,
}

/// `POST /api/v1/jobs/{id}/additional-items`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AdditionalItemRequest {
    pub description: String,
    pub labor_minutes: u32,
    #[serde(default)]
    pub parts: Vec<PartRequest>,
    pub safety_critical: bool,
}

/// A catalogue part additional work needs, and how many.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PartRequest {
    pub part_id: i64,
    pub qty: u32,
}

/// `POST /api/v1/sessions`: a staff member with username and password, or a bay's
/// screen with a technician's PIN.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum SignIn {
    Staff { username: String, password: String },
    Bay { bay_id: i64, pin: String },
}

/// A part of the catalogue, priced, with what is free to promise (`stock`: on hand less
/// reserved for jobs; negative when more is reserved than on hand).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CataloguePart {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub price_fen: i64,
    pub stock: i64,
}

/// `GET /api/v1/parts`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PartsCatalogue {
    pub parts: Vec<CataloguePart>,
    pub currency: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PauseReason;
    use serde_json::json;

    #[test]
    fn an_action_request_is_the_flat_body_the_server_reads() {
        let pause = ActionRequest::new(
            Action::Pause {
                reason: PauseReason::AwaitingParts,
                note: None,
            },
            7,
        );
        assert_eq!(
            serde_json::to_value(&pause).map_err(|e| e.to_string()),
            Ok(
                json!({ "action": "pause", "reason": "awaiting_parts", "note": null, "expected_version": 7 })
            )
        );
        let read: Result<ActionRequest, _> = serde_json::from_value(
            json!({ "action": "pause", "reason": "awaiting_parts", "expected_version": 7 }),
        );
        assert_eq!(read.map_err(|e| e.to_string()), Ok(pause));
    }

    #[test]
    fn a_decision_names_its_decider_in_the_old_words() {
        let body = DecisionRequest {
            approve: true,
            by: DecidedBy::Advisor,
            signature: None,
            tracking_token: None,
        };
        let value = serde_json::to_value(&body).map_err(|e| e.to_string());
        assert_eq!(
            value,
            Ok(
                json!({ "approve": true, "by": "advisor", "signature": null, "tracking_token": null })
            )
        );
        let someone: Result<DecisionRequest, _> =
            serde_json::from_value(json!({ "approve": true, "by": "someone" }));
        assert!(someone.is_err());
    }
}
