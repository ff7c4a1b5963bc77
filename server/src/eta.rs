//! Keeping every active job's live ETA current: recomputed inside the transaction of
//! each change (and once a minute as time passes); a job whose ETA moved gets its own
//! event, so screens hear of it.

use app::domain::changed_etas;
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use crate::store::{self, StoreError};

/// Which ETA changes get an event of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Announce {
    /// Every changed job except this one, whose own action is about to log it.
    AllBut(Option<i64>),
    /// None: the demo seed writes the store's first state, before any screen.
    Nothing,
}

/// Recomputes every active job's ETA and writes those that changed, each with an event
/// as `announce` says. Returns how many changed.
pub async fn refresh_etas(
    conn: &mut SqliteConnection,
    now: DateTime<Utc>,
    announce: Announce,
) -> Result<usize, StoreError> {
    let inputs = store::eta_inputs(conn, now).await?;
    let changed = changed_etas(&inputs, now);
    for (id, eta) in &changed {
        store::set_eta(conn, *id, *eta).await?;
        if announce != Announce::Nothing && announce != Announce::AllBut(Some(*id)) {
            if let Some(job) = store::load_job(conn, *id).await? {
                store::append_job_event(conn, &job, None, now).await?;
            }
        }
    }
    Ok(changed.len())
}
