//! Booking and changing an appointment: a refusal read with what it offers instead
//! (the error's `current`: a full slot's nearest free times, or the parts shortage).

use chrono::{DateTime, Utc};
use serde::{de::DeserializeOwned, Serialize};

use crate::client::ClientError;
use crate::model::Availability;

/// Why a booking or a change was refused.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Refusal {
    /// `slot_full`: the nearest free slots.
    Full(Vec<DateTime<Utc>>),
    /// `parts_short`: the shortage and the first day the parts can be promised.
    Parts(Availability),
    Other(ClientError),
}

impl Refusal {
    pub fn error(&self) -> Option<&ClientError> {
        match self {
            Refusal::Other(e) => Some(e),
            _ => None,
        }
    }
}

#[derive(serde::Deserialize)]
struct Alternatives {
    alternatives: Vec<DateTime<Utc>>,
}

fn refusal(error: ClientError, current: Option<serde_json::Value>) -> Refusal {
    let code = match &error {
        ClientError::Api { code, .. } => code.as_str(),
        ClientError::Network => "",
    };
    match (code, current) {
        ("slot_full", Some(c)) => serde_json::from_value::<Alternatives>(c)
            .map(|a| Refusal::Full(a.alternatives))
            .unwrap_or(Refusal::Full(Vec::new())),
        ("parts_short", Some(c)) => serde_json::from_value::<Availability>(c)
            .map(Refusal::Parts)
            .unwrap_or(Refusal::Other(error)),
        _ => Refusal::Other(error),
    }
}

/// POSTs `body` as JSON to `url` and decodes the answer or the refusal.
pub(crate) async fn post<B: Serialize, R: DeserializeOwned>(
    url: &str,
    body: &B,
) -> Result<R, Refusal> {
    crate::client::send("POST", url, Some(body))
        .await
        .map_err(|error| {
            let current = match &error {
                ClientError::Api { current, .. } => current.clone(),
                ClientError::Network => None,
            };
            refusal(error, current)
        })
}
