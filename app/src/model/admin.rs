//! The admin screens' JSON (`/api/v1/admin/…`, manager only): bays with their hours and
//! outages, the service catalogue and labour rate, the maintenance schedules.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::BayInfo;
use crate::domain::FuelType;

/// `GET /api/v1/admin/bays`: every bay as the admin screen edits it, and the skill codes
/// a bay may have.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AdminBays {
    pub bays: Vec<BayInfo>,
    pub skills: Vec<String>,
}

/// A bay as created (`POST /api/v1/admin/bays`) or edited (`PUT …/{bay_id}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BayEdit {
    pub name_zh: String,
    pub name_en: String,
    pub team_name: String,
    /// Skill codes, each one of `AdminBays.skills`; at least one.
    pub skills: Vec<String>,
    /// Store-local `HH:MM`; opens before it closes.
    pub opens_at: String,
    pub closes_at: String,
}

/// `POST /api/v1/admin/bays/{bay_id}/outages`: out of service for `[from, to)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OutageEdit {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub reason: String,
}

/// A service item with its price at today's labour rate and part price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AdminServiceItem {
    pub id: i64,
    #[serde(flatten)]
    pub edit: ServiceItemEdit,
    /// Labour at today's rate (standard minutes × rate), fen.
    pub labor_fen: i64,
    /// The part's price × quantity, fen (0 without a part).
    pub parts_fen: i64,
}

/// A service item as created (`POST /api/v1/admin/catalogue/items`) or edited (`PUT
/// …/{item_id}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ServiceItemEdit {
    /// Lower-case letters, digits and `_`; unique.
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub labor_minutes: u32,
    /// One of the bay skill codes.
    pub skill: String,
    pub part_id: Option<i64>,
    /// How many of the part (1 or more with a part, 0 without).
    pub part_qty: u32,
}

/// A part the catalogue can name, with its unit price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AdminPart {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub price_fen: i64,
}

/// `GET /api/v1/admin/catalogue`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AdminCatalogue {
    pub labour_rate_fen_per_hour: i64,
    pub items: Vec<AdminServiceItem>,
    pub parts: Vec<AdminPart>,
    pub skills: Vec<String>,
}

/// `PUT /api/v1/admin/labour-rate`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LabourRateEdit {
    pub labour_rate_fen_per_hour: i64,
}

/// A package of a schedule: its odometer reading, names, whether free, its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PackageEdit {
    pub km: u32,
    pub name_zh: String,
    pub name_en: String,
    pub free: bool,
    /// Service item ids, each once.
    pub item_ids: Vec<i64>,
}

/// A schedule as created (`POST /api/v1/admin/schedules`) or replaced (`PUT …/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScheduleEdit {
    pub fuel_type: FuelType,
    /// None: the fuel type's default schedule.
    pub model_family: Option<String>,
    pub packages: Vec<PackageEdit>,
}

/// A stored schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AdminSchedule {
    pub id: i64,
    #[serde(flatten)]
    pub edit: ScheduleEdit,
}

/// `GET /api/v1/admin/schedules`: every schedule, packages by km.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AdminSchedules {
    pub schedules: Vec<AdminSchedule>,
}
