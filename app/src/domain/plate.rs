//! Mainland Chinese licence plates: normalising, validating and masking them.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The 31 province abbreviations that open a plate.
const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

/// Separators people type between plate characters; they are dropped.
const SEPARATORS: &[char] = &[' ', '·', '•', '-', '.', '\u{3000}', '・', '－', '．', '\t'];

/// A valid, normalised plate such as `粤B12345` (regular) or `粤BD12345` (new energy).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Plate(String);

/// Why a typed plate was rejected; `Display` is shown to customers as is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PlateError {
    #[error("Please enter the licence plate, e.g. 粤B12345.")]
    Empty,
    #[error("A plate starts with a province character such as 粤, then a letter, e.g. 粤B12345.")]
    UnknownProvince,
    #[error("After the province character comes a letter A–Z, e.g. the B in 粤B12345.")]
    BadAuthority,
    #[error("A plate has 7 characters, e.g. 粤B12345, or 8 for new-energy cars, e.g. 粤BD12345.")]
    BadLength,
    #[error(
        "This plate has characters that plates do not use. Plates use digits and letters \
         except I and O, e.g. 粤B12345; new-energy plates look like 粤BD12345 or 粤B12345D."
    )]
    BadCharacters,
}

impl PlateError {
    /// Stable machine-readable code for the API.
    pub fn code(&self) -> &'static str {
        match self {
            PlateError::Empty => "plate_empty",
            PlateError::UnknownProvince => "plate_province",
            PlateError::BadAuthority => "plate_authority",
            PlateError::BadLength => "plate_length",
            PlateError::BadCharacters => "plate_characters",
        }
    }
}

/// Full-width ASCII letters/digits to ASCII, then upper case.
fn normalise_char(c: char) -> char {
    let c = match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    };
    c.to_ascii_uppercase()
}

/// Digits and capital letters except I and O.
fn is_serial(c: char) -> bool {
    c.is_ascii_digit() || (c.is_ascii_uppercase() && c != 'I' && c != 'O')
}

/// The six characters after province and authority on a new-energy plate.
fn is_new_energy(rest: &[char]) -> bool {
    match rest {
        ['D' | 'F', second, digits @ ..] => {
            is_serial(*second) && digits.iter().all(char::is_ascii_digit)
        }
        [digits @ .., 'D' | 'F'] => digits.iter().all(char::is_ascii_digit),
        _ => false,
    }
}

impl Plate {
    /// Normalises what a person typed and validates it as a plate.
    pub fn parse(input: &str) -> Result<Plate, PlateError> {
        let chars: Vec<char> = input
            .trim()
            .chars()
            .filter(|c| !SEPARATORS.contains(c) && !super::text::is_zero_width(*c))
            .map(normalise_char)
            .collect();
        let (province, authority, rest) = match chars.as_slice() {
            [] => return Err(PlateError::Empty),
            [p, a, rest @ ..] => (*p, Some(*a), rest),
            [p] => (*p, None, &[][..]),
        };
        if !PROVINCES.contains(province) {
            return Err(PlateError::UnknownProvince);
        }
        if !authority.is_some_and(|a| a.is_ascii_uppercase()) {
            return Err(PlateError::BadAuthority);
        }
        let valid = match rest.len() {
            5 => rest.iter().all(|c| is_serial(*c)),
            6 => is_new_energy(rest),
            _ => return Err(PlateError::BadLength),
        };
        if !valid {
            return Err(PlateError::BadCharacters);
        }
        Ok(Plate(chars.into_iter().collect()))
    }

    /// The normalised plate, e.g. `粤B12345`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The plate for screens others can see, e.g. `粤B·***45`.
    pub fn masked(&self) -> String {
        mask_plate(&self.0)
    }
}

/// Masks a stored normalised plate: `粤B12345` → `粤B·***45`; shorter than 5 characters → `***`.
pub fn mask_plate(plate: &str) -> String {
    let chars: Vec<char> = plate.chars().collect();
    let n = chars.len();
    if n < 5 {
        return "***".to_string();
    }
    let mut out: String = chars[..2].iter().collect();
    out.push('·');
    out.extend(std::iter::repeat_n('*', n - 4));
    out.extend(&chars[n - 2..]);
    out
}

impl fmt::Display for Plate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Plate {
    type Err = PlateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Plate::parse(s)
    }
}

impl Serialize for Plate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Plate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Plate::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        Plate::parse(s).map(|p| p.to_string()).unwrap_or_default()
    }

    #[test]
    fn accepts_regular_plates() {
        assert_eq!(ok("粤B12345"), "粤B12345");
        assert_eq!(ok("京A8K2Z9"), "京A8K2Z9");
        assert_eq!(ok("琼ZABCDE"), "琼ZABCDE");
        for p in PROVINCES.chars() {
            assert!(Plate::parse(&format!("{p}B12345")).is_ok(), "{p}");
        }
        assert_eq!(PROVINCES.chars().count(), 31);
    }

    #[test]
    fn normalises_separators_case_and_full_width() {
        assert_eq!(ok(" 粤b·12345 "), "粤B12345");
        assert_eq!(ok("粤 B-123.45"), "粤B12345");
        assert_eq!(ok("粤Ｂ１２３４５"), "粤B12345");
        assert_eq!(ok("粤ｂ　ｄ１２３４５"), "粤BD12345");
        assert_eq!(ok("沪a•c1234"), "沪AC1234");
        assert_eq!(ok("\u{FEFF}粤B\u{200B}123\u{2060}45"), "粤B12345");
        assert_eq!(
            Plate::parse("粤B\u{202E}12345").err(),
            Some(PlateError::BadCharacters)
        );
    }

    #[test]
    fn accepts_new_energy_plates() {
        assert_eq!(ok("粤BD12345"), "粤BD12345");
        assert_eq!(ok("粤BFA1234"), "粤BFA1234");
        assert_eq!(ok("粤BD01234"), "粤BD01234");
        assert_eq!(ok("粤B12345D"), "粤B12345D");
        assert_eq!(ok("苏E54321F"), "苏E54321F");
    }

    #[test]
    fn rejects_bad_plates() {
        let err = |s: &str| Plate::parse(s).err();
        assert_eq!(err(""), Some(PlateError::Empty));
        assert_eq!(err(" · "), Some(PlateError::Empty));
        assert_eq!(err("粤B1234I"), Some(PlateError::BadCharacters));
        assert_eq!(err("粤BO2345"), Some(PlateError::BadCharacters));
        assert_eq!(err("粤B12$45"), Some(PlateError::BadCharacters));
        assert_eq!(err("港B12345"), Some(PlateError::UnknownProvince));
        assert_eq!(err("hello world"), Some(PlateError::UnknownProvince));
        assert_eq!(err("粤"), Some(PlateError::BadAuthority));
        assert_eq!(err("粤112345"), Some(PlateError::BadAuthority));
        assert_eq!(err("粤B1234"), Some(PlateError::BadLength));
        assert_eq!(err("粤B1234567"), Some(PlateError::BadLength));
        assert_eq!(err("粤BA12345"), Some(PlateError::BadCharacters));
        assert_eq!(err("粤BD1234A"), Some(PlateError::BadCharacters));
        assert_eq!(err("粤BDI2345"), Some(PlateError::BadCharacters));
        assert_eq!(err("粤BF1A234"), Some(PlateError::BadCharacters));
        assert_eq!(err("粤B1234AD"), Some(PlateError::BadCharacters));
    }

    #[test]
    fn error_codes_and_messages() {
        assert_eq!(PlateError::Empty.code(), "plate_empty");
        assert_eq!(PlateError::UnknownProvince.code(), "plate_province");
        assert_eq!(PlateError::BadAuthority.code(), "plate_authority");
        assert_eq!(PlateError::BadLength.code(), "plate_length");
        assert_eq!(PlateError::BadCharacters.code(), "plate_characters");
        assert!(PlateError::UnknownProvince.to_string().contains("粤B12345"));
    }

    #[test]
    fn masks_by_characters() {
        assert_eq!(mask_plate("粤B12345"), "粤B·***45");
        assert_eq!(mask_plate("粤BD12345"), "粤B·****45");
        assert_eq!(mask_plate("粤B1"), "***");
        assert_eq!(mask_plate(""), "***");
        assert_eq!(mask_plate("ABCDE"), "AB·*DE");
        let masked = Plate::parse("粤BD12345").map(|p| p.masked());
        assert_eq!(masked, Ok("粤B·****45".to_string()));
    }

    #[test]
    fn serde_uses_the_normalised_string() -> Result<(), serde_json::Error> {
        let p: Plate = serde_json::from_str("\" 粤b·12345 \"")?;
        assert_eq!(p.as_str(), "粤B12345");
        assert_eq!(serde_json::to_string(&p)?, "\"粤B12345\"");
        assert!(serde_json::from_str::<Plate>("\"ABC\"").is_err());
        Ok(())
    }
}
