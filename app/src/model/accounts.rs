//! The store's people on the wire: the first start's setup, staff and technician
//! accounts as the admin screen lists and changes them, and a password change.
//! Passwords and PINs only ever travel towards the server; no answer carries one.

use serde::{Deserialize, Serialize};

use crate::domain::Role;

/// `GET /api/v1/setup`: whether the store still needs its one-time setup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SetupStatus {
    pub needed: bool,
}

/// `POST /api/v1/setup`: the store and its first manager.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SetupRequest {
    /// The code the server printed in its log at start (proves the one setting up can
    /// read the server's log, not merely reach its address).
    pub setup_code: String,
    pub store_name: String,
    pub desk_phone: String,
    /// The store's UTC offset, e.g. `+08:00`.
    pub timezone: String,
    /// Labour rate in fen per hour (300 yuan = 30000).
    pub labour_rate_fen_per_hour: i64,
    pub manager_username: String,
    pub manager_name: String,
    pub password: String,
}

/// A staff account as the admin screen lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffAccount {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    /// A manager reset the password: it must be changed at the next sign-in.
    pub must_change_password: bool,
    /// A PIN is set (for countersigning at a bay); the PIN itself is never shown.
    pub has_pin: bool,
}

/// A technician as the admin screen lists it: one bay's team member, perhaps its lead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TechnicianAccount {
    pub id: i64,
    pub name: String,
    pub bay_id: i64,
    pub is_lead: bool,
    pub active: bool,
}

/// `GET /api/v1/admin/accounts`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Accounts {
    pub staff: Vec<StaffAccount>,
    pub technicians: Vec<TechnicianAccount>,
}

/// `POST /api/v1/admin/staff`: the password is temporary (changed at first sign-in).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewStaff {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password: String,
    /// For QC inspectors and washers, who countersign at the bays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin: Option<String>,
}

/// `PATCH /api/v1/admin/staff/{id}`: only what is given changes. `active: false`
/// deactivates (accounts are never deleted: the timeline keeps their names).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

/// `POST /api/v1/admin/technicians`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewTechnician {
    pub name: String,
    pub bay_id: i64,
    #[serde(default)]
    pub is_lead: bool,
    pub pin: String,
}

/// `PATCH /api/v1/admin/technicians/{id}`: only what is given changes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TechnicianChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bay_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_lead: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

/// `PUT …/password` by a manager: a temporary password, to be changed at next sign-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SetPassword {
    pub password: String,
}

/// `PUT …/pin`: a new PIN; it is never shown again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SetPin {
    pub pin: String,
}

/// `POST /api/v1/sessions/password`: the signed-in person changes their own password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChangePassword {
    pub current: String,
    pub new: String,
}
