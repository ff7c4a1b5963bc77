//! Mainland mobile numbers, plus masking of phones and customer names for shared screens.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A valid mainland mobile number: 11 ASCII digits, `1` then `3`–`9`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Phone(String);

/// Why a typed phone number was rejected; `Display` is shown to customers as is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("Please enter a mobile number, e.g. 138 1234 5678.")]
    Empty,
    #[error("A mobile number may only contain digits, e.g. 138 1234 5678.")]
    NotDigits,
    #[error("A mobile number has 11 digits, e.g. 138 1234 5678.")]
    BadLength,
    #[error(
        "Please enter a mainland mobile number; these start with 13 to 19, e.g. 138 1234 5678."
    )]
    NotMobile,
}

impl PhoneError {
    /// Stable machine-readable code for the API.
    pub fn code(&self) -> &'static str {
        match self {
            PhoneError::Empty => "phone_empty",
            PhoneError::NotDigits => "phone_not_digits",
            PhoneError::BadLength => "phone_length",
            PhoneError::NotMobile => "phone_not_mobile",
        }
    }
}

impl Phone {
    /// Folds full-width digits, strips zero-width characters, spaces, `-`, parentheses
    /// and a `+86`/`86` prefix, then validates.
    pub fn parse(input: &str) -> Result<Phone, PhoneError> {
        let cleaned: String = input
            .chars()
            .filter(|c| !super::text::is_zero_width(*c))
            .map(super::text::fold_width)
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '(' | ')' | '（' | '）'))
            .collect();
        if cleaned.is_empty() {
            return Err(PhoneError::Empty);
        }
        let digits = ["+86", "86"]
            .iter()
            .find_map(|p| cleaned.strip_prefix(p).filter(|rest| rest.len() == 11))
            .unwrap_or(&cleaned);
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PhoneError::NotDigits);
        }
        if digits.len() != 11 {
            return Err(PhoneError::BadLength);
        }
        if !matches!(digits.as_bytes(), [b'1', b'3'..=b'9', ..]) {
            return Err(PhoneError::NotMobile);
        }
        Ok(Phone(digits.to_string()))
    }

    /// The 11 digits, e.g. `13812345678`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The last four digits, e.g. `5678`.
    pub fn last4(&self) -> &str {
        self.0.get(7..).unwrap_or_default()
    }

    /// The number for screens others can see, e.g. `138****5678`.
    pub fn masked(&self) -> String {
        format!(
            "{}****{}",
            self.0.get(..3).unwrap_or_default(),
            self.last4()
        )
    }
}

/// Keeps the first character of a name and stars the rest, keeping spaces:
/// `张三丰` → `张**`, `Li Lei` → `L* ***`, empty → empty.
pub fn mask_name(name: &str) -> String {
    let mut chars = name.trim().chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    std::iter::once(first)
        .chain(chars.map(|c| if c.is_whitespace() { c } else { '*' }))
        .collect()
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Phone {
    type Err = PhoneError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Phone::parse(s)
    }
}

impl Serialize for Phone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Phone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Phone::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        Phone::parse(s).map(|p| p.to_string()).unwrap_or_default()
    }

    #[test]
    fn accepts_and_normalises() {
        assert_eq!(ok("13812345678"), "13812345678");
        assert_eq!(ok(" 138 1234 5678 "), "13812345678");
        assert_eq!(ok("138-1234-5678"), "13812345678");
        assert_eq!(ok("(+86) 138 1234 5678"), "13812345678");
        assert_eq!(ok("+8613812345678"), "13812345678");
        assert_eq!(ok("86 199 0000 1111"), "19900001111");
        assert_eq!(ok("１３８\u{3000}１２３４\u{200B}５６７８"), "13812345678");
        assert_eq!(ok("＋８６\u{FEFF}13812345678"), "13812345678");
        assert_eq!(
            Phone::parse("138\u{202E}12345678").err(),
            Some(PhoneError::NotDigits)
        );
    }

    #[test]
    fn rejects_bad_numbers() {
        let err = |s: &str| Phone::parse(s).err();
        assert_eq!(err(""), Some(PhoneError::Empty));
        assert_eq!(err(" - "), Some(PhoneError::Empty));
        assert_eq!(err("138abc45678"), Some(PhoneError::NotDigits));
        assert_eq!(err("+1 415 555 0100"), Some(PhoneError::NotDigits));
        assert_eq!(err("1381234567"), Some(PhoneError::BadLength));
        assert_eq!(err("861381234567"), Some(PhoneError::BadLength));
        assert_eq!(err("12812345678"), Some(PhoneError::NotMobile));
        assert_eq!(err("02012345678"), Some(PhoneError::NotMobile));
        assert_eq!(PhoneError::Empty.code(), "phone_empty");
        assert_eq!(PhoneError::NotDigits.code(), "phone_not_digits");
        assert_eq!(PhoneError::BadLength.code(), "phone_length");
        assert_eq!(PhoneError::NotMobile.code(), "phone_not_mobile");
    }

    #[test]
    fn masks_and_last4() {
        let p = Phone::parse("138 1234 5678");
        assert_eq!(p.as_ref().map(|p| p.last4()), Ok("5678"));
        assert_eq!(p.map(|p| p.masked()), Ok("138****5678".to_string()));
    }

    #[test]
    fn masks_names() {
        assert_eq!(mask_name("张三丰"), "张**");
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("王"), "王");
        assert_eq!(mask_name("Li Lei"), "L* ***");
        assert_eq!(mask_name("  "), "");
        assert_eq!(mask_name(""), "");
    }

    #[test]
    fn serde_as_string() -> Result<(), serde_json::Error> {
        let p: Phone = serde_json::from_str("\"+86 138-1234-5678\"")?;
        assert_eq!(serde_json::to_string(&p)?, "\"13812345678\"");
        assert!(serde_json::from_str::<Phone>("\"123\"").is_err());
        Ok(())
    }
}
