//! The service catalogue, labour rate and maintenance schedules from the admin screen.
//! Jobs keep what they were priced with (their items copy names and prices at
//! check-in), so a change here prices only what comes after; the kiosk reads the
//! catalogue afresh for every quote.

use app::domain::Money;
use app::model::{AdminServiceItem, ScheduleEdit, ServiceItemEdit};
use serde_json::json;
use sqlx::SqliteConnection;

use super::{audit, validate, Manager};
use crate::{checkin::Fields, error::AppError, store, AppState};

/// An item with its price at today's rate.
pub fn priced(row: store::ServiceItemRow, rate: Money) -> AdminServiceItem {
    AdminServiceItem {
        id: row.id,
        labor_fen: Money::labor(rate, row.labor_minutes).fen(),
        parts_fen: row.part_price_fen.saturating_mul(i64::from(row.part_qty)),
        edit: ServiceItemEdit {
            code: row.code,
            name_zh: row.name_zh,
            name_en: row.name_en,
            labor_minutes: row.labor_minutes,
            skill: row.skill,
            part_id: row.part_id,
            part_qty: row.part_qty,
        },
    }
}

/// The checks that need the store: a part that exists, a code nobody else has.
async fn check_item_refs(
    tx: &mut SqliteConnection,
    item: &ServiceItemEdit,
    except: Option<i64>,
    mut fields: Fields,
) -> Result<(), AppError> {
    if let Some(part) = item.part_id {
        if !store::admin_parts(&mut *tx)
            .await?
            .iter()
            .any(|p| p.id == part)
        {
            fields.add("part_id", format!("there is no part {part}"));
        }
    }
    if store::service_code_taken(&mut *tx, &item.code, except).await? {
        fields.add("code", "another service item has this code");
    }
    fields.finish("invalid")
}

async fn item_now(tx: &mut SqliteConnection, id: i64) -> Result<AdminServiceItem, AppError> {
    let rate = store::labour_rate(&mut *tx).await?;
    let row = store::service_items(&mut *tx)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(AppError::NotFound)?;
    Ok(priced(row, rate))
}

pub async fn create_item(
    state: &AppState,
    Manager(who): Manager,
    req: ServiceItemEdit,
) -> Result<AdminServiceItem, AppError> {
    let mut fields = Fields::default();
    let item = validate::service_item(&req, &mut fields);
    state
        .change(move |tx| {
            Box::pin(async move {
                check_item_refs(&mut *tx, &item, None, fields).await?;
                let id = store::insert_service_item(&mut *tx, &item).await?;
                audit(tx, &who, "service_item", Some(id), "create", &item).await?;
                item_now(tx, id).await
            })
        })
        .await
}

pub async fn update_item(
    state: &AppState,
    Manager(who): Manager,
    id: i64,
    req: ServiceItemEdit,
) -> Result<AdminServiceItem, AppError> {
    let mut fields = Fields::default();
    let item = validate::service_item(&req, &mut fields);
    state
        .change(move |tx| {
            Box::pin(async move {
                let before = item_now(&mut *tx, id).await?;
                check_item_refs(&mut *tx, &item, Some(id), fields).await?;
                store::update_service_item(&mut *tx, id, &item).await?;
                let detail = json!({ "before": before.edit, "after": item });
                audit(tx, &who, "service_item", Some(id), "update", &detail).await?;
                item_now(tx, id).await
            })
        })
        .await
}

pub async fn set_labour_rate(
    state: &AppState,
    Manager(who): Manager,
    fen: i64,
) -> Result<i64, AppError> {
    let mut fields = Fields::default();
    let rate = validate::labour_rate(fen, &mut fields);
    fields.finish("invalid")?;
    state
        .change(move |tx| {
            Box::pin(async move {
                let before = store::labour_rate(&mut *tx).await?;
                store::set_labour_rate(&mut *tx, rate.fen()).await?;
                let detail = json!({ "before_fen": before.fen(), "after_fen": rate.fen() });
                audit(tx, &who, "labour_rate", None, "update", &detail).await?;
                Ok(rate.fen())
            })
        })
        .await
}

/// Creates a schedule (`id` none) or replaces one's key and packages.
pub async fn write_schedule(
    state: &AppState,
    Manager(who): Manager,
    id: Option<i64>,
    req: ScheduleEdit,
) -> Result<i64, AppError> {
    let mut fields = Fields::default();
    let schedule = validate::schedule(&req, &mut fields);
    state
        .change(move |tx| {
            Box::pin(async move {
                let known: Vec<i64> = store::service_items(&mut *tx)
                    .await?
                    .iter()
                    .map(|r| r.id)
                    .collect();
                for (i, p) in schedule.packages.iter().enumerate() {
                    if let Some(bad) = p.item_ids.iter().find(|id| !known.contains(id)) {
                        fields.add(
                            &format!("packages[{i}].item_ids"),
                            format!("there is no service item {bad}"),
                        );
                    }
                }
                let family = schedule.model_family.as_deref();
                if store::schedule_taken(&mut *tx, schedule.fuel_type, family, id).await? {
                    fields.add(
                        "model_family",
                        "this fuel type already has a schedule for this model family",
                    );
                }
                fields.finish("invalid")?;
                let id = store::write_schedule(&mut *tx, id, &schedule)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let action = if req.packages.is_empty() {
                    "clear"
                } else {
                    "write"
                };
                audit(tx, &who, "schedule", Some(id), action, &schedule).await?;
                Ok(id)
            })
        })
        .await
}
