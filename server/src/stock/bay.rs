//! Parts at the bay: issuing an item's parts (the quantity used, with the PIN of the
//! technician of the bay's team who took them), and recording that an item waits for a
//! part (the job pauses `awaiting_parts`; its ETA runs from the part's expected delivery).

use std::net::IpAddr;

use app::domain::{store_date, Action, PauseReason, Stage};
use app::model::{ActionRequest, IssueRequest, WaitRequest};
use sqlx::SqliteConnection;

use super::audit;
use crate::{
    actions::view_for,
    auth::SessionActor,
    error::AppError,
    store::{self, seed::verify_secret},
    workshop::{job_event, job_in_work, MAX_QTY},
    AppState,
};

/// The technician of the device's bay whose PIN this is: `(technician id, name)`. Every
/// attempt counts against the bay's PIN limit, as countersigning does.
async fn bay_technician(
    state: &AppState,
    device: &SessionActor,
    ip: Option<IpAddr>,
    pin: String,
) -> Result<(i64, String), AppError> {
    let Some(bay_id) = device.bay_id.filter(|_| device.is_technician()) else {
        return Err(AppError::Forbidden(
            "parts are issued at a bay's screen".into(),
        ));
    };
    if !(4..=6).contains(&pin.len()) || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::field("pin", "a PIN is 4 to 6 digits"));
    }
    let mut conn = state.pool.acquire().await?;
    let team = store::technicians_of_bay(&mut conn, bay_id).await?;
    drop(conn);
    let found = state
        .limiter
        .judge(ip, &format!("bay:{bay_id}"), move || {
            team.into_iter().find(|t| verify_secret(&pin, &t.pin_hash))
        })
        .await?;
    found.map(|t| (t.id, t.name)).ok_or_else(|| {
        AppError::invalid("wrong_pin", "that PIN does not belong to this bay's team")
    })
}

/// The item of the job and its parts, refused unless it is work to do or done.
async fn item_and_parts(
    tx: &mut SqliteConnection,
    job: &app::model::JobView,
    item_id: i64,
) -> Result<Vec<(i64, i64, i64)>, AppError> {
    let item = job
        .items
        .iter()
        .find(|i| i.id == item_id)
        .ok_or(AppError::NotFound)?;
    if !item.is_work() {
        return Err(AppError::invalid(
            "illegal_transition",
            "this item is not part of the work (pending or declined)",
        ));
    }
    Ok(store::item_parts(&mut *tx, job.id, item_id).await?)
}

fn part_of_item(parts: &[(i64, i64, i64)], part_id: i64) -> Result<(i64, i64, i64), AppError> {
    parts
        .iter()
        .copied()
        .find(|(id, ..)| *id == part_id)
        .ok_or_else(|| AppError::field("part_id", "this item does not use that part"))
}

/// Issues parts for an item: on hand falls (only if that many are on the shelf: `409
/// out_of_stock` otherwise), the item's reservation shrinks, and the issue becomes the
/// item's invoice parts line. Answers the job as the device sees it.
pub async fn issue(
    state: &AppState,
    device: &SessionActor,
    ip: Option<IpAddr>,
    job_id: i64,
    item_id: i64,
    req: IssueRequest,
) -> Result<serde_json::Value, AppError> {
    if !(1..=MAX_QTY).contains(&req.qty) {
        return Err(AppError::field("qty", format!("issue 1 to {MAX_QTY}")));
    }
    let (technician_id, name) = bay_technician(state, device, ip, req.pin.clone()).await?;
    let (device, now) = (device.clone(), state.clock.now());
    state
        .change(move |tx| {
            Box::pin(async move {
                let job = job_in_work(&mut *tx, &device, job_id).await?;
                let parts = item_and_parts(&mut *tx, &job, item_id).await?;
                let (part_id, _, price_fen) = part_of_item(&parts, req.part_id)?;
                if !store::take_from_shelf(&mut *tx, part_id, req.qty).await? {
                    let on_hand = store::stock_part(&mut *tx, part_id)
                        .await?
                        .map_or(0, |p| p.on_hand);
                    return Err(AppError::Conflict {
                        code: "out_of_stock",
                        message: format!(
                            "not enough on the shelf: {on_hand} on hand, {} asked for",
                            req.qty
                        ),
                    });
                }
                store::use_reservation(&mut *tx, item_id, part_id, req.qty).await?;
                store::record_issue(
                    &mut *tx,
                    &store::NewIssue {
                        job_id,
                        item_id,
                        part_id,
                        qty: req.qty,
                        price_fen,
                        by: &name,
                        technician_id: Some(technician_id),
                        at: now,
                    },
                )
                .await?;
                let detail =
                    serde_json::json!({ "job_id": job_id, "item_id": item_id, "qty": req.qty });
                let role = app::domain::Role::Technician.as_str();
                audit(&mut *tx, now, (role, &name), part_id, "issue", &detail).await?;
                store::bump_version(&mut *tx, job_id).await?;
                store::announce_parts(&mut *tx, &[part_id]).await?;
                view_for(&device, &job_event(tx, job_id, now).await?)
            })
        })
        .await
}

/// Records that an item waits for a part: the job pauses `awaiting_parts` (if it was in
/// service) and its ETA runs from the part's expected delivery until a delivery of it is
/// received. The date is the request's, else the date the part's order is expected.
pub async fn wait(
    state: &AppState,
    actor: &SessionActor,
    job_id: i64,
    item_id: i64,
    req: WaitRequest,
) -> Result<serde_json::Value, AppError> {
    let (actor, now) = (actor.clone(), state.clock.now());
    state
        .change(move |tx| {
            Box::pin(async move {
                let job = job_in_work(&mut *tx, &actor, job_id).await?;
                let parts = item_and_parts(&mut *tx, &job, item_id).await?;
                let (part_id, ..) = part_of_item(&parts, req.part_id)?;
                let part = store::stock_part(&mut *tx, part_id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let Some(expected_on) = req.expected_on.or(part.expected_on) else {
                    return Err(AppError::field(
                        "expected_on",
                        "no delivery of this part is expected: give the date",
                    ));
                };
                if expected_on < store_date(now) {
                    return Err(AppError::field("expected_on", "the date has passed"));
                }
                match (job.stage, job.pause_reason) {
                    (Stage::InService, _) => {
                        let pause = Action::Pause {
                            reason: PauseReason::AwaitingParts,
                            note: Some(format!("{} / {}", part.name_zh, part.name_en)),
                        };
                        let request = ActionRequest::new(pause, job.version);
                        crate::actions::act(&mut *tx, &actor, &actor, job_id, request, now).await?;
                    }
                    (_, Some(PauseReason::AwaitingParts)) => {}
                    _ => store::mark_awaiting_parts(&mut *tx, job_id).await?,
                }
                store::record_wait(&mut *tx, job_id, item_id, part_id, expected_on, now).await?;
                store::bump_version(&mut *tx, job_id).await?;
                crate::eta::refresh_etas(&mut *tx, now, crate::eta::Announce::AllBut(Some(job_id)))
                    .await?;
                view_for(&actor, &job_event(tx, job_id, now).await?)
            })
        })
        .await
}
