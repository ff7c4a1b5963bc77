//! Bays from the admin screen: each change is audited and published as the bay's event
//! (the `bay` kind carries `BayInfo` to the bays, desk and bay channels).

use app::model::{BayEdit, BayInfo, OutageEdit};
use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::SqliteConnection;

use super::{audit, validate, Manager};
use crate::{checkin::Fields, error::AppError, store, AppState};

/// The bay as it is now, appended to the event log: the screens that show it update.
async fn publish(
    tx: &mut SqliteConnection,
    bay_id: i64,
    now: DateTime<Utc>,
) -> Result<BayInfo, AppError> {
    let bay = store::bays(&mut *tx, Some(bay_id), now)
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    store::append_bay_event(&mut *tx, &bay).await?;
    Ok(bay)
}

pub async fn create_bay(
    state: &AppState,
    Manager(who): Manager,
    req: BayEdit,
) -> Result<BayInfo, AppError> {
    let mut fields = Fields::default();
    let bay = validate::bay(&req, &mut fields);
    fields.finish("invalid")?;
    let now = state.clock.now();
    state
        .change(move |tx| {
            Box::pin(async move {
                let id = store::insert_bay(&mut *tx, &bay).await?;
                audit(tx, &who, "bay", Some(id), "create", &bay).await?;
                publish(tx, id, now).await
            })
        })
        .await
}

pub async fn update_bay(
    state: &AppState,
    Manager(who): Manager,
    bay_id: i64,
    req: BayEdit,
) -> Result<BayInfo, AppError> {
    let mut fields = Fields::default();
    let bay = validate::bay(&req, &mut fields);
    fields.finish("invalid")?;
    let now = state.clock.now();
    state
        .change(move |tx| {
            Box::pin(async move {
                let before = store::bays(&mut *tx, Some(bay_id), now)
                    .await?
                    .pop()
                    .ok_or(AppError::NotFound)?;
                store::update_bay(&mut *tx, bay_id, &bay).await?;
                let detail = json!({ "before": before, "after": bay });
                audit(tx, &who, "bay", Some(bay_id), "update", &detail).await?;
                publish(tx, bay_id, now).await
            })
        })
        .await
}

pub async fn add_outage(
    state: &AppState,
    Manager(who): Manager,
    bay_id: i64,
    req: OutageEdit,
) -> Result<BayInfo, AppError> {
    let mut fields = Fields::default();
    let now = state.clock.now();
    let outage = validate::outage(&req, now, &mut fields);
    fields.finish("invalid")?;
    state
        .change(move |tx| {
            Box::pin(async move {
                if !store::bay_exists(&mut *tx, bay_id).await? {
                    return Err(AppError::NotFound);
                }
                let id = store::insert_outage(&mut *tx, bay_id, &outage).await?;
                let detail = json!({ "outage_id": id, "outage": outage });
                audit(tx, &who, "bay", Some(bay_id), "out_of_service", &detail).await?;
                publish(tx, bay_id, now).await
            })
        })
        .await
}

/// Ends an out-of-service period early (or cancels one not yet begun).
pub async fn end_outage(
    state: &AppState,
    Manager(who): Manager,
    bay_id: i64,
    outage_id: i64,
) -> Result<BayInfo, AppError> {
    let now = state.clock.now();
    state
        .change(move |tx| {
            Box::pin(async move {
                if !store::delete_outage(&mut *tx, bay_id, outage_id).await? {
                    return Err(AppError::NotFound);
                }
                let detail = json!({ "outage_id": outage_id });
                audit(tx, &who, "bay", Some(bay_id), "back_in_service", &detail).await?;
                publish(tx, bay_id, now).await
            })
        })
        .await
}
