//! Steps someone else signs for at the bay's screen: the team check (team lead), QC
//! pass or fail (QC inspector) and the wash (washer). Whoever is signed in taps the
//! step; the person it belongs to types their PIN (no PIN when it is them).

use leptos::prelude::*;

use super::actions::CloseButton;
use super::{Bay, NoteField};
use crate::components::PinPad;
use crate::domain::{Action, ActionKind, Role};
use crate::i18n::{workshop::W, Key};
use crate::model::ActionRequest;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    TeamPass,
    TeamFail,
    QcPass,
    QcFail,
    Wash,
}

impl Sign {
    pub const ALL: [Sign; 5] = [
        Sign::TeamPass,
        Sign::TeamFail,
        Sign::QcPass,
        Sign::QcFail,
        Sign::Wash,
    ];

    pub fn kind(self) -> ActionKind {
        match self {
            Sign::TeamPass | Sign::TeamFail => ActionKind::TeamCheck,
            Sign::QcPass => ActionKind::QcPass,
            Sign::QcFail => ActionKind::QcFail,
            Sign::Wash => ActionKind::FinishWash,
        }
    }

    /// Who signs it.
    pub fn role(self) -> Role {
        match self {
            Sign::TeamPass | Sign::TeamFail => Role::TeamLead,
            Sign::QcPass | Sign::QcFail => Role::QcInspector,
            Sign::Wash => Role::Washer,
        }
    }

    pub fn is_team_check(self) -> bool {
        self.kind() == ActionKind::TeamCheck
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sign::TeamPass => "team-pass",
            Sign::TeamFail => "team-fail",
            Sign::QcPass => "qc-pass",
            Sign::QcFail => "qc-fail",
            Sign::Wash => "wash",
        }
    }

    /// A failure says what failed.
    fn needs_note(self) -> bool {
        matches!(self, Sign::TeamFail | Sign::QcFail)
    }

    pub fn label(self) -> Key {
        match self {
            Sign::TeamFail => Key::Workshop(W::TeamCheckFail),
            other => Key::Action(other.kind()),
        }
    }

    fn pin_title(self) -> Key {
        Key::Workshop(match self.role() {
            Role::QcInspector => W::QcPin,
            Role::Washer => W::WasherPin,
            _ => W::TeamLeadPin,
        })
    }

    fn body(self, version: i64, note: &str, pin: Option<String>) -> ActionRequest {
        let note = note.trim();
        let action = match self {
            Sign::TeamPass | Sign::TeamFail => Action::TeamCheck {
                passed: self == Sign::TeamPass,
                note: (!note.is_empty()).then(|| note.to_string()),
            },
            Sign::QcPass => Action::QcPass,
            Sign::QcFail => Action::QcFail {
                note: note.to_string(),
            },
            Sign::Wash => Action::FinishWash,
        };
        ActionRequest {
            pin,
            ..ActionRequest::new(action, version)
        }
    }
}

#[component]
pub fn SignDialog(
    bay: Bay,
    sign: Sign,
    url: String,
    version: i64,
    /// The role signed in on this screen (none: a PIN is always asked).
    self_role: Option<Role>,
    close: Callback<()>,
) -> impl IntoView {
    let note = RwSignal::new(String::new());
    let missing_note =
        Signal::derive(move || sign.needs_note() && note.with(|n| n.trim().is_empty()));
    let send = {
        let url = url.clone();
        move |pin: Option<String>| {
            close.run(());
            bay.post(
                url.clone(),
                sign.body(version, &note.get_untracked(), pin),
                None,
            );
        }
    };
    let send_pin = send.clone();
    let needs_pin = self_role != Some(sign.role());
    view! {
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="sign-title" data-testid="sign-dialog">
            <h2 id="sign-title">{move || bay.t(sign.label())}</h2>
            {sign.needs_note().then(|| view! {
                <NoteField bay label=W::WhatFailed value=note />
            })}
            {if needs_pin {
                view! {
                    <PinPad
                        lang=bay.lang
                        title=sign.pin_title()
                        submit=Key::Confirm
                        busy=Signal::derive(move || missing_note.get() || bay.busy.get())
                        on_submit=move |pin: String| send_pin(Some(pin))
                    />
                    <div class="dialog-buttons"><CloseButton bay close /></div>
                }.into_any()
            } else {
                view! {
                    <div class="dialog-buttons">
                        <button type="button" class="btn btn-primary" disabled=move || missing_note.get() on:click=move |_| send(None)>
                            {move || bay.t(Key::Confirm)}
                        </button>
                        <CloseButton bay close />
                    </div>
                }.into_any()
            }}
        </div>
    }
}
