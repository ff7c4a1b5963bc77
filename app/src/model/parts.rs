//! Parts stock on the wire: a part as the stock page shows it, the `parts` channel's
//! snapshot and its `part` event, the bodies that add, order, receive, issue and wait
//! for parts, and what a job item records of parts issued and awaited.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::ChannelState;

/// A part with its stock: on hand, reserved for jobs, free to promise (`available`, may
/// be negative when more is reserved than on hand), on order and when the next delivery
/// is expected, the reorder point and whether it is low (`available <= reorder_point`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StockPart {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// Unit price in fen.
    pub price_fen: i64,
    pub on_hand: i64,
    pub reserved: i64,
    pub available: i64,
    pub on_order: i64,
    pub expected_on: Option<NaiveDate>,
    pub reorder_point: i64,
    pub low: bool,
}

/// The `parts` channel (staff at the desk: advisors, the foreman, the manager): every
/// part with its stock; each stock change is a `part` event with the part's new state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PartsSnapshot {
    pub parts: Vec<StockPart>,
    pub currency: String,
}

impl ChannelState for PartsSnapshot {
    fn apply(&mut self, event: &str, data: &str) -> Result<(), serde_json::Error> {
        match event {
            "snapshot" => *self = serde_json::from_str(data)?,
            "part" => {
                let part: StockPart = serde_json::from_str(data)?;
                match self.parts.iter_mut().find(|p| p.id == part.id) {
                    Some(slot) => *slot = part,
                    None => self.parts.push(part),
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// `POST /api/v1/parts`: a new part of the catalogue, none on hand yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewPartRequest {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub price_fen: i64,
    pub reorder_point: u32,
}

/// `PATCH /api/v1/parts/{part_id}`: the reorder point, and what is on order with the
/// date it is expected (`on_order: 0` clears the date). Fields left out stay.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PartUpdateRequest {
    #[serde(default)]
    pub reorder_point: Option<u32>,
    #[serde(default)]
    pub on_order: Option<u32>,
    #[serde(default)]
    pub expected_on: Option<NaiveDate>,
}

/// `POST /api/v1/parts/{part_id}/receipts`: a delivery came in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReceiveRequest {
    pub qty: u32,
    /// The delivery's date (store date; not in the future).
    pub received_on: NaiveDate,
}

/// `POST /api/v1/jobs/{job_id}/items/{item_id}/issues`: parts taken from the shelf for an
/// item, by the technician whose PIN this is (one of the bay's team).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IssueRequest {
    pub part_id: i64,
    pub qty: u32,
    pub pin: String,
}

/// `POST /api/v1/jobs/{job_id}/items/{item_id}/waits`: the item waits for a part; the
/// job pauses `awaiting_parts` and its ETA runs from the part's expected delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WaitRequest {
    pub part_id: i64,
    /// When the part is expected; left out: the date its order is expected.
    #[serde(default)]
    pub expected_on: Option<NaiveDate>,
}

/// Parts issued for an item: the invoice's parts lines for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IssuedPart {
    pub part_id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub qty: u32,
    /// Unit price in fen, as agreed for the item.
    pub price_fen: i64,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A part an item is waiting for, and when it is expected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PartWait {
    pub part_id: i64,
    pub expected_on: NaiveDate,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(id: i64, on_hand: i64) -> StockPart {
        StockPart {
            id,
            code: format!("p{id}"),
            name_zh: "件".into(),
            name_en: "part".into(),
            price_fen: 100,
            on_hand,
            reserved: 0,
            available: on_hand,
            on_order: 0,
            expected_on: None,
            reorder_point: 0,
            low: on_hand == 0,
        }
    }

    #[test]
    fn a_part_event_replaces_the_part_or_adds_a_new_one() {
        let mut snap = PartsSnapshot {
            parts: vec![part(1, 5)],
            currency: "CNY".into(),
        };
        let changed = serde_json::to_string(&part(1, 4)).unwrap_or_default();
        let added = serde_json::to_string(&part(2, 0)).unwrap_or_default();
        assert!(snap.apply("part", &changed).is_ok());
        assert!(snap.apply("part", &added).is_ok());
        assert_eq!(snap.parts.len(), 2);
        assert_eq!(snap.parts[0].on_hand, 4);
        assert!(snap.apply("part", "{}").is_err());
    }
}
