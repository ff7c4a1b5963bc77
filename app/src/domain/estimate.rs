//! The estimate of a repair order: labour (rate × standard time) and parts (catalogue
//! price × quantity) per line and in total, with stock and free packages accounted for.

use serde::{Deserialize, Serialize};

use super::Money;

/// One item to price, as the catalogue knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedItem {
    pub labor_minutes: u32,
    /// The part's unit price and how many the item uses (0 when it uses none).
    pub part_price: Money,
    pub part_qty: u32,
    /// Units of the part in stock.
    pub stock: u32,
    /// Part of a package the schedule gives free of charge.
    pub free: bool,
}

/// A priced line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LinePrice {
    pub labor: Money,
    pub parts: Money,
    /// The parts the item needs are in stock (always true when it needs none).
    pub in_stock: bool,
}

/// Labour and parts kept apart, as the seeds require, and their total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Totals {
    pub labor: Money,
    pub parts: Money,
    pub total: Money,
    pub labor_minutes: u32,
}

pub fn price_line(rate_per_hour: Money, item: &PricedItem) -> LinePrice {
    let in_stock = item.stock >= item.part_qty;
    if item.free {
        return LinePrice {
            labor: Money::ZERO,
            parts: Money::ZERO,
            in_stock,
        };
    }
    LinePrice {
        labor: Money::labor(rate_per_hour, item.labor_minutes),
        parts: item.part_price.times(item.part_qty),
        in_stock,
    }
}

/// The totals of priced lines with their standard minutes.
pub fn totals<'a>(lines: impl IntoIterator<Item = (&'a LinePrice, u32)>) -> Totals {
    lines
        .into_iter()
        .fold(Totals::default(), |mut acc, (line, minutes)| {
            acc.labor += line.labor;
            acc.parts += line.parts;
            acc.total += line.labor + line.parts;
            acc.labor_minutes = acc.labor_minutes.saturating_add(minutes);
            acc
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RATE: Money = Money::from_fen(30_000);

    fn item(minutes: u32, price: i64, qty: u32, stock: u32, free: bool) -> PricedItem {
        PricedItem {
            labor_minutes: minutes,
            part_price: Money::from_fen(price),
            part_qty: qty,
            stock,
            free,
        }
    }

    #[test]
    fn labour_is_rate_times_standard_time_and_parts_price_times_quantity() {
        let line = price_line(RATE, &item(40, 9_800, 4, 32, false));
        assert_eq!(line.labor, Money::from_fen(20_000));
        assert_eq!(line.parts, Money::from_fen(39_200));
        assert!(line.in_stock);
    }

    #[test]
    fn a_free_package_item_costs_nothing_but_still_needs_stock() {
        let line = price_line(RATE, &item(20, 39_800, 1, 0, true));
        assert_eq!((line.labor, line.parts), (Money::ZERO, Money::ZERO));
        assert!(!line.in_stock);
    }

    #[test]
    fn short_stock_is_flagged() {
        assert!(!price_line(RATE, &item(60, 58_000, 1, 0, false)).in_stock);
        assert!(price_line(RATE, &item(30, 0, 0, 0, false)).in_stock);
    }

    #[test]
    fn totals_keep_labour_and_parts_apart() {
        let a = price_line(RATE, &item(20, 39_800, 1, 5, false));
        let b = price_line(RATE, &item(10, 6_800, 1, 5, false));
        let t = totals([(&a, 20), (&b, 10)]);
        assert_eq!(t.labor, Money::from_fen(15_000));
        assert_eq!(t.parts, Money::from_fen(46_600));
        assert_eq!(t.total, Money::from_fen(61_600));
        assert_eq!(t.labor_minutes, 30);
    }
}
