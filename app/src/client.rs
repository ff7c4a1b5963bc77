//! The browser's calls to the REST API, with the API's error shape decoded.

use std::collections::BTreeMap;

use serde::{de::DeserializeOwned, Serialize};

use crate::i18n::{appointments::Ap, desk::D, parts::P, workshop::W, Key, Lang};

#[derive(Debug, Clone, PartialEq)]
pub enum ClientError {
    /// The server could not be reached.
    Network,
    /// The server answered with an error body.
    Api {
        status: u16,
        code: String,
        message: String,
        /// Field → message, for `422` answers about specific fields.
        fields: BTreeMap<String, String>,
        /// What the server offers instead (`error.current`): e.g. a full slot's nearest
        /// free times.
        current: Option<serde_json::Value>,
    },
}

impl ClientError {
    /// The message a screen shows for this error.
    pub fn key(&self) -> Key {
        match self {
            ClientError::Network => Key::NetworkError,
            ClientError::Api { code, .. } => match code.as_str() {
                "version_conflict" => Key::Conflict,
                "illegal_transition" => Key::Illegal,
                "wrong_pin" => Key::WrongPin,
                "rate_limited" => Key::TooManyTries,
                "checklist_incomplete" => Key::Workshop(W::ChecklistOpen),
                "self_check_required" => Key::Workshop(W::SelfCheckRequired),
                "wrong_credentials" => Key::Workshop(W::WrongCredentials),
                "forbidden" => Key::Workshop(W::NotAllowed),
                "password_change_required" => {
                    Key::Accounts(crate::i18n::accounts::S::ChangePasswordTitle)
                }
                "already_set_up" => Key::Accounts(crate::i18n::accounts::S::AlreadySetUp),
                "already_decided" => Key::Desk(D::AlreadyDecided),
                "signature_required" => Key::Desk(D::SignatureRequired),
                "delivery_checklist_incomplete" => Key::Desk(D::ChecklistOpen),
                "out_of_stock" => Key::Parts(P::OutOfStock),
                "part_code_taken" => Key::Parts(P::CodeTaken),
                "plate_taken" => Key::Customers(crate::i18n::customers::Cu::PlateTaken),
                "slot_full" => Key::Appointments(Ap::SlotFull),
                "parts_short" => Key::Appointments(Ap::PartsShort),
                "appointment_closed" => Key::Appointments(Ap::Closed),
                _ => Key::SomethingWrong,
            },
        }
    }
}

impl ClientError {
    /// The server's message for `field`, if it named that field.
    pub fn field(&self, field: &str) -> Option<&str> {
        match self {
            ClientError::Api { fields, .. } => fields.get(field).map(String::as_str),
            ClientError::Network => None,
        }
    }

    /// What is wrong with `field`, for a screen in `lang`: the server's own words in
    /// English, the field's hint (`i18n::fields`) in Chinese.
    pub fn field_text(&self, field: &str, lang: Lang) -> Option<String> {
        let message = self.field(field)?;
        Some(match lang {
            Lang::En => message.to_string(),
            Lang::Zh => crate::i18n::fields::zh_hint(field),
        })
    }
}

/// Sends a request (JSON body if given) and decodes the JSON answer.
pub async fn send<B: Serialize, R: DeserializeOwned>(
    method: &str,
    url: &str,
    body: Option<&B>,
) -> Result<R, ClientError> {
    send_with_headers(method, url, body, &[]).await
}

/// [`send`] with extra request headers, e.g. `Idempotency-Key`.
pub async fn send_with_headers<B: Serialize, R: DeserializeOwned>(
    method: &str,
    url: &str,
    body: Option<&B>,
    headers: &[(&str, &str)],
) -> Result<R, ClientError> {
    #[cfg(feature = "hydrate")]
    {
        use gloo_net::http::{Method, RequestBuilder};
        let method = match method {
            "POST" => Method::POST,
            "DELETE" => Method::DELETE,
            "PUT" => Method::PUT,
            "PATCH" => Method::PATCH,
            _ => Method::GET,
        };
        let builder = headers.iter().fold(
            RequestBuilder::new(url).method(method),
            |b, (name, value)| b.header(name, value),
        );
        let request = match body {
            Some(b) => builder.json(b).map_err(|_| ClientError::Network)?,
            None => builder.build().map_err(|_| ClientError::Network)?,
        };
        let response = request.send().await.map_err(|_| ClientError::Network)?;
        if response.ok() {
            return response.json::<R>().await.map_err(|_| ClientError::Network);
        }
        let status = response.status();
        let detail = response
            .json::<crate::model::ErrorBody>()
            .await
            .ok()
            .map(|b| b.error);
        Err(ClientError::Api {
            status,
            code: detail.as_ref().map(|d| d.code.clone()).unwrap_or_default(),
            message: detail
                .as_ref()
                .map(|d| d.message.clone())
                .unwrap_or_default(),
            fields: detail
                .as_ref()
                .map(|d| d.fields.clone())
                .unwrap_or_default(),
            current: detail.and_then(|d| d.current),
        })
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (method, url, body, headers);
        Err(ClientError::Network)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_field_reads_in_the_screen_s_language() {
        let refused = ClientError::Api {
            status: 422,
            code: "invalid".into(),
            message: "the booking is not valid".into(),
            fields: BTreeMap::from([(
                "vin".to_string(),
                "A VIN has 17 letters and digits.".to_string(),
            )]),
            current: None,
        };
        assert_eq!(
            refused.field_text("vin", Lang::En).as_deref(),
            Some("A VIN has 17 letters and digits.")
        );
        assert_eq!(
            refused.field_text("vin", Lang::Zh).as_deref(),
            Some("车架号为17位字母和数字")
        );
        assert_eq!(
            refused.field_text("plate", Lang::Zh),
            None,
            "only refused fields"
        );
        assert_eq!(ClientError::Network.field_text("vin", Lang::Zh), None);
    }
}
