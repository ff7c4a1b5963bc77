//! What the customer has entered so far, kept in memory only (never in the browser's
//! storage) and turned into the API's requests.

use crate::i18n::Lang;
use crate::model::{CheckinReceipt, CheckinRequest, LookupResult, Quote, QuoteRequest, Signature};

/// The kiosk's steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Step {
    #[default]
    Welcome,
    Find,
    WalkIn,
    Mileage,
    Services,
    Estimate,
    Choices,
    Sign,
    Ticket,
}

impl Step {
    /// Where "Back" goes from here.
    pub fn back(self, returning: bool) -> Step {
        match self {
            Step::Welcome | Step::Find | Step::WalkIn => Step::Welcome,
            Step::Mileage if returning => Step::Find,
            Step::Mileage => Step::WalkIn,
            Step::Services => Step::Mileage,
            Step::Estimate => Step::Services,
            Step::Choices => Step::Estimate,
            Step::Sign => Step::Choices,
            Step::Ticket => Step::Ticket,
        }
    }

    /// `(n, of)` for the progress line of the steps that have one.
    pub fn progress(self) -> Option<(u8, u8)> {
        let n = match self {
            Step::Find | Step::WalkIn => 1,
            Step::Mileage => 2,
            Step::Services => 3,
            Step::Estimate => 4,
            Step::Choices => 5,
            Step::Sign => 6,
            Step::Welcome | Step::Ticket => return None,
        };
        Some((n, 6))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Step::Welcome => "welcome",
            Step::Find => "find",
            Step::WalkIn => "walk-in",
            Step::Mileage => "mileage",
            Step::Services => "services",
            Step::Estimate => "estimate",
            Step::Choices => "choices",
            Step::Sign => "sign",
            Step::Ticket => "ticket",
        }
    }
}

/// One customer's check-in in progress.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub step: Step,
    pub lang: Lang,
    pub lookup: Option<LookupResult>,
    pub plate: String,
    pub phone: String,
    pub name: String,
    pub model: String,
    /// A walk-in's fuel type (its maintenance schedule follows it); not chosen: petrol.
    pub fuel_type: Option<crate::domain::FuelType>,
    pub mileage: String,
    pub mileage_confirmed: bool,
    pub package: bool,
    pub services: Vec<i64>,
    pub concerns: String,
    pub wash: Option<bool>,
    pub old_parts: Option<&'static str>,
    pub payment: Option<&'static str>,
    pub waiting: Option<bool>,
    pub contact_phone: String,
    pub valuables: bool,
    pub consent: bool,
    pub signature: Signature,
    pub quote: Option<Quote>,
    pub receipt: Option<CheckinReceipt>,
    /// One per check-in: a second tap on Submit sends the same key.
    pub idempotency_key: String,
}

impl Draft {
    pub fn mileage_km(&self) -> Option<u32> {
        crate::domain::Mileage::parse(&self.mileage)
            .ok()
            .map(|m| m.km())
    }

    pub fn quote_request(&self) -> QuoteRequest {
        QuoteRequest {
            mileage_km: self.mileage_km().unwrap_or(0),
            lookup_ref: self.lookup.as_ref().map(|l| l.lookup_ref.clone()),
            package: self.package,
            services: self.services.clone(),
            concerns: self.concerns.clone(),
            wash: self.wash.unwrap_or(false),
            fuel_type: self.fuel_type.filter(|_| self.lookup.is_none()),
        }
    }

    pub fn checkin_request(&self) -> CheckinRequest {
        let walk_in = self.lookup.is_none();
        let given = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        CheckinRequest {
            lookup_ref: self.lookup.as_ref().map(|l| l.lookup_ref.clone()),
            plate: walk_in.then(|| self.plate.clone()),
            phone: walk_in.then(|| self.phone.clone()),
            name: given(&self.name).filter(|_| walk_in),
            model: given(&self.model).filter(|_| walk_in),
            vin: None,
            fuel_type: self.fuel_type.filter(|_| walk_in),
            appointment_code: None,
            mileage_km: self.mileage_km().unwrap_or(0),
            mileage_confirmed: self.mileage_confirmed,
            concerns: self.concerns.clone(),
            package: self.package,
            services: self.services.clone(),
            wash: self.wash.unwrap_or(false),
            old_parts: self.old_parts.unwrap_or_default().to_string(),
            payment_method: self.payment.unwrap_or_default().to_string(),
            waiting: self.waiting.unwrap_or(true),
            contact_phone: given(&self.contact_phone),
            valuables_acknowledged: self.valuables,
            consent: self.consent,
            signature: self.signature.clone(),
            language: Some(self.lang.query().to_string()),
        }
    }

    /// The choices step is complete.
    pub fn choices_made(&self) -> bool {
        self.wash.is_some()
            && self.old_parts.is_some()
            && self.payment.is_some()
            && self.waiting.is_some()
            && self.valuables
            && self.consent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_returns_to_where_the_customer_came_from() {
        assert_eq!(Step::Mileage.back(true), Step::Find);
        assert_eq!(Step::Mileage.back(false), Step::WalkIn);
        assert_eq!(Step::Sign.back(false), Step::Choices);
    }

    #[test]
    fn a_returning_customer_sends_the_reference_not_plate_and_phone() {
        let draft = Draft {
            plate: "粤B12345".into(),
            phone: "13926051873".into(),
            mileage: "19,800".into(),
            ..Draft::default()
        };
        let walk_in = draft.checkin_request();
        assert_eq!(walk_in.plate.as_deref(), Some("粤B12345"));
        assert_eq!(walk_in.mileage_km, 19_800);
        let returning = Draft {
            lookup: Some(LookupResult {
                lookup_ref: "r".into(),
                customer_name_masked: "李*".into(),
                plate_masked: "粤B·***45".into(),
                model: "m".into(),
                fuel_type: crate::domain::FuelType::Petrol,
                last_mileage_km: 1,
                appointment: None,
                package_due: None,
            }),
            ..draft
        };
        let request = returning.checkin_request();
        assert_eq!((request.plate, request.phone), (None, None));
        assert_eq!(request.lookup_ref.as_deref(), Some("r"));
    }
}
