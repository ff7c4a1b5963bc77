//! Free text the server accepts: one set of length limits (the screens use the same
//! constants for `maxlength`) and one rule for odd Unicode, applied to every field.
//!
//! The rule: zero-width characters (U+200B–U+200D, U+2060, U+FEFF) are removed, since
//! they are invisible paste artefacts that only make equal texts differ; bidi controls
//! (U+202A–U+202E, U+2066–U+2069, and the marks U+200E, U+200F, U+061C) and other
//! control characters are refused, since they can make a note on the desk display
//! something other than what it says. Identifiers (plates, phones, VINs, codes) also
//! fold full-width letters and digits to ASCII (`fold_width`); free text (names, notes)
//! keeps them, as a Chinese keyboard types them (e.g. `，`). Lengths count characters
//! after cleaning.

use std::fmt;

/// A customer's name (walk-in check-in).
pub const NAME_MAX: usize = 40;
/// A car's make and model as typed at the kiosk.
pub const MODEL_MAX: usize = 60;
/// The customer's own words at check-in.
pub const CONCERNS_MAX: usize = 1000;
/// Any staff note: action notes, desk notes, checklist notes, "customer told".
pub const NOTE_MAX: usize = 500;
/// An additional-work item's description.
pub const DESCRIPTION_MAX: usize = 200;
/// Where a "call an advisor" request comes from, e.g. `kiosk`.
pub const SOURCE_MAX: usize = 40;
/// Appointment codes and lookup references (both far shorter in practice).
pub const CODE_MAX: usize = 64;
/// Phones as typed, with spaces and a `+86` prefix: generous, then `Phone::parse` decides.
pub const PHONE_INPUT_MAX: usize = 32;

/// Why a text was refused; `Display` is shown next to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    TooLong {
        max: usize,
    },
    /// Bidi controls: they can reorder what a reader sees.
    Bidi,
    /// Other control characters (NUL, escape, ...).
    Control,
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::TooLong { max } => write!(f, "This is too long (at most {max} characters)."),
            TextError::Bidi => f.write_str(
                "This contains invisible text-direction characters; please type it again.",
            ),
            TextError::Control => {
                f.write_str("This contains control characters; please type it again.")
            }
        }
    }
}

impl std::error::Error for TextError {}

/// Invisible characters that are removed wherever they appear.
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Characters that change the display order of the text around them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Full-width ASCII forms (U+FF01–U+FF5E) to ASCII and the ideographic space to a space;
/// anything else unchanged.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// An identifier as typed: zero-width removed, full-width folded, trimmed. Bidi and
/// control characters are kept, so the identifier's own rule refuses them.
pub fn fold_identifier(input: &str) -> String {
    input
        .chars()
        .filter(|c| !is_zero_width(*c))
        .map(fold_width)
        .collect::<String>()
        .trim()
        .to_string()
}

/// What the VIN rule says when a VIN breaks it.
pub const VIN_RULE: &str = "A VIN has 17 letters and digits.";

/// A VIN as stored: folded like every identifier, upper case; `None` when blank (no VIN
/// given, or one to remove); refused unless 17 ASCII letters and digits.
pub fn vin(input: &str) -> Result<Option<String>, &'static str> {
    let vin = fold_identifier(input).to_ascii_uppercase();
    if vin.is_empty() {
        Ok(None)
    } else if vin.len() == 17 && vin.chars().all(|c| c.is_ascii_alphanumeric()) {
        Ok(Some(vin))
    } else {
        Err(VIN_RULE)
    }
}

fn clean(input: &str, multiline: bool) -> Result<String, TextError> {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            c if is_zero_width(c) => {}
            c if is_bidi_control(c) => return Err(TextError::Bidi),
            '\r' | '\n' | '\t' if multiline => out.push(c),
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => return Err(TextError::Control),
            c => out.push(c),
        }
    }
    Ok(out)
}

fn at_most(text: String, max: usize) -> Result<String, TextError> {
    if text.chars().count() > max {
        return Err(TextError::TooLong { max });
    }
    Ok(text)
}

/// One line of free text (a name, a model), trimmed: line breaks and tabs become spaces.
pub fn clean_line(input: &str, max: usize) -> Result<String, TextError> {
    at_most(clean(input, false)?.trim().to_string(), max)
}

/// A block of free text (a note, the customer's own words): otherwise exactly as typed,
/// line breaks and surrounding spaces included (callers trim notes).
pub fn clean_block(input: &str, max: usize) -> Result<String, TextError> {
    at_most(clean(input, true)?, max)
}

/// The spelling of `typed` among `known` models, compared ignoring case, width and
/// spacing; `None` when it is not one of them.
pub fn known_model<'a>(typed: &str, known: &'a [String]) -> Option<&'a str> {
    let key = |s: &str| -> String {
        fold_identifier(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let typed = key(typed);
    if typed.is_empty() {
        return None;
    }
    known.iter().find(|k| key(k) == typed).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vin_is_seventeen_letters_and_digits_or_none() {
        assert_eq!(
            vin(" lfma2are9s0034571 "),
            Ok(Some("LFMA2ARE9S0034571".into()))
        );
        assert_eq!(
            vin("ＬＦＭＡ２ＡＲＥ９Ｓ００３４５７１").map(|v| v.map(|v| v.len())),
            Ok(Some(17))
        );
        assert_eq!(vin("  "), Ok(None));
        assert_eq!(vin("LFM-123"), Err(VIN_RULE));
        assert_eq!(vin("LFMA2ARE9S00345712"), Err(VIN_RULE));
        assert_eq!(vin("LFMA2ARE9S003457-"), Err(VIN_RULE));
    }

    #[test]
    fn removes_zero_width_everywhere() {
        assert_eq!(
            clean_line("张\u{200B}三\u{FEFF}", NAME_MAX),
            Ok("张三".into())
        );
        assert_eq!(
            clean_block("a\u{200C}b\u{200D}c\u{2060}", NOTE_MAX),
            Ok("abc".into())
        );
        assert_eq!(clean_line("\u{200B}\u{200B}", NAME_MAX), Ok(String::new()));
        assert_eq!(fold_identifier("\u{FEFF}粤B\u{200B}12345"), "粤B12345");
    }

    #[test]
    fn refuses_bidi_and_control_characters() {
        for c in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200F}', '\u{061C}',
        ] {
            assert_eq!(
                clean_block(&format!("ok {c}evil"), NOTE_MAX),
                Err(TextError::Bidi)
            );
            assert_eq!(clean_line(&format!("{c}x"), NAME_MAX), Err(TextError::Bidi));
        }
        assert_eq!(clean_block("a\u{0}b", NOTE_MAX), Err(TextError::Control));
        assert_eq!(
            clean_line("a\u{1B}[31mb", NAME_MAX),
            Err(TextError::Control)
        );
        assert_eq!(clean_block("a\u{85}b", NOTE_MAX), Err(TextError::Control));
    }

    #[test]
    fn line_breaks_per_kind() {
        assert_eq!(
            clean_block(" a\r\nb\t\n ", NOTE_MAX),
            Ok(" a\r\nb\t\n ".into())
        );
        assert_eq!(clean_line("Li\nLei\tX", NAME_MAX), Ok("Li Lei X".into()));
    }

    #[test]
    fn keeps_full_width_in_free_text_and_folds_identifiers() {
        assert_eq!(
            clean_block("刹车异响，很急！", NOTE_MAX),
            Ok("刹车异响，很急！".into())
        );
        assert_eq!(fold_identifier("　ＬＶＧＢ１２３　"), "LVGB123");
        assert_eq!(fold_width('＋'), '+');
        assert_eq!(fold_width('中'), '中');
    }

    #[test]
    fn counts_characters_after_cleaning() {
        let at_limit = "好".repeat(NOTE_MAX);
        assert_eq!(clean_block(&at_limit, NOTE_MAX), Ok(at_limit.clone()));
        let over = format!("{at_limit}好");
        assert_eq!(
            clean_block(&over, NOTE_MAX),
            Err(TextError::TooLong { max: NOTE_MAX })
        );
        // Invisible padding does not count, a line's surrounding spaces neither.
        let padded = format!("\u{200B}{at_limit}\u{200B}\u{200B}");
        assert_eq!(clean_block(&padded, NOTE_MAX), Ok(at_limit.clone()));
        let name = format!("  {}\u{FEFF} ", &at_limit[..NAME_MAX * 3]);
        assert_eq!(
            clean_line(&name, NAME_MAX).map(|n| n.chars().count()),
            Ok(NAME_MAX)
        );
        assert!(TextError::TooLong { max: 5 }
            .to_string()
            .contains("at most 5"));
    }

    #[test]
    fn matches_known_models_loosely() {
        let known = vec!["丰田 卡罗拉".to_string(), "Honda Accord".to_string()];
        assert_eq!(known_model("丰田卡罗拉", &known), Some("丰田 卡罗拉"));
        assert_eq!(known_model(" honda  ACCORD ", &known), Some("Honda Accord"));
        assert_eq!(
            known_model("ＨＯＮＤＡ ａｃｃｏｒｄ", &known),
            Some("Honda Accord")
        );
        assert_eq!(known_model("Buy crypto now", &known), None);
        assert_eq!(known_model("  ", &known), None);
    }
}
