//! One folder per screen.

pub mod bay;
pub mod bays;
pub mod desk;
pub mod home;
pub mod kiosk;
pub mod lounge;
pub mod parts;
pub mod track;
