//! Delivery (交车/结算) inside the `deliver` action's transaction: the delivery checklist
//! must be complete, then the invoice is built and stored with the job, the visit is
//! written into the car's history (so the next check-in suggests the next package), and
//! the follow-up call (回访) is put on the call list and announced to the customer.

use app::domain::follow_up::CallTime;
use app::domain::{open_checks, store_date};
use app::model::{
    build_invoice, delivery_facts, InvoiceMeta, ItemStatus, JobView, MessageKind, PAYMENT_METHODS,
};
use chrono::{DateTime, NaiveDate, Utc};

use crate::{auth::SessionActor, error::AppError, store};

/// What the advisor set at delivery.
#[derive(Debug, Clone)]
pub struct Handover {
    pub km: u32,
    pub date: NaiveDate,
    pub payment_method: Option<String>,
    /// When the customer prefers the follow-up call, or `NoCalls`.
    pub call_time: CallTime,
}

/// Validates the handover fields and the delivery checklist; every open check is named
/// in `fields` of one `delivery_checklist_incomplete` refusal.
pub fn check(
    job: &JobView,
    now: DateTime<Utc>,
    km: Option<u32>,
    date: Option<NaiveDate>,
    old_parts_handled: bool,
    payment_method: Option<&str>,
    call_time: Option<CallTime>,
) -> Result<Handover, AppError> {
    if km.is_some_and(|km| km <= job.mileage_km) {
        return Err(AppError::field(
            "next_service_km",
            "the next service must be beyond the current mileage",
        ));
    }
    if date.is_some_and(|d| d <= store_date(now)) {
        return Err(AppError::field(
            "next_service_date",
            "the next service date must be in the future",
        ));
    }
    if payment_method.is_some_and(|m| !PAYMENT_METHODS.contains(&m)) {
        return Err(AppError::field(
            "payment_method",
            format!("pay by one of {}", PAYMENT_METHODS.join(", ")),
        ));
    }
    let open = open_checks(&delivery_facts(
        job,
        old_parts_handled,
        km.is_some() && date.is_some(),
        call_time.is_some(),
    ));
    match (open.is_empty(), km, date, call_time) {
        (true, Some(km), Some(date), Some(call_time)) => Ok(Handover {
            km,
            date,
            payment_method: payment_method.map(str::to_string),
            call_time,
        }),
        _ => Err(AppError::Invalid {
            code: "delivery_checklist_incomplete",
            message: "the delivery checklist is not complete".into(),
            fields: open
                .iter()
                .map(|c| (c.field().to_string(), c.message().to_string()))
                .collect(),
        }),
    }
}

/// Builds the invoice from the job as delivered and stores it with the job.
pub async fn issue_invoice(
    tx: &mut sqlx::SqliteConnection,
    job_id: i64,
    actor: &SessionActor,
    now: DateTime<Utc>,
    handover: Handover,
) -> Result<(), AppError> {
    if let Some(method) = &handover.payment_method {
        store::set_payment_method(tx, job_id, method).await?;
    }
    let job = store::load_job(tx, job_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let number = format!("PW{}-{:05}", store_date(now).format("%Y%m%d"), job_id);
    let invoice = build_invoice(
        &job,
        InvoiceMeta {
            number: number.clone(),
            issued_at: now,
            draft: false,
            payment_method: job.payment_method.clone(),
            next_service_km: Some(handover.km),
            next_service_date: Some(handover.date),
            advisor: actor.name.clone(),
        },
    );
    let body = serde_json::to_string(&invoice).map_err(|e| AppError::Internal(e.to_string()))?;
    store::insert_invoice(tx, job_id, &number, now, &body).await?;
    let done: Vec<&str> = job
        .items
        .iter()
        .filter(|i| i.status == ItemStatus::Done)
        .map(|i| i.name_zh.as_str())
        .collect();
    let package_km = store::package_of_job(tx, job_id).await?;
    store::record_visit(
        tx,
        job_id,
        job.vehicle.id,
        store_date(now),
        job.mileage_km,
        &done.join("、"),
        package_km,
    )
    .await?;
    if let Some(call) = store::schedule_first_call(tx, job_id, handover.call_time, now).await? {
        crate::aftersales::announce_task(tx, call, now).await?;
        let to = crate::notify::Recipient {
            customer_id: job.customer.id,
            phone: &job.customer.phone,
            plate: &job.vehicle.plate,
            job_id: Some(job_id),
            appointment_id: None,
        };
        let facts = app::domain::messages::MessageFacts::default();
        let key = format!("follow_up:{job_id}");
        crate::notify::send(
            tx,
            MessageKind::FollowUpReminder,
            &to,
            facts,
            None,
            key,
            now,
        )
        .await?;
    }
    Ok(())
}
