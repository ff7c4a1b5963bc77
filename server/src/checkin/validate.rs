//! The rules of a check-in request, checked all at once so the kiosk can show every
//! problem next to its field: `422` with one message per field.

use std::collections::BTreeMap;

use app::domain::text::{
    clean_block, clean_line, fold_identifier, TextError, CODE_MAX, CONCERNS_MAX, MODEL_MAX,
    NAME_MAX, PHONE_INPUT_MAX,
};
use app::domain::{Mileage, Phone, Plate};
use app::model::{CheckinRequest, PAYMENT_METHODS};

use crate::error::AppError;

/// Field errors collected while checking a request.
#[derive(Default)]
pub struct Fields(BTreeMap<String, String>);

impl Fields {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.entry(field.to_string()).or_insert(message.into());
    }

    /// `Ok` when nothing was wrong; otherwise one `422` naming every field.
    pub fn finish(self, code: &'static str) -> Result<(), AppError> {
        if self.0.is_empty() {
            return Ok(());
        }
        let message = self.0.values().cloned().collect::<Vec<_>>().join(" ");
        Err(AppError::Invalid {
            code,
            message,
            fields: self.0,
        })
    }
}

/// A walk-in's identity, normalised.
pub struct WalkIn {
    pub plate: Plate,
    pub phone: Phone,
}

/// The request's free text after the one text rule (`app::domain::text`).
#[derive(Debug, Default)]
pub struct Texts {
    pub name: String,
    pub model: String,
    pub vin: Option<String>,
    pub concerns: String,
    pub appointment_code: Option<String>,
}

/// Most extra service ids a check-in may name (the catalogue is far smaller).
pub const MAX_SERVICES: usize = 50;

/// A text field by the one rule: the cleaned text, or the field's error recorded.
pub fn text(
    fields: &mut Fields,
    field: &str,
    value: Option<&str>,
    max: usize,
    block: bool,
) -> String {
    let value = value.unwrap_or_default();
    let cleaned = if block {
        clean_block(value, max)
    } else {
        clean_line(value, max)
    };
    cleaned.unwrap_or_else(|e| {
        fields.add(field, e.to_string());
        String::new()
    })
}

/// An identifier the customer typed (phone, plate): too long to be one is refused before
/// it is parsed, so the message names the real problem.
fn identifier<'a>(fields: &mut Fields, field: &str, value: Option<&'a str>) -> Option<&'a str> {
    let value = value?;
    if value.chars().count() > PHONE_INPUT_MAX {
        fields.add(
            field,
            TextError::TooLong {
                max: PHONE_INPUT_MAX,
            }
            .to_string(),
        );
        return None;
    }
    Some(value)
}

/// Everything about the request that needs no database: the walk-in identity when the
/// request carries no lookup reference, and the cleaned free text.
pub fn check(req: &CheckinRequest, fields: &mut Fields) -> (Option<WalkIn>, Texts) {
    let walk_in = if req.lookup_ref.is_none() {
        let plate = match identifier(fields, "plate", req.plate.as_deref()).map(Plate::parse) {
            Some(Ok(plate)) => Some(plate),
            Some(Err(e)) => {
                fields.add("plate", e.to_string());
                None
            }
            None => {
                fields.add("plate", "Please enter the car's number plate.");
                None
            }
        };
        let phone = match identifier(fields, "phone", req.phone.as_deref()).map(Phone::parse) {
            Some(Ok(phone)) => Some(phone),
            Some(Err(e)) => {
                fields.add("phone", e.to_string());
                None
            }
            None => {
                fields.add("phone", "Please enter a mobile number.");
                None
            }
        };
        plate
            .zip(phone)
            .map(|(plate, phone)| WalkIn { plate, phone })
    } else {
        None
    };
    if req
        .lookup_ref
        .as_deref()
        .is_some_and(|r| r.chars().count() > CODE_MAX)
    {
        fields.add(
            "lookup_ref",
            TextError::TooLong { max: CODE_MAX }.to_string(),
        );
    }
    if let Some(Err(e)) = identifier(fields, "contact_phone", req.contact_phone.as_deref())
        .filter(|p| !p.trim().is_empty())
        .map(Phone::parse)
    {
        fields.add("contact_phone", e.to_string());
    }
    let name = text(fields, "name", req.name.as_deref(), NAME_MAX, false);
    let model = text(fields, "model", req.model.as_deref(), MODEL_MAX, false);
    let concerns = text(fields, "concerns", Some(&req.concerns), CONCERNS_MAX, true);
    let vin = match req.vin.as_deref().map(app::domain::text::vin).transpose() {
        Ok(vin) => vin.flatten(),
        Err(rule) => {
            fields.add("vin", rule);
            None
        }
    };
    let appointment_code = req
        .appointment_code
        .as_deref()
        .map(|c| fold_identifier(c).to_ascii_uppercase())
        .filter(|c| !c.is_empty());
    if appointment_code
        .as_ref()
        .is_some_and(|c| c.chars().count() > CODE_MAX)
    {
        fields.add(
            "appointment_code",
            TextError::TooLong { max: CODE_MAX }.to_string(),
        );
    }
    if req.services.len() > MAX_SERVICES {
        fields.add(
            "services",
            format!("Choose at most {MAX_SERVICES} services."),
        );
    }
    if let Err(e) = Mileage::new(req.mileage_km) {
        fields.add("mileage_km", e.to_string());
    }
    if !matches!(req.old_parts.as_str(), "take" | "leave") {
        fields.add(
            "old_parts",
            "Choose whether to take the old parts or leave them.",
        );
    }
    if !PAYMENT_METHODS.contains(&req.payment_method.as_str()) {
        fields.add("payment_method", "Choose a payment method.");
    }
    if !req.valuables_acknowledged {
        fields.add(
            "valuables_acknowledged",
            "Please confirm you have taken your valuables out of the car.",
        );
    }
    if !req.consent {
        fields.add(
            "consent",
            "Please agree that extra work is done only after you approve it.",
        );
    }
    if !req.signature.is_drawn() {
        fields.add("signature", "Please sign in the box.");
    }
    if !req.package && req.services.is_empty() && concerns.trim().is_empty() {
        fields.add(
            "services",
            "Choose a service or tell us what is wrong with the car.",
        );
    }
    let texts = Texts {
        name,
        model,
        vin,
        concerns,
        appointment_code,
    };
    (walk_in, texts)
}
