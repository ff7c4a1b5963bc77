//! Money in fen (1/100 yuan): labour pricing, arithmetic and `¥1,234.50` display.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub, SubAssign};

use serde::{Deserialize, Serialize};

/// An amount in fen. Arithmetic saturates instead of overflowing.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    /// Labour for `minutes` at `rate_per_hour`, rounded half up to the fen.
    pub fn labor(rate_per_hour: Money, minutes: u32) -> Money {
        let twice = i128::from(rate_per_hour.0) * i128::from(minutes) * 2;
        // floor(x / 60 + 1/2) == floor((2x + 60) / 120)
        let fen = (twice + 60).div_euclid(120);
        Money(i64::try_from(fen).unwrap_or(if fen < 0 { i64::MIN } else { i64::MAX }))
    }

    /// This amount `qty` times, e.g. a part price times the quantity.
    pub fn times(self, qty: u32) -> Money {
        Money(self.0.saturating_mul(i64::from(qty)))
    }
}

/// Formats `n` with `,` every three digits: `1234567` → `1,234,567`.
pub(crate) fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let yuan = group_thousands(abs / 100);
        write!(f, "{sign}¥{yuan}.{:02}", abs % 100)
    }
}

impl Add for Money {
    type Output = Money;

    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl Sub for Money {
    type Output = Money;

    fn sub(self, rhs: Money) -> Money {
        Money(self.0.saturating_sub(rhs.0))
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        *self = *self - rhs;
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fen(n: i64) -> Money {
        Money::from_fen(n)
    }

    #[test]
    fn labor_rounds_half_up() {
        assert_eq!(Money::labor(fen(12_000), 60), fen(12_000));
        assert_eq!(Money::labor(fen(12_000), 90), fen(18_000));
        assert_eq!(Money::labor(fen(100), 1), fen(2)); // 1.666… → 2
        assert_eq!(Money::labor(fen(90), 1), fen(2)); // 1.5 → 2
        assert_eq!(Money::labor(fen(89), 1), fen(1)); // 1.483… → 1
        assert_eq!(Money::labor(fen(30), 1), fen(1)); // 0.5 → 1
        assert_eq!(Money::labor(fen(29), 1), fen(0));
        assert_eq!(Money::labor(fen(-90), 1), fen(-1)); // -1.5 → -1
        assert_eq!(Money::labor(fen(12_000), 0), Money::ZERO);
        assert_eq!(Money::labor(fen(i64::MAX), u32::MAX), fen(i64::MAX));
    }

    #[test]
    fn arithmetic() {
        assert_eq!(fen(150) + fen(250), fen(400));
        assert_eq!(fen(150) - fen(250), fen(-100));
        assert_eq!(fen(1_999).times(3), fen(5_997));
        assert_eq!(fen(i64::MAX) + fen(1), fen(i64::MAX));
        let items = [fen(100), fen(250), fen(-50)];
        assert_eq!(items.iter().sum::<Money>(), fen(300));
        assert_eq!(items.into_iter().sum::<Money>(), fen(300));
        let mut m = fen(10);
        m += fen(5);
        m -= fen(1);
        assert_eq!(m.fen(), 14);
    }

    #[test]
    fn displays_as_yuan() {
        assert_eq!(fen(123_450).to_string(), "¥1,234.50");
        assert_eq!(fen(-123_450).to_string(), "-¥1,234.50");
        assert_eq!(fen(0).to_string(), "¥0.00");
        assert_eq!(fen(5).to_string(), "¥0.05");
        assert_eq!(fen(-5).to_string(), "-¥0.05");
        assert_eq!(fen(100_000_000).to_string(), "¥1,000,000.00");
        assert_eq!(fen(99_999).to_string(), "¥999.99");
        assert_eq!(fen(i64::MIN).to_string(), "-¥92,233,720,368,547,758.08");
    }

    #[test]
    fn serde_is_transparent() -> Result<(), serde_json::Error> {
        assert_eq!(serde_json::to_string(&fen(1234))?, "1234");
        assert_eq!(serde_json::from_str::<Money>("-5")?, fen(-5));
        Ok(())
    }
}
