//! The rules for staff accounts: usernames, password strength and PINs. The setup
//! screen, the admin screen and the server apply the same rules.

use std::fmt;

/// A username: 3 to 32 of `a-z`, `0-9`, `.`, `_`, `-` (folded to lower case).
pub const USERNAME_MIN: usize = 3;
pub const USERNAME_MAX: usize = 32;
/// Passwords: at least this long, and at most this long (Argon2 takes any length, but
/// nobody types more, and a bound keeps a client from sending megabytes to hash).
pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 128;
/// A PIN at a bay screen: 4 to 6 digits.
pub const PIN_MIN: usize = 4;
pub const PIN_MAX: usize = 6;

/// Passwords people pick first; refused whatever their length.
const COMMON_PASSWORDS: [&str; 12] = [
    "pitwall",
    "password",
    "12345678",
    "123456789",
    "1234567890",
    "qwertyuiop",
    "11111111",
    "00000000",
    "88888888",
    "66666666",
    "abc123456",
    "password1",
];

/// Why a username, password or PIN was refused; `Display` is shown next to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountError {
    UsernameLength,
    UsernameCharacters,
    PasswordTooShort,
    PasswordTooLong,
    /// Letters only or digits only, under 16 characters.
    PasswordOneKind,
    PasswordCommon,
    PasswordHasUsername,
    PinFormat,
    /// All one digit, or a straight run (1234, 9876).
    PinGuessable,
}

impl fmt::Display for AccountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            AccountError::UsernameLength => "A username is 3 to 32 characters.",
            AccountError::UsernameCharacters => {
                "A username uses only letters a-z, digits, '.', '_' and '-'."
            }
            AccountError::PasswordTooShort => "A password is at least 10 characters.",
            AccountError::PasswordTooLong => "A password is at most 128 characters.",
            AccountError::PasswordOneKind => {
                "Mix letters and digits (or use 16 characters or more)."
            }
            AccountError::PasswordCommon => "This password is too common; pick another.",
            AccountError::PasswordHasUsername => "A password must not contain the username.",
            AccountError::PinFormat => "A PIN is 4 to 6 digits.",
            AccountError::PinGuessable => {
                "This PIN is too easy to guess (one digit repeated or a run)."
            }
        };
        f.write_str(text)
    }
}

/// The username as stored (trimmed, lower case), or why it cannot be one.
pub fn normalise_username(raw: &str) -> Result<String, AccountError> {
    let name = raw.trim().to_lowercase();
    let length = name.chars().count();
    if !(USERNAME_MIN..=USERNAME_MAX).contains(&length) {
        return Err(AccountError::UsernameLength);
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c);
    if !name.chars().all(allowed) {
        return Err(AccountError::UsernameCharacters);
    }
    Ok(name)
}

/// Whether `password` is strong enough for the account `username`.
pub fn check_password(password: &str, username: &str) -> Result<(), AccountError> {
    let length = password.chars().count();
    if length < PASSWORD_MIN {
        return Err(AccountError::PasswordTooShort);
    }
    if length > PASSWORD_MAX {
        return Err(AccountError::PasswordTooLong);
    }
    let lower = password.to_lowercase();
    if COMMON_PASSWORDS.iter().any(|c| lower == *c) {
        return Err(AccountError::PasswordCommon);
    }
    let username = username.trim().to_lowercase();
    if username.chars().count() >= USERNAME_MIN && lower.contains(&username) {
        return Err(AccountError::PasswordHasUsername);
    }
    let has_letter = password.chars().any(char::is_alphabetic);
    let has_other = password.chars().any(|c| !c.is_alphabetic());
    if length < 16 && !(has_letter && has_other) {
        return Err(AccountError::PasswordOneKind);
    }
    Ok(())
}

/// Whether `pin` is a PIN a bay may use: 4 to 6 digits, not one digit repeated, not a run.
pub fn check_pin(pin: &str) -> Result<(), AccountError> {
    if !(PIN_MIN..=PIN_MAX).contains(&pin.len()) || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AccountError::PinFormat);
    }
    let digits: Vec<i16> = pin.bytes().map(|b| i16::from(b - b'0')).collect();
    let steps: Vec<i16> = digits.windows(2).map(|w| w[1] - w[0]).collect();
    if steps.iter().all(|s| *s == 0)
        || steps.iter().all(|s| *s == 1)
        || steps.iter().all(|s| *s == -1)
    {
        return Err(AccountError::PinGuessable);
    }
    Ok(())
}

/// Whether `pin` has the shape of a PIN at all (what sign-in accepts; the demo store's
/// PINs such as 1111 predate [`check_pin`] and still sign in).
pub fn is_pin_shaped(pin: &str) -> bool {
    (PIN_MIN..=PIN_MAX).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_folded_and_limited() {
        assert_eq!(normalise_username("  Li.Na "), Ok("li.na".into()));
        assert_eq!(normalise_username("ab"), Err(AccountError::UsernameLength));
        assert_eq!(
            normalise_username("li na"),
            Err(AccountError::UsernameCharacters)
        );
        assert_eq!(
            normalise_username("李小娜"),
            Err(AccountError::UsernameCharacters)
        );
    }

    #[test]
    fn weak_passwords_are_refused_with_the_reason() {
        assert_eq!(
            check_password("short1", "lina"),
            Err(AccountError::PasswordTooShort)
        );
        assert_eq!(
            check_password("Password1", "lina"),
            Err(AccountError::PasswordTooShort)
        );
        assert_eq!(
            check_password("abcdefghijk", "lina"),
            Err(AccountError::PasswordOneKind)
        );
        assert_eq!(
            check_password("12345678901", "lina"),
            Err(AccountError::PasswordOneKind)
        );
        assert_eq!(
            check_password("1234567890", "lina"),
            Err(AccountError::PasswordCommon)
        );
        assert_eq!(
            check_password("lina2026spring", "LiNa"),
            Err(AccountError::PasswordHasUsername)
        );
        assert_eq!(
            check_password(&"a1".repeat(65), "lina"),
            Err(AccountError::PasswordTooLong)
        );
    }

    #[test]
    fn mixed_or_long_passwords_pass() {
        assert_eq!(check_password("workshop2026", "lina"), Ok(()));
        assert_eq!(check_password("correct horse battery", "lina"), Ok(()));
        assert_eq!(check_password("维修车间早上好2026", "lina"), Ok(()));
    }

    #[test]
    fn pins_are_digits_and_not_guessable() {
        assert_eq!(check_pin("2580"), Ok(()));
        assert_eq!(check_pin("314159"), Ok(()));
        assert_eq!(check_pin("123"), Err(AccountError::PinFormat));
        assert_eq!(check_pin("12a4"), Err(AccountError::PinFormat));
        assert_eq!(check_pin("1234567"), Err(AccountError::PinFormat));
        assert_eq!(check_pin("7777"), Err(AccountError::PinGuessable));
        assert_eq!(check_pin("1234"), Err(AccountError::PinGuessable));
        assert_eq!(check_pin("654321"), Err(AccountError::PinGuessable));
        assert!(is_pin_shaped("1111"));
        assert!(!is_pin_shaped("11111111"));
    }
}
