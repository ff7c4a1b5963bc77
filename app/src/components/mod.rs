//! Widgets shared by the screens.

mod connection_badge;
mod keypad;
mod pin_pad;
mod post_change;
mod qr_code;
mod quiet;
mod signature_pad;
mod stage_pipeline;
mod time;

pub use connection_badge::ConnectionBadge;
pub use keypad::{KeyPress, Keypad};
pub use pin_pad::PinPad;
pub use post_change::Changes;
pub use qr_code::{qr_svg, QrCode};
pub use quiet::count_quiet_seconds;
pub use signature_pad::SignaturePad;
pub use stage_pipeline::StagePipeline;
pub use time::{clock_time, day_time, minutes_since, use_now};
