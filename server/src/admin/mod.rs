//! The manager's admin changes to the store's reference data: bays (hours, skills,
//! out-of-service periods), the service catalogue and labour rate, the maintenance
//! schedules. Each is validated, written with its audit row in one transaction, and
//! where a screen shows it live (bays), published as an event.

mod bays;
mod catalogue;
mod validate;

pub use bays::{add_outage, create_bay, end_outage, update_bay};
pub use catalogue::{create_item, priced, set_labour_rate, update_item, write_schedule};

use app::domain::Role;
use axum::{extract::FromRequestParts, http::request::Parts};
use serde::Serialize;
use sqlx::SqliteConnection;

use crate::{auth::SessionActor, error::AppError, store, AppState};

/// A signed-in manager: every admin endpoint takes one (`401` without a session, `403`
/// for any other role).
#[derive(Debug, Clone)]
pub struct Manager(pub SessionActor);

impl FromRequestParts<AppState> for Manager {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let actor = SessionActor::from_request_parts(parts, state).await?;
        if actor.role != Role::Manager {
            return Err(AppError::Forbidden(
                "only a manager may change the store's reference data".into(),
            ));
        }
        Ok(Manager(actor))
    }
}

/// Records who made an admin change, in its transaction.
async fn audit<D: Serialize>(
    tx: &mut SqliteConnection,
    who: &SessionActor,
    subject: &str,
    subject_id: Option<i64>,
    action: &str,
    detail: &D,
) -> Result<(), AppError> {
    store::record_audit(
        tx,
        store::AuditEntry {
            at: chrono::Utc::now(),
            actor_role: who.role.as_str(),
            actor_name: &who.name,
            subject,
            subject_id,
            action,
            detail,
        },
    )
    .await?;
    Ok(())
}
