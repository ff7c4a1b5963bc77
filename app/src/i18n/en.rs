//! English strings.

use super::Key;
use crate::domain::{ActionKind as A, Flag as F, PauseReason as P, Stage as S};
use crate::live::Connection as C;

pub fn text(key: Key) -> &'static str {
    match key {
        Key::StoreName => "Xingchen Motors Service",
        Key::LoungeTitle => "Your car's progress",
        Key::LoungeEmpty => "No cars in service right now",
        Key::BaysTitle => "Workshop board",
        Key::BayTitle => "Bay",
        Key::Loading => "Loading…",
        Key::LoadFailed => "This screen could not load. It will keep trying.",
        Key::Promised => "Promised",
        Key::Eta => "Expected",
        Key::InStageFor => "for",
        Key::Minutes => "min",
        Key::Queue => "Queue",
        Key::QueueEmpty => "Nothing queued",
        Key::NoCurrentJob => "No car at this bay",
        Key::CurrentJob => "Current job",
        Key::Skills => "Skills",
        Key::SignedIn => "Signed in",
        Key::NobodySignedIn => "Nobody signed in",
        Key::EnterPin => "Enter your PIN",
        Key::Pin => "PIN",
        Key::Clear => "Clear",
        Key::SignIn => "Sign in",
        Key::SignOut => "Sign out",
        Key::WrongPin => "That PIN does not belong to this bay's team.",
        Key::TooManyTries => "Too many tries. Wait a minute and try again.",
        Key::Concerns => "Customer's words",
        Key::NoConcerns => "Maintenance only",
        Key::Items => "Work items",
        Key::Mileage => "Mileage",
        Key::Confirm => "Confirm",
        Key::Cancel => "Cancel",
        Key::ConfirmPlate => "Check the plate on the car matches this order:",
        Key::ChoosePauseReason => "Why are you pausing?",
        Key::Conflict => {
            "Someone else changed this job first. The screen now shows the latest state."
        }
        Key::Illegal => "That step is not possible at this stage.",
        Key::NetworkError => "No connection to the server. Try again when it is back.",
        Key::SomethingWrong => "Something went wrong. Please try again.",
        Key::Unassigned => "Waiting for dispatch",
        Key::Tomorrow => "tomorrow",
        Key::PagePrefix => "Page",
        Key::PageOf => "of",
        Key::PageSuffix => "",
        Key::ReadyCallout => "Your car is ready. Please come to the service desk.",
        Key::ReadySpeech => "{ticket}, your car is ready. Please come to the service desk.",
        Key::SoundOn => "Sound on",
        Key::TrackNotFound => {
            "This link is not valid or has expired. Please ask at the service desk."
        }
        Key::DeskContact => "Questions? Ask at the service desk.",
        Key::PageNotFound => "There is no such page. Check the address, or start again.",
        Key::BackHome => "Back to the start",
        Key::Stage(s) => match s {
            S::CheckedIn => "Checked in",
            S::Queued => "Waiting for a bay",
            S::InService => "In service",
            S::Paused => "Paused",
            S::QualityCheck => "Quality check",
            S::Washing => "Washing",
            S::Ready => "Ready for pick-up",
            S::Delivered => "Delivered",
            S::Cancelled => "Cancelled",
        },
        Key::Action(a) => match a {
            A::Assign => "Assign",
            A::Start => "Start",
            A::Pause => "Pause",
            A::Resume => "Resume",
            A::FinishWork => "Finish work",
            A::TeamCheck => "Team check passed",
            A::QcPass => "QC pass",
            A::QcFail => "QC fail",
            A::FinishWash => "Wash finished",
            A::Deliver => "Deliver",
            A::Cancel => "Cancel job",
        },
        Key::StaffFlag(F::AwaitingApproval) => "Waiting for the customer's approval",
        Key::StaffFlag(f) => text(Key::Flag(f)),
        Key::Flag(f) => match f {
            F::AwaitingApproval => "Waiting for your approval",
            F::AwaitingParts => "Waiting for parts",
            F::Delayed => "Delayed",
            F::Ready => "Ready for pick-up",
        },
        Key::PauseReason(p) => match p {
            P::AwaitingParts => "Waiting for parts",
            P::AwaitingApproval => "Waiting for approval",
            P::Other => "Other",
        },
        Key::Connection(c) => match c {
            C::Connecting => "Connecting…",
            C::Live => "Live",
            C::Reconnecting => "Reconnecting…",
        },
        Key::Kiosk(k) => super::kiosk::text(super::Lang::En, k),
        Key::Workshop(w) => super::workshop::text(super::Lang::En, w),
        Key::Desk(d) => super::desk::text(super::Lang::En, d),
    }
}
