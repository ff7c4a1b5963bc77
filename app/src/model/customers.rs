//! The JSON shapes of the customer's file (客户档案): a search hit, a customer with their
//! cars, a car with every visit, and the corrections the desk may make. Shared by the API
//! and `/desk/customers`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::follow_up::{Satisfaction, TaskState};

/// `GET /api/v1/customers?q=`: customers whose plate (normalised like the kiosk's),
/// phone, name or VIN matches, at most 20.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CustomerHit {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub plates: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CustomerSearch {
    pub q: String,
    pub customers: Vec<CustomerHit>,
}

/// The follow-up outcome of a visit, as the file shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VisitFollowUp {
    pub state: TaskState,
    pub satisfaction: Option<Satisfaction>,
}

/// One visit in a car's history: a delivered job, or an older record without one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Visit {
    pub done_on: NaiveDate,
    pub mileage_km: u32,
    /// The work done, as one line.
    pub summary: String,
    /// The maintenance package it was, by its kilometres.
    pub package_km: Option<u32>,
    pub job_id: Option<i64>,
    pub ticket: Option<String>,
    /// The invoice's total in fen (a visit with a job).
    pub total_fen: Option<i64>,
    pub follow_up: Option<VisitFollowUp>,
    /// Complaints about this visit's job, by id.
    pub complaint_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CarFile {
    pub id: i64,
    pub plate: String,
    pub vin: Option<String>,
    pub model: String,
    pub colour: Option<String>,
    pub last_mileage_km: u32,
    pub next_service_km: Option<u32>,
    pub next_service_date: Option<NaiveDate>,
    /// Newest first.
    pub visits: Vec<Visit>,
    /// Open appointments (not checked in, not cancelled), soonest first: code and time.
    pub appointments: Vec<UpcomingAppointment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UpcomingAppointment {
    pub id: i64,
    pub code: String,
    pub scheduled_at: DateTime<Utc>,
}

/// `GET /api/v1/customers/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CustomerFile {
    pub id: i64,
    pub name: String,
    pub phone: String,
    /// `false`: the customer asked for no messages (none is sent).
    pub messages_ok: bool,
    pub cars: Vec<CarFile>,
}

/// `PATCH /api/v1/customers/{id}`: fields left out stay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomerChange {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub messages_ok: Option<bool>,
}

/// `PATCH /api/v1/vehicles/{id}`: fields left out stay; an empty `vin` or `colour` clears it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VehicleChange {
    #[serde(default)]
    pub plate: Option<String>,
    #[serde(default)]
    pub vin: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub colour: Option<String>,
}
