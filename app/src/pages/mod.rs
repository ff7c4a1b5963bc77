//! One folder per screen.

pub mod bay;
pub mod bays;
pub mod home;
pub mod lounge;
