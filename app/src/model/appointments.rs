//! The JSON shapes of appointments (预约) and reminders (提醒): an appointment with its
//! timeline, a day's load per slot and skill, the booking and change bodies, the "due
//! soon" list and a reminder call. Shared by the API and `/desk/appointments`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Where an appointment is in its life (checked in is `job_id` set, not a state).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AppointmentState {
    Booked,
    Confirmed,
    Cancelled,
}

impl AppointmentState {
    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentState::Booked => "booked",
            AppointmentState::Confirmed => "confirmed",
            AppointmentState::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<AppointmentState> {
        [Self::Booked, Self::Confirmed, Self::Cancelled]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// One entry of an appointment's timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStepKind {
    Booked,
    Confirmed,
    Rescheduled,
    Cancelled,
}

impl AppointmentStepKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentStepKind::Booked => "booked",
            AppointmentStepKind::Confirmed => "confirmed",
            AppointmentStepKind::Rescheduled => "rescheduled",
            AppointmentStepKind::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<AppointmentStepKind> {
        [
            Self::Booked,
            Self::Confirmed,
            Self::Rescheduled,
            Self::Cancelled,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AppointmentStep {
    pub at: DateTime<Utc>,
    pub kind: AppointmentStepKind,
    pub actor_name: String,
    /// For a reschedule, the old and the new time; otherwise the advisor's note.
    pub note: String,
}

/// A line of booked work: what it is, the bay skill it needs and its standard minutes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BookedWork {
    pub service_item_id: i64,
    pub name_zh: String,
    pub name_en: String,
    pub skill: String,
    pub minutes: u32,
}

/// A part the booked work needs and the shelf cannot promise for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PartShortage {
    pub part_id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub needed: i64,
    /// Free to promise: on hand less what jobs and earlier bookings have reserved.
    pub available: i64,
    /// The next delivery's date; `None`: nothing on order that covers it.
    pub expected_on: Option<NaiveDate>,
}

/// An appointment as the desk sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Appointment {
    pub id: i64,
    /// What the customer types (or scans) at the kiosk, e.g. `YY4821`.
    pub code: String,
    pub version: i64,
    pub state: AppointmentState,
    pub scheduled_at: DateTime<Utc>,
    pub vehicle_id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub phone: String,
    pub plate: String,
    pub model: String,
    /// The maintenance package booked, by its kilometres.
    pub package_km: Option<u32>,
    /// The customer's own words.
    pub concerns: String,
    pub work: Vec<BookedWork>,
    /// Standard minutes of the work (a diagnosis hour when only concerns are given).
    pub minutes: u32,
    /// The job it became at check-in.
    pub job_id: Option<i64>,
    /// Not checked in 30 minutes after its time (and not cancelled).
    pub no_show: bool,
    pub shortages: Vec<PartShortage>,
    pub steps: Vec<AppointmentStep>,
}

/// One skill's capacity and booked minutes in a slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SkillLoad {
    pub skill: String,
    /// Bay-minutes the bays with this skill are open in the slot.
    pub capacity: u32,
    /// Minutes booked, plus work already in the workshop carried into the slot.
    pub booked: u32,
}

/// One bookable hour of a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SlotView {
    pub start: DateTime<Utc>,
    pub skills: Vec<SkillLoad>,
    /// Already begun or past.
    pub past: bool,
    /// The work asked about (`availability`) fits; on a plain day view, the slot has
    /// room for anything.
    pub fits: bool,
}

/// `GET /api/v1/appointments?date=`: a store day's appointments (cancelled ones too) and
/// its load per slot and skill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AppointmentDay {
    pub date: NaiveDate,
    pub now: DateTime<Utc>,
    pub appointments: Vec<Appointment>,
    pub slots: Vec<SlotView>,
}

/// `POST /api/v1/appointments/availability`: where the work would fit on a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AvailabilityRequest {
    pub date: NaiveDate,
    #[serde(default)]
    pub package_km: Option<u32>,
    #[serde(default)]
    pub service_ids: Vec<i64>,
    /// The car, so its fuel type picks the package's schedule.
    pub vehicle_id: Option<i64>,
    /// Leave this appointment's own minutes and parts out (when rescheduling it).
    #[serde(default)]
    pub appointment_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Availability {
    pub date: NaiveDate,
    pub work: Vec<BookedWork>,
    pub minutes: u32,
    pub slots: Vec<SlotView>,
    pub shortages: Vec<PartShortage>,
    /// The first day the parts can be promised (the day after the delivery); `None` when
    /// nothing is short, or when nothing on order covers a shortage.
    pub parts_from: Option<NaiveDate>,
}

/// A new car and customer booked at the desk (the kiosk's plate and phone rules).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewCar {
    pub plate: String,
    pub phone: String,
    pub name: String,
    pub model: String,
}

/// `POST /api/v1/appointments`: a car already on file (`vehicle_id`) or a new one
/// (`new_car`), the slot's start, and the package or items or only the concerns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BookingRequest {
    #[serde(default)]
    pub vehicle_id: Option<i64>,
    #[serde(default)]
    pub new_car: Option<NewCar>,
    pub scheduled_at: DateTime<Utc>,
    #[serde(default)]
    pub package_km: Option<u32>,
    #[serde(default)]
    pub service_ids: Vec<i64>,
    #[serde(default)]
    pub concerns: String,
}

/// What an advisor does to an appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AppointmentAction {
    /// The customer confirmed (sends the confirmation message).
    Confirm,
    /// A new time (`scheduled_at`), checked against capacity and parts like a booking.
    Reschedule,
    Cancel,
}

/// `POST /api/v1/appointments/{id}/changes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AppointmentChange {
    pub action: AppointmentAction,
    /// The appointment's `version` as the advisor saw it.
    pub expected_version: i64,
    #[serde(default)]
    pub scheduled_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub note: String,
}

/// A car on the "due soon" list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DueCarView {
    pub vehicle_id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub phone: String,
    pub plate: String,
    pub model: String,
    pub last_visit_on: NaiveDate,
    pub last_km: u32,
    /// Kilometres a day from the car's visits (the usual pace when they cannot tell).
    pub km_per_day: f64,
    /// The odometer estimated today at that pace.
    pub estimated_km: u32,
    pub next_service_km: Option<u32>,
    pub next_service_date: Option<NaiveDate>,
    pub due_on: NaiveDate,
    /// The last reminder call, if any.
    pub last_call: Option<ReminderCallView>,
    /// The customer said no to messages (a reminder message would be suppressed).
    pub messages_ok: bool,
}

/// `GET /api/v1/reminders?days=&km=`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DueSoonList {
    pub today: NaiveDate,
    pub days: u32,
    pub km: u32,
    pub cars: Vec<DueCarView>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReminderOutcome {
    Booked,
    CallBack,
    NotReached,
    Declined,
}

impl ReminderOutcome {
    pub const ALL: [ReminderOutcome; 4] = [
        ReminderOutcome::Booked,
        ReminderOutcome::CallBack,
        ReminderOutcome::NotReached,
        ReminderOutcome::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReminderOutcome::Booked => "booked",
            ReminderOutcome::CallBack => "call_back",
            ReminderOutcome::NotReached => "not_reached",
            ReminderOutcome::Declined => "declined",
        }
    }

    pub fn parse(text: &str) -> Option<ReminderOutcome> {
        Self::ALL.into_iter().find(|o| o.as_str() == text)
    }
}

/// `POST /api/v1/reminders/{vehicle_id}/calls`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReminderCall {
    pub outcome: ReminderOutcome,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReminderCallView {
    pub at: DateTime<Utc>,
    pub agent: String,
    pub outcome: ReminderOutcome,
    pub note: String,
}
