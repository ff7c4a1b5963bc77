//! Parts stock (配件库存): what is free to promise, when a part is low, and the limits
//! a new part, a delivery and an issue must keep. Pure; the counts live in the store.

/// Units on the shelf not set aside for a job. Negative when more is reserved than is
/// on hand (the shortfall waits for the next delivery).
pub fn available(on_hand: i64, reserved: i64) -> i64 {
    on_hand - reserved
}

/// A part is low when what is free to promise is at or below its reorder point.
pub fn is_low(on_hand: i64, reserved: i64, reorder_point: i64) -> bool {
    available(on_hand, reserved) <= reorder_point
}

/// At most this many units in one delivery, issue or order.
pub const QTY_MAX: u32 = 9_999;
/// The reorder point's ceiling.
pub const REORDER_MAX: u32 = 9_999;
/// A part code: 1 to this many characters of `a-z`, `0-9`, `_`, `-`.
pub const PART_CODE_MAX: usize = 40;
/// A part's name in either language: 1 to this many characters.
pub const PART_NAME_MAX: usize = 80;
/// A unit price's ceiling in fen (¥1,000,000).
pub const PRICE_MAX_FEN: i64 = 100_000_000;

/// Why a part code is refused, or `None` when it is one.
pub fn part_code_error(code: &str) -> Option<String> {
    let ok = !code.is_empty()
        && code.chars().count() <= PART_CODE_MAX
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    (!ok).then(|| format!("a part code is 1 to {PART_CODE_MAX} of a-z, 0-9, _ and -"))
}

/// A price typed in yuan (`98`, `98.5`, `98.50`) in fen; `None` for anything else.
pub fn parse_yuan(text: &str) -> Option<i64> {
    let text = text.trim();
    let (whole, cents) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || cents.len() > 2 || !(cents.is_empty() || digits(cents)) || whole.len() > 9
    {
        return None;
    }
    let yuan: i64 = whole.parse().ok()?;
    let fen: i64 = format!("{cents:0<2}").parse().ok()?;
    Some(yuan * 100 + fen)
}

/// Whether a part matches what was typed in the stock page's search: its code or either
/// name contains it, ignoring case.
pub fn matches_search(query: &str, code: &str, name_zh: &str, name_en: &str) -> bool {
    let query = query.trim().to_lowercase();
    query.is_empty()
        || [code, name_zh, name_en]
            .iter()
            .any(|field| field.to_lowercase().contains(&query))
}

#[cfg(test)]
mod tests {
    #[test]
    fn prices_are_typed_in_yuan() {
        assert_eq!(parse_yuan("98"), Some(9_800));
        assert_eq!(parse_yuan(" 98.5 "), Some(9_850));
        assert_eq!(parse_yuan("0.05"), Some(5));
        for bad in ["", "-1", "1.234", "abc", ".5"] {
            assert_eq!(parse_yuan(bad), None, "{bad}");
        }
    }

    #[test]
    fn search_finds_code_or_either_name() {
        assert!(matches_search(
            "brake",
            "front_brake_pad_set",
            "前刹车片（套）",
            "Front brake pads"
        ));
        assert!(matches_search("刹车", "x", "前刹车片（套）", "y"));
        assert!(matches_search("  ", "x", "y", "z"));
        assert!(!matches_search(
            "oil",
            "air_filter",
            "空气滤清器",
            "Air filter"
        ));
    }

    use super::*;

    #[test]
    fn low_is_what_is_free_to_promise_at_or_below_the_reorder_point() {
        assert!(!is_low(10, 2, 5));
        assert!(is_low(10, 5, 5));
        assert!(is_low(0, 1, 0));
        assert_eq!(available(0, 1), -1);
    }

    #[test]
    fn part_codes_are_plain_words() {
        assert_eq!(part_code_error("front_brake_pad_set"), None);
        assert!(part_code_error("").is_some());
        assert!(part_code_error("Brake Pads").is_some());
        assert!(part_code_error(&"a".repeat(PART_CODE_MAX + 1)).is_some());
    }
}
