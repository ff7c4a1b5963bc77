//! Pricing a check-in: the package due at the mileage, the extras chosen, a diagnosis
//! when the customer describes a problem, the estimate and the promised time.

use std::collections::BTreeSet;

use app::domain::{
    due_package_after, next_due_km, price_line, ready_at, suggest_bay, totals, FuelType, Money,
    PricedItem, Workload,
};
use app::model::{PackageView, Quote, ServiceLine};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use crate::{
    error::AppError,
    store::{self, CatalogueItem},
};

/// The service item added when the customer describes a problem.
pub const DIAGNOSIS_CODE: &str = "diagnosis";

/// The currency of every price (the job views say the same).
pub const CURRENCY: &str = "CNY";

/// What the customer chose.
#[derive(Debug, Clone, Copy)]
pub struct Choice<'a> {
    pub mileage_km: u32,
    pub package: bool,
    pub services: &'a [i64],
    pub concerns: &'a str,
    pub wash: bool,
    /// The car's fuel type and model family: they pick its maintenance schedule.
    pub fuel_type: FuelType,
    pub model_family: Option<&'a str>,
    /// The latest package the car's history shows done (by its kilometres): not offered again.
    pub done_package_km: Option<u32>,
}

/// A quote and the order lines it priced.
pub struct Priced {
    pub quote: Quote,
    pub package_km: Option<u32>,
}

fn line(rate: Money, item: &CatalogueItem, free: bool) -> ServiceLine {
    let price = price_line(
        rate,
        &PricedItem {
            labor_minutes: item.labor_minutes,
            part_price: Money::from_fen(item.part_price_fen),
            part_qty: item.part_qty,
            stock: item.stock,
            free,
        },
    );
    ServiceLine {
        service_item_id: item.id,
        code: item.code.clone(),
        name_zh: item.name_zh.clone(),
        name_en: item.name_en.clone(),
        labor_minutes: item.labor_minutes,
        price,
        free,
    }
}

/// Prices `choice` against the catalogue, the schedule and the workshop's load now.
pub async fn price(
    conn: &mut SqliteConnection,
    choice: Choice<'_>,
    now: DateTime<Utc>,
) -> Result<Priced, AppError> {
    let catalogue = store::catalogue(conn).await?;
    let schedule = store::schedule(conn, choice.fuel_type, choice.model_family).await?;
    let rate = store::labour_rate(conn).await?;
    let find = |id: i64| catalogue.iter().find(|c| c.id == id);

    let entries: Vec<(u32, bool)> = schedule.iter().map(|p| (p.km, p.free)).collect();
    let due = due_package_after(&entries, choice.mileage_km, choice.done_package_km);
    let package_ids: Vec<i64> = due
        .and_then(|d| schedule.get(d.index))
        .map(|p| p.item_ids.clone())
        .unwrap_or_default();
    // A package naming an item the catalogue lacks is corrupt data, not a shorter package.
    let package_due = due
        .map(|d| {
            let items = package_ids
                .iter()
                .map(|id| {
                    find(*id)
                        .map(|item| line(rate, item, d.free))
                        .ok_or_else(|| {
                            AppError::Internal(format!("package item {id} is not in the catalogue"))
                        })
                })
                .collect::<Result<_, AppError>>()?;
            Ok::<_, AppError>(PackageView {
                due_km: d.due_km,
                free: d.free,
                items,
            })
        })
        .transpose()?;

    let mut extra_ids = BTreeSet::new();
    for id in choice.services {
        if find(*id).is_none() {
            return Err(AppError::field(
                "services",
                format!("There is no service item {id}."),
            ));
        }
        if !(choice.package && package_ids.contains(id)) {
            extra_ids.insert(*id);
        }
    }
    let diagnosis = !choice.concerns.trim().is_empty();
    if diagnosis {
        if let Some(item) = catalogue.iter().find(|c| c.code == DIAGNOSIS_CODE) {
            extra_ids.insert(item.id);
        }
    }

    let mut lines: Vec<ServiceLine> = Vec::new();
    if choice.package {
        if let Some(package) = &package_due {
            lines.extend(package.items.iter().cloned());
        }
    }
    lines.extend(
        extra_ids
            .iter()
            .filter_map(|id| find(*id))
            .map(|item| line(rate, item, false)),
    );
    let totals = totals(lines.iter().map(|l| (&l.price, l.labor_minutes)));
    let parts_short = lines.iter().any(|l| !l.price.in_stock);

    let needed: BTreeSet<&str> = lines
        .iter()
        .filter_map(|l| find(l.service_item_id))
        .map(|c| c.skill.as_str())
        .collect();
    let needed: Vec<&str> = needed.into_iter().collect();
    let (bays, unassigned) = store::workshop_load(conn, now).await?;
    // A bay out of service is no capacity: it neither takes the car nor shares the queue.
    let bays: Vec<_> = bays.into_iter().filter(|b| !b.out_of_service).collect();
    let bay_count = u32::try_from(bays.len().max(1)).unwrap_or(1);
    let ahead = suggest_bay(&bays, &needed)
        .or_else(|| bays.iter().min_by_key(|b| b.queued_minutes))
        .map_or(0, |b| b.queued_minutes)
        .saturating_add(unassigned / bay_count);
    let promised_at = ready_at(
        now,
        Workload {
            ahead_minutes: ahead,
            own_minutes: totals.labor_minutes,
            wash: choice.wash,
            parts_short,
        },
    );

    let extras = catalogue
        .iter()
        .filter(|c| !package_ids.contains(&c.id) && c.code != DIAGNOSIS_CODE)
        .map(|item| line(rate, item, false))
        .collect();
    let package_km = package_due
        .as_ref()
        .filter(|_| choice.package)
        .map(|p| p.due_km);
    Ok(Priced {
        quote: Quote {
            next_package_km: if package_due.is_none() {
                next_due_km(&entries, choice.mileage_km)
            } else {
                None
            },
            package_due,
            extras,
            lines,
            totals,
            currency: CURRENCY.to_string(),
            diagnosis,
            parts_short,
            promised_at,
        },
        package_km,
    })
}
