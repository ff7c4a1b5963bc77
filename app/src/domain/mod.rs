//! Pure domain of the service lane: job stages and who may move them, plus validated
//! value types (plates, phones, mileage, money), status flags, dispatch and the labour
//! clock. No I/O; compiles to wasm.

pub mod accounts;
pub mod capacity;
pub mod clock;
pub mod complaint;
pub mod delivery;
pub mod dispatch;
pub mod estimate;
pub mod eta;
pub mod flags;
pub mod follow_up;
pub mod kpi;
pub mod labour;
pub mod live_eta;
pub mod messages;
pub mod mileage;
pub mod money;
pub mod phone;
pub mod plate;
pub mod reminders;
pub mod schedule;
pub mod stage;
pub mod stock;
pub mod text;

pub use accounts::{check_password, check_pin, is_pin_shaped, normalise_username, AccountError};
pub use clock::{
    format_utc_offset, from_store_local, parse_utc_offset, set_store_zone, store_clock, store_date,
    store_zone, to_store_local, DEFAULT_STORE_OFFSET_SECS,
};
pub use complaint::{
    Category, Channel, ComplaintError, ComplaintState, Escalation, Severity, StepKind,
};
pub use delivery::{
    needs_delay_call, open_checks, track_link_expired, DeliveryCheck, DeliveryFacts,
    TRACK_LINK_DAYS,
};
pub use dispatch::{bay_load, place_in_queue, suggest_bay, BayLoad, LoadJob, SKILLS};
pub use estimate::{price_line, totals, LinePrice, PricedItem, Totals};
pub use eta::{ready_at, Workload};
pub use flags::{flags, Flag};
pub use follow_up::{
    CallFindings, CallOutcome, CallTime, DueWindow, FaultFixed, FollowUpError, Satisfaction,
    TaskState,
};
pub use labour::{labour_clock, ClockStep, LabourClock, PersonMinutes};
pub use live_eta::{changed_etas, job_eta, worked_minutes, EtaJob};
pub use mileage::{Mileage, MileageError};
pub use money::Money;
pub use phone::{mask_name, Phone, PhoneError};
pub use plate::{mask_plate, Plate, PlateError};
pub use schedule::{
    choose_schedule, due_package, due_package_after, next_due_km, package_at, Due, FuelType,
    ScheduleKey,
};
pub use stage::{
    apply, available_actions, rule, Action, ActionKind, JobFacts, Outcome, PauseReason, Refusal,
    Role, Rule, Stage,
};
pub use text::{clean_block, clean_line, fold_identifier, TextError};
