//! The rules of a check-in request, checked all at once so the kiosk can show every
//! problem next to its field: `422` with one message per field.

use std::collections::BTreeMap;

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

/// Text fields: at most `max` characters.
fn check_len(fields: &mut Fields, field: &str, value: Option<&str>, max: usize, what: &str) {
    if value.is_some_and(|v| v.chars().count() > max) {
        fields.add(
            field,
            format!("{what} is too long (at most {max} characters)."),
        );
    }
}

/// Everything about the request that needs no database; the walk-in identity when the
/// request carries no lookup reference.
pub fn check(req: &CheckinRequest, fields: &mut Fields) -> Option<WalkIn> {
    let walk_in = if req.lookup_ref.is_none() {
        let plate = match req.plate.as_deref().map(Plate::parse) {
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
        let phone = match req.phone.as_deref().map(Phone::parse) {
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
    if let Some(Err(e)) = req
        .contact_phone
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .map(Phone::parse)
    {
        fields.add("contact_phone", e.to_string());
    }
    check_len(fields, "name", req.name.as_deref(), 40, "The name");
    check_len(fields, "model", req.model.as_deref(), 60, "The model");
    check_len(
        fields,
        "concerns",
        Some(&req.concerns),
        1000,
        "The description",
    );
    if let Some(vin) = req.vin.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        if vin.len() != 17 || !vin.chars().all(|c| c.is_ascii_alphanumeric()) {
            fields.add("vin", "A VIN has 17 letters and digits.");
        }
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
    if !req.package && req.services.is_empty() && req.concerns.trim().is_empty() {
        fields.add(
            "services",
            "Choose a service or tell us what is wrong with the car.",
        );
    }
    walk_in
}
