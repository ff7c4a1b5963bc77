//! The JSON shapes shared by the server and the screens: job and bay views, channel
//! snapshots, the error body, and the pure projections from the staff view to the
//! public ones (what `lounge`/`bays` may show).

mod accounts;
mod admin;
mod aftersales;
mod appointments;
mod bay;
mod checkin;
mod customers;
mod desk;
mod error;
mod invoice;
mod job;
mod job_items;
mod messages;
mod parts;
mod projection;
mod requests;
mod snapshot;
mod vocab;

pub use accounts::{
    Accounts, ChangePassword, NewStaff, NewTechnician, SetPassword, SetPin, SetupRequest,
    SetupStatus, StaffAccount, StaffChange, TechnicianAccount, TechnicianChange,
};
pub use admin::*;
pub use aftersales::*;
pub use appointments::*;
pub use bay::{bay_loads, group_by_bay, suggested_bay, BayBoard, BayInfo, BayOutage};
pub use checkin::{
    AppointmentView, CheckinReceipt, CheckinRequest, DeskRequest, DeskRequestIn, LookupRequest,
    LookupResult, PackageView, Quote, QuoteRequest, ServiceLine, Signature, PAYMENT_METHODS,
};
pub use customers::*;
pub use desk::{needs_you, NeedsYou};
pub use error::{ErrorBody, ErrorDetail};
pub use invoice::{
    build_invoice, Invoice, InvoiceLine, InvoiceMeta, UnchargedLine, UnchargedReason,
};
pub use job::{
    Actor, CustomerView, JobNote, JobView, PublicJob, TechJob, TimelineEntry, TrackJob,
    VehicleView, TIMELINE_FIRST, TIMELINE_LATEST,
};
pub use job_items::{
    checklist_done, delivery_facts, needed_skills, pending_items, running_total_fen,
    standard_minutes, Decision, ItemKey, JobItemView, PartLine,
};
pub use messages::*;
pub use parts::{
    IssueRequest, IssuedPart, NewPartRequest, PartUpdateRequest, PartWait, PartsSnapshot,
    ReceiveRequest, StockPart, WaitRequest,
};
pub use projection::{labour_of, public_job, tech_job, track_job};
pub use requests::{
    ActionRequest, AdditionalItemRequest, CataloguePart, CheckRequest, DecisionRequest,
    NoteRequest, PartRequest, PartsCatalogue, SignIn, ToldRequest,
};
pub use snapshot::{
    AftersalesSnapshot, BaySnapshot, BaysSnapshot, ChannelState, DeskSnapshot, JobRemoved,
    LiveSnapshot, LoungeSnapshot, TrackSnapshot,
};
pub use vocab::{ActorRole, DecidedBy, ItemKind, ItemStatus, TimelineAction, UnknownWord};
