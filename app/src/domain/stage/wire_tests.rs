//! Tests of the stage vocabulary on the wire: enum strings and `Action` JSON, incl. flattened.

use super::tests::sample;
use super::*;
use ActionKind as K;
use Stage as S;

#[test]
fn wire_strings_round_trip() -> Result<(), serde_json::Error> {
    for v in Stage::ALL {
        assert_eq!(serde_json::to_string(&v)?, format!("\"{}\"", v.as_str()));
        assert_eq!(Stage::parse(v.as_str()), Some(v));
    }
    for v in ActionKind::ALL {
        assert_eq!(serde_json::to_string(&v)?, format!("\"{}\"", v.as_str()));
        assert_eq!(ActionKind::parse(v.as_str()), Some(v));
        let action = serde_json::to_value(sample(v))?;
        assert_eq!(action["action"], v.as_str());
        assert_eq!(serde_json::from_value::<Action>(action)?, sample(v));
    }
    for v in Role::ALL {
        assert_eq!(serde_json::to_string(&v)?, format!("\"{}\"", v.as_str()));
        assert_eq!(Role::parse(v.as_str()), Some(v));
    }
    for v in PauseReason::ALL {
        assert_eq!(serde_json::to_string(&v)?, format!("\"{}\"", v.as_str()));
        assert_eq!(PauseReason::parse(v.as_str()), Some(v));
    }
    assert_eq!(Stage::parse("Ready"), None);
    assert_eq!(
        serde_json::from_str::<Stage>("\"in_service\"")?,
        S::InService
    );
    Ok(())
}

#[test]
fn action_deserializes_standalone() -> Result<(), serde_json::Error> {
    assert_eq!(
        serde_json::from_str::<Action>(r#"{"action":"start"}"#)?,
        Action::Start
    );
    let pause: Action = serde_json::from_str(r#"{"action":"pause","reason":"awaiting_parts"}"#)?;
    let want = Action::Pause {
        reason: PauseReason::AwaitingParts,
        note: None,
    };
    assert_eq!(pause, want);
    assert!(serde_json::from_str::<Action>(r#"{"action":"fly"}"#).is_err());
    assert!(serde_json::from_str::<Action>(r#"{"action":"qc_fail"}"#).is_err());
    Ok(())
}

#[derive(Debug, serde::Deserialize)]
struct ActionRequest {
    expected_version: i64,
    #[serde(flatten)]
    action: Action,
}

#[test]
fn action_deserializes_flattened() -> Result<(), serde_json::Error> {
    let json = r#"{"expected_version":7,"action":"deliver",
        "next_service_km":25000,"next_service_date":"2026-06-01","old_parts_handled":true}"#;
    let req: ActionRequest = serde_json::from_str(json)?;
    assert_eq!(req.expected_version, 7);
    assert_eq!(req.action, sample(K::Deliver));
    let json = r#"{"action":"team_check","passed":false,"note":"x","expected_version":2}"#;
    let req: ActionRequest = serde_json::from_str(json)?;
    assert_eq!(req.action.kind(), K::TeamCheck);
    assert_eq!(req.action.note(), Some("x"));
    let req: ActionRequest = serde_json::from_str(r#"{"expected_version":1,"action":"start"}"#)?;
    assert_eq!(req.action, Action::Start);
    let json = r#"{"expected_version":1,"action":"assign","bay_id":4}"#;
    let req: ActionRequest = serde_json::from_str(json)?;
    assert_eq!(
        req.action,
        Action::Assign {
            bay_id: 4,
            position: None
        }
    );
    Ok(())
}

#[test]
fn note_is_trimmed_and_blank_is_none() {
    let cancel = Action::Cancel {
        note: Some("  customer left ".into()),
    };
    assert_eq!(cancel.note(), Some("customer left"));
    assert_eq!(
        Action::Cancel {
            note: Some(" ".into())
        }
        .note(),
        None
    );
    assert_eq!(Action::Start.note(), None);
}

#[test]
fn clean_note_applies_the_text_rule() {
    use crate::domain::text::{TextError, NOTE_MAX};
    let mut pause = Action::Pause {
        reason: PauseReason::Other,
        note: Some(" wait\u{200B}ing ".into()),
    };
    assert_eq!(pause.clean_note(), Ok(()));
    assert_eq!(pause.note(), Some("waiting"));
    let mut long = Action::QcFail {
        note: "x".repeat(NOTE_MAX + 1),
    };
    assert_eq!(long.clean_note(), Err(TextError::TooLong { max: NOTE_MAX }));
    let mut bidi = Action::FinishWork {
        note: Some("ok\u{202E}".into()),
        self_check: true,
    };
    assert_eq!(bidi.clean_note(), Err(TextError::Bidi));
    // Only zero-width: blank, so a QC fail still needs a real note.
    let mut blank = Action::QcFail {
        note: "\u{200B}".into(),
    };
    assert_eq!(blank.clean_note(), Ok(()));
    assert_eq!(blank.note(), None);
    assert_eq!(Action::Start.clean_note(), Ok(()));
}
