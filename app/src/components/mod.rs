//! Widgets shared by the screens.

mod connection_badge;
mod extra_work;
mod form_field;
mod icons;
mod invoice_view;
mod keypad;
mod not_found;
mod pin_pad;
mod post_change;
mod qr_code;
mod quiet;
mod signature_pad;
mod staff_page;
mod staff_sign_in;
mod stage_pipeline;
mod time;

pub use connection_badge::ConnectionBadge;
pub use extra_work::{price_of, Decide, ExtraWorkCard};
pub use form_field::FormField;
pub use icons::{Glyph, Icon};
pub use invoice_view::{payment_key, InvoiceView};
pub use keypad::{KeyPress, Keypad};
pub use not_found::{route_id, NotFound};
pub use pin_pad::PinPad;
pub use post_change::{intent_key, Changes};
pub use qr_code::{qr_svg, QrCode};
pub use quiet::count_quiet_seconds;
pub use signature_pad::SignaturePad;
pub use staff_page::{NavLink, StaffPage};
pub use staff_sign_in::{use_staff_session, StaffSignIn};
pub use stage_pipeline::StagePipeline;
pub use time::{clock_time, day_time, minutes_since, use_now, use_server_now};
