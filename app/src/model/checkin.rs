//! The check-in API's JSON: lookup, quote (package due, extras, estimate, promised time)
//! and the check-in itself with its receipt. Shared by the kiosk and the server.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{FuelType, LinePrice, Totals};

/// `POST /api/v1/checkins/lookup`: plate and the phone's last four digits, or an
/// appointment code.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LookupRequest {
    #[serde(default)]
    pub plate: Option<String>,
    #[serde(default)]
    pub phone_last4: Option<String>,
    #[serde(default)]
    pub appointment_code: Option<String>,
}

/// What the kiosk may show about a returning customer; `lookup_ref` stands in for the
/// plate and phone in the rest of the check-in, so the kiosk never holds the phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LookupResult {
    pub lookup_ref: String,
    pub customer_name_masked: String,
    pub plate_masked: String,
    pub model: String,
    /// The car's fuel type: its maintenance schedule follows it.
    pub fuel_type: FuelType,
    pub last_mileage_km: u32,
    pub appointment: Option<AppointmentView>,
    /// The package due at the last recorded mileage (the kiosk asks the current one).
    pub package_due: Option<PackageView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AppointmentView {
    pub code: String,
    pub scheduled_at: DateTime<Utc>,
    pub note: String,
}

/// A catalogue item as the customer sees it, priced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ServiceLine {
    pub service_item_id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub labor_minutes: u32,
    #[serde(flatten)]
    pub price: LinePrice,
    /// Part of the free first service.
    #[serde(default)]
    pub free: bool,
}

/// The maintenance package due: the odometer reading it belongs to and its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PackageView {
    pub due_km: u32,
    pub free: bool,
    pub items: Vec<ServiceLine>,
}

/// `POST /api/v1/checkins/quote`: what the customer has chosen so far.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QuoteRequest {
    pub mileage_km: u32,
    #[serde(default)]
    pub lookup_ref: Option<String>,
    /// Include the maintenance package due at this mileage.
    #[serde(default)]
    pub package: bool,
    /// Extra service item ids.
    #[serde(default)]
    pub services: Vec<i64>,
    #[serde(default)]
    pub concerns: String,
    #[serde(default)]
    pub wash: bool,
    /// A walk-in's car (no `lookup_ref`): its fuel type, which picks its maintenance
    /// schedule; not given, the petrol schedule (the one every car had before fuel types).
    /// A found car's own record decides instead.
    #[serde(default)]
    pub fuel_type: Option<FuelType>,
}

/// The estimate and promise for a choice, plus what else could be chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Quote {
    pub package_due: Option<PackageView>,
    /// When nothing is due: the next package's odometer reading.
    pub next_package_km: Option<u32>,
    /// Optional items the customer may add (everything not in the package).
    pub extras: Vec<ServiceLine>,
    /// The lines of the order as chosen.
    pub lines: Vec<ServiceLine>,
    pub totals: Totals,
    /// The currency of every amount here (`labor`, `parts`, `total`: minor units, fen).
    #[serde(default)]
    pub currency: String,
    /// Concerns were given: a diagnosis is added and its price follows the inspection.
    pub diagnosis: bool,
    /// Some part is out of stock: the promise waits for the next delivery.
    pub parts_short: bool,
    pub promised_at: DateTime<Utc>,
}

/// A drawn signature: strokes of points on a `width` × `height` pad.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Signature {
    pub width: u16,
    pub height: u16,
    pub strokes: Vec<Vec<[i16; 2]>>,
}

impl Signature {
    pub const MAX_POINTS: usize = 4_000;

    pub fn point_count(&self) -> usize {
        self.strokes.iter().map(Vec::len).sum()
    }

    /// Something was drawn: at least one stroke with a few points, within the pad.
    pub fn is_drawn(&self) -> bool {
        self.point_count() >= 3
            && self.point_count() <= Self::MAX_POINTS
            && self.strokes.iter().flatten().all(|[x, y]| {
                (0..=i32::from(self.width)).contains(&i32::from(*x))
                    && (0..=i32::from(self.height)).contains(&i32::from(*y))
            })
    }
}

/// `POST /api/v1/checkins`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CheckinRequest {
    /// From a lookup; otherwise `plate` and `phone` are required (a walk-in).
    #[serde(default)]
    pub lookup_ref: Option<String>,
    #[serde(default)]
    pub plate: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub vin: Option<String>,
    /// A walk-in's new car: its fuel type (not given: petrol, as every car was before
    /// fuel types). A car on record keeps its own.
    #[serde(default)]
    pub fuel_type: Option<FuelType>,
    #[serde(default)]
    pub appointment_code: Option<String>,
    pub mileage_km: u32,
    /// The customer confirmed a reading far above the last record.
    #[serde(default)]
    pub mileage_confirmed: bool,
    #[serde(default)]
    pub concerns: String,
    #[serde(default)]
    pub package: bool,
    #[serde(default)]
    pub services: Vec<i64>,
    pub wash: bool,
    pub old_parts: String,
    pub payment_method: String,
    pub waiting: bool,
    /// A phone for updates when it differs from the one on record.
    #[serde(default)]
    pub contact_phone: Option<String>,
    pub valuables_acknowledged: bool,
    pub consent: bool,
    pub signature: Signature,
    #[serde(default)]
    pub language: Option<String>,
}

/// The payment methods the desk takes.
pub const PAYMENT_METHODS: [&str; 4] = ["wechat", "alipay", "card", "cash"];

/// `201` from `POST /api/v1/checkins`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CheckinReceipt {
    pub job_id: i64,
    pub ticket: String,
    pub tracking_token: String,
    pub promised_at: DateTime<Utc>,
    pub estimate: Quote,
}

/// `POST /api/v1/desk-requests`: a customer asks for a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DeskRequestIn {
    /// Where the request comes from, e.g. `kiosk`.
    pub source: String,
    #[serde(default)]
    pub language: Option<String>,
}

/// An open "call an advisor" request, as the desk sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DeskRequest {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub source: String,
    pub language: String,
    /// Set once an advisor answered it (the event that closes it on every desk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_by: Option<String>,
}
