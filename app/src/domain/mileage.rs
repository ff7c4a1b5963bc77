//! Odometer readings in whole kilometres: parsing what staff type and sanity checks.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::money::group_thousands;

/// A validated odometer reading, 0 ..= [`Mileage::MAX_KM`] kilometres.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Mileage(u32);

/// Why a mileage was rejected; `Display` is shown to staff and customers as is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MileageError {
    #[error("Please enter the odometer reading in kilometres.")]
    Empty,
    #[error("The odometer reading must be a whole number of kilometres, e.g. 19800.")]
    NotANumber,
    #[error("That odometer reading is too high; the most we accept is 2,000,000 km.")]
    TooLarge,
    #[error(
        "The odometer reading cannot be lower than the last recorded {} km.",
        group_thousands(u64::from(*.last))
    )]
    BelowLast { last: u32 },
}

impl MileageError {
    /// Stable machine-readable code for the API.
    pub fn code(&self) -> &'static str {
        match self {
            MileageError::Empty => "mileage_empty",
            MileageError::NotANumber => "mileage_not_number",
            MileageError::TooLarge => "mileage_too_large",
            MileageError::BelowLast { .. } => "mileage_below_last",
        }
    }
}

impl Mileage {
    /// The highest reading accepted.
    pub const MAX_KM: u32 = 2_000_000;

    pub fn new(km: u32) -> Result<Mileage, MileageError> {
        if km > Self::MAX_KM {
            return Err(MileageError::TooLarge);
        }
        Ok(Mileage(km))
    }

    /// Parses digits with optional `,` / space / `，` grouping: `"19,800"` → 19800 km.
    pub fn parse(input: &str) -> Result<Mileage, MileageError> {
        let digits: String = input
            .chars()
            .filter(|c| !matches!(c, ',' | '，') && !c.is_whitespace())
            .collect();
        if digits.is_empty() {
            return Err(MileageError::Empty);
        }
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MileageError::NotANumber);
        }
        // All digits, so the only parse failure left is overflow.
        let km = digits.parse::<u32>().map_err(|_| MileageError::TooLarge)?;
        Mileage::new(km)
    }

    pub fn km(self) -> u32 {
        self.0
    }

    /// More than [`Mileage::PLAUSIBLE_JUMP_KM`] above the last record: a typo is more
    /// likely than the driving, so the customer is asked to confirm.
    pub fn is_implausible_jump(self, last: Mileage) -> bool {
        self.0.saturating_sub(last.0) > Self::PLAUSIBLE_JUMP_KM
    }

    /// The largest jump since the last record accepted without a confirmation.
    pub const PLAUSIBLE_JUMP_KM: u32 = 30_000;

    /// Refuses a reading lower than the last one recorded for the car.
    pub fn check_not_below(self, last: Mileage) -> Result<(), MileageError> {
        if self < last {
            return Err(MileageError::BelowLast { last: last.0 });
        }
        Ok(())
    }
}

/// `19,800 km`.
impl fmt::Display for Mileage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} km", group_thousands(u64::from(self.0)))
    }
}

impl Serialize for Mileage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.0)
    }
}

impl<'de> Deserialize<'de> for Mileage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Mileage::new(u32::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jump_over_thirty_thousand_km_needs_confirming() {
        let last = Mileage(19_000);
        assert!(!Mileage(49_000).is_implausible_jump(last));
        assert!(Mileage(49_001).is_implausible_jump(last));
        assert!(!Mileage(18_000).is_implausible_jump(last));
    }

    fn km(s: &str) -> Result<u32, MileageError> {
        Mileage::parse(s).map(Mileage::km)
    }

    #[test]
    fn parses_grouped_numbers() {
        assert_eq!(km("19800"), Ok(19_800));
        assert_eq!(km("19,800"), Ok(19_800));
        assert_eq!(km(" 19 800 "), Ok(19_800));
        assert_eq!(km("1，234，567"), Ok(1_234_567));
        assert_eq!(km("0"), Ok(0));
        assert_eq!(km("2,000,000"), Ok(2_000_000));
    }

    #[test]
    fn rejects_bad_input() {
        assert_eq!(km(""), Err(MileageError::Empty));
        assert_eq!(km(" , "), Err(MileageError::Empty));
        assert_eq!(km("19.8"), Err(MileageError::NotANumber));
        assert_eq!(km("-5"), Err(MileageError::NotANumber));
        assert_eq!(km("12km"), Err(MileageError::NotANumber));
        assert_eq!(km("2000001"), Err(MileageError::TooLarge));
        assert_eq!(km("99999999999999999999"), Err(MileageError::TooLarge));
        assert_eq!(Mileage::new(2_000_001), Err(MileageError::TooLarge));
        assert_eq!(MileageError::Empty.code(), "mileage_empty");
        assert_eq!(MileageError::NotANumber.code(), "mileage_not_number");
        assert_eq!(MileageError::TooLarge.code(), "mileage_too_large");
    }

    #[test]
    fn not_below_last() -> Result<(), MileageError> {
        let last = Mileage::new(19_800)?;
        assert_eq!(Mileage::new(19_800)?.check_not_below(last), Ok(()));
        assert_eq!(Mileage::new(20_000)?.check_not_below(last), Ok(()));
        let err = Mileage::new(19_799)?.check_not_below(last);
        assert_eq!(err, Err(MileageError::BelowLast { last: 19_800 }));
        let msg = MileageError::BelowLast { last: 19_800 }.to_string();
        assert_eq!(
            msg,
            "The odometer reading cannot be lower than the last recorded 19,800 km."
        );
        assert_eq!(
            MileageError::BelowLast { last: 1 }.code(),
            "mileage_below_last"
        );
        Ok(())
    }

    #[test]
    fn serde_as_number() -> Result<(), serde_json::Error> {
        let m: Mileage = serde_json::from_str("19800")?;
        assert_eq!(m.km(), 19_800);
        assert_eq!(serde_json::to_string(&m)?, "19800");
        assert_eq!(m.to_string(), "19,800 km");
        assert!(serde_json::from_str::<Mileage>("2000001").is_err());
        assert!(serde_json::from_str::<Mileage>("\"19800\"").is_err());
        Ok(())
    }
}
