//! One folder per screen.

pub mod accounts;
pub mod admin;
pub mod appointments;
pub mod bay;
pub mod bays;
pub mod complaints;
pub mod customers;
pub mod desk;
pub mod follow_ups;
pub mod home;
pub mod kiosk;
pub mod kpis;
pub mod lounge;
pub mod messages;
pub mod parts;
pub mod setup;
pub mod track;
