//! Widgets shared by the screens.

mod connection_badge;
mod pin_pad;
mod stage_pipeline;
mod time;

pub use connection_badge::ConnectionBadge;
pub use pin_pad::PinPad;
pub use stage_pipeline::StagePipeline;
pub use time::{clock_time, minutes_since, use_now};
