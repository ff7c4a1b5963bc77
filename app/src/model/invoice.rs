//! The invoice (结算单) issued at delivery: labour and parts per line, approved extra
//! work, declined recommendations listed at no charge, the free first service, payment
//! and the next service. Built purely from the staff view; the server stores it as issued.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{ItemKind, ItemStatus, JobItemView, JobView, PartLine};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InvoiceLine {
    pub name_zh: String,
    pub name_en: String,
    /// `order` (agreed at check-in) or `additional` (approved during repair).
    pub kind: ItemKind,
    pub labor_minutes: u32,
    pub labor_fen: i64,
    pub parts_fen: i64,
    pub parts: Vec<PartLine>,
    /// Part of the free first service: charged at zero.
    pub free: bool,
}

/// Work not charged: declined recommendations and items not done (with the reason).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UnchargedLine {
    pub name_zh: String,
    pub name_en: String,
    /// What it would have cost.
    pub price_fen: i64,
    pub safety_critical: bool,
    pub reason: UnchargedReason,
    #[serde(default)]
    pub note: Option<String>,
    /// A declined safety-critical item carries the customer's signature.
    #[serde(default)]
    pub signed: bool,
}

/// Why a line is not charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnchargedReason {
    /// A recommendation the customer declined.
    Declined,
    /// Work not done (the technician said why).
    NotDone,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Invoice {
    pub number: String,
    pub job_id: i64,
    pub ticket: String,
    pub issued_at: DateTime<Utc>,
    /// Not issued yet: a preview before delivery.
    pub draft: bool,
    pub customer_name: String,
    pub plate: String,
    pub model: String,
    pub vin: Option<String>,
    pub mileage_km: u32,
    pub lines: Vec<InvoiceLine>,
    pub uncharged: Vec<UnchargedLine>,
    pub labor_fen: i64,
    pub parts_fen: i64,
    pub total_fen: i64,
    pub free_first_service: bool,
    pub currency: String,
    pub payment_method: String,
    pub next_service_km: Option<u32>,
    pub next_service_date: Option<NaiveDate>,
    /// Who handed the car back.
    pub advisor: String,
}

/// What the invoice needs beyond the job itself.
#[derive(Debug, Clone, PartialEq)]
pub struct InvoiceMeta {
    pub number: String,
    pub issued_at: DateTime<Utc>,
    pub draft: bool,
    pub payment_method: String,
    pub next_service_km: Option<u32>,
    pub next_service_date: Option<NaiveDate>,
    pub advisor: String,
}

fn charged(item: &JobItemView) -> bool {
    item.is_work() && item.status == ItemStatus::Done
}

fn uncharged(item: &JobItemView) -> Option<UnchargedLine> {
    let (reason, note) = match item.status {
        ItemStatus::Declined => (UnchargedReason::Declined, None),
        ItemStatus::Todo | ItemStatus::Approved if item.is_settled() => {
            (UnchargedReason::NotDone, item.not_done_note.clone())
        }
        _ => return None,
    };
    Some(UnchargedLine {
        name_zh: item.name_zh.clone(),
        name_en: item.name_en.clone(),
        price_fen: item.labor_fen + item.parts_fen,
        safety_critical: item.safety_critical,
        reason,
        note,
        signed: item.decision.as_ref().is_some_and(|d| d.signed),
    })
}

/// An item's parts charge: what was issued for it at the bay, once anything was;
/// until then, the parts it was priced with.
fn parts_fen_of(item: &JobItemView) -> i64 {
    if item.issued.is_empty() {
        item.parts_fen
    } else {
        item.issued
            .iter()
            .map(|p| i64::from(p.qty) * p.price_fen)
            .sum()
    }
}

/// An item's parts lines: the parts issued for it (one line per part), or the parts it
/// was priced with while none were.
fn parts_of(item: &JobItemView) -> Vec<PartLine> {
    if item.issued.is_empty() {
        return item.parts.clone();
    }
    let mut lines: Vec<PartLine> = Vec::new();
    for p in &item.issued {
        match lines.iter_mut().find(|l| l.part_id == p.part_id) {
            Some(line) => line.qty = line.qty.saturating_add(p.qty),
            None => lines.push(PartLine {
                part_id: p.part_id,
                code: p.code.clone(),
                name_zh: p.name_zh.clone(),
                name_en: p.name_en.clone(),
                qty: p.qty,
            }),
        }
    }
    lines
}

/// The invoice of `job`: items done are charged (free ones at zero); declined extra work
/// and items not done are listed without charge; pending extras do not appear.
pub fn build_invoice(job: &JobView, meta: InvoiceMeta) -> Invoice {
    let lines: Vec<InvoiceLine> = job
        .items
        .iter()
        .filter(|i| charged(i))
        .map(|i| InvoiceLine {
            name_zh: i.name_zh.clone(),
            name_en: i.name_en.clone(),
            kind: i.kind,
            labor_minutes: i.labor_minutes,
            labor_fen: if i.free { 0 } else { i.labor_fen },
            parts_fen: if i.free { 0 } else { parts_fen_of(i) },
            parts: parts_of(i),
            free: i.free,
        })
        .collect();
    let labor_fen = lines.iter().map(|l| l.labor_fen).sum();
    let parts_fen = lines.iter().map(|l| l.parts_fen).sum();
    Invoice {
        number: meta.number,
        job_id: job.id,
        ticket: job.ticket.clone(),
        issued_at: meta.issued_at,
        draft: meta.draft,
        customer_name: job.customer.name.clone(),
        plate: job.vehicle.plate.clone(),
        model: job.vehicle.model.clone(),
        vin: job.vehicle.vin.clone(),
        mileage_km: job.mileage_km,
        free_first_service: lines.iter().any(|l| l.free),
        uncharged: job.items.iter().filter_map(uncharged).collect(),
        lines,
        labor_fen,
        parts_fen,
        total_fen: labor_fen + parts_fen,
        currency: job.currency.clone(),
        payment_method: meta.payment_method,
        next_service_km: meta.next_service_km,
        next_service_date: meta.next_service_date,
        advisor: meta.advisor,
    }
}

#[cfg(test)]
mod tests;
