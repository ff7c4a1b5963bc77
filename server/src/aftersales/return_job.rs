//! Opening a return job (返修) from a complaint, in the complaint's transaction: the new
//! job is on every screen at once, flagged as a return.

use app::domain::Stage;
use app::model::TimelineAction;
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use crate::{auth::SessionActor, checkin::lookup::store_day, error::AppError, store};

/// Opens the return job of delivered job `original` and links it to complaint
/// `complaint`; returns the new job's ticket.
pub async fn open(
    tx: &mut SqliteConnection,
    complaint: i64,
    original: i64,
    concerns: &str,
    actor: &SessionActor,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let ticket = store::next_ticket(&mut *tx, store_day(now).0).await?;
    let token = crate::auth::new_token();
    let concerns = format!("返修 / return visit: {concerns}");
    let job_id = store::insert_return_job(
        &mut *tx,
        &store::NewReturnJob {
            original,
            ticket: &ticket,
            tracking_token: &token,
            concerns: &concerns,
            now,
        },
    )
    .await?
    .ok_or_else(|| AppError::Conflict {
        code: "not_delivered",
        message: "a return job redoes a delivered job; this one is not delivered".into(),
    })?;
    store::set_return_job(&mut *tx, complaint, job_id).await?;
    let original_ticket = store::load_job(&mut *tx, original)
        .await?
        .map(|j| j.ticket)
        .ok_or_else(|| AppError::Internal(format!("job {original} of the complaint is gone")))?;
    store::record_timeline(
        &mut *tx,
        job_id,
        now,
        actor.role.into(),
        &actor.name,
        TimelineAction::CheckIn,
        None,
        Stage::CheckedIn,
        &format!("返修 {original_ticket} / return of {original_ticket} (complaint {complaint})"),
    )
    .await?;
    crate::eta::refresh_etas(&mut *tx, now, crate::eta::Announce::AllBut(Some(job_id))).await?;
    let job = store::load_job(&mut *tx, job_id)
        .await?
        .ok_or_else(|| AppError::Internal("the return job vanished".into()))?;
    store::append_job_event(&mut *tx, &job, None, now).await?;
    Ok(ticket)
}
