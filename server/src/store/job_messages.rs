//! The messages a job's change causes, written with its event row (so none is lost or
//! sent twice: each has a key of its cause): the car is ready, extra work waits for the
//! customer's approval, the ETA slipped past the promise. The texts are the domain's.

use app::domain::messages::{compose, MessageFacts};
use app::domain::{to_store_local, Money, Stage};
use app::model::{ItemKind, ItemStatus, JobView, MessageKind};
use chrono::{DateTime, Duration, Timelike, Utc};
use sqlx::SqliteConnection;

use super::{enqueue, setting, NewMessage, StoreError};

/// An ETA later than the promise by at least this much tells the customer (once per
/// hour of the new ETA, so a slowly slipping job does not message at every step).
pub const SLIP_MINUTES: i64 = 15;

/// The store's name in `language` (`zh` or `en`), for a message. The setup and the demo
/// seed write both names, so a missing one is corrupt data, not a message without a
/// sender.
pub async fn store_name(conn: &mut SqliteConnection, language: &str) -> Result<String, StoreError> {
    let key = if language == "en" {
        "store_name_en"
    } else {
        "store_name_zh"
    };
    setting(conn, key)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("setting {key} is missing")))
}

/// A store-local time as a message says it.
pub fn when_text(at: DateTime<Utc>, language: &str) -> String {
    let local = to_store_local(at);
    if language == "en" {
        local.format("%-d %b %H:%M").to_string()
    } else {
        local.format("%-m月%-d日 %H:%M").to_string()
    }
}

/// Queues what `job`'s new state tells its customer.
pub async fn enqueue_for_job(
    conn: &mut SqliteConnection,
    job: &JobView,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let language = if job.language == "en" { "en" } else { "zh" };
    let mut facts = MessageFacts {
        store_name: store_name(conn, language).await?,
        plate: job.vehicle.plate.clone(),
        ..MessageFacts::default()
    };
    let link = Some(format!("/track/{}", job.tracking_token));
    let mut out: Vec<(MessageKind, String, MessageFacts)> = Vec::new();
    if job.stage == Stage::Ready {
        out.push((
            MessageKind::CarReady,
            format!("car_ready:{}", job.id),
            facts.clone(),
        ));
    }
    for item in &job.items {
        if item.kind == ItemKind::Additional && item.status == ItemStatus::Pending {
            let mut f = facts.clone();
            f.amount = Some(Money::from_fen(item.labor_fen + item.parts_fen).to_string());
            out.push((
                MessageKind::ApprovalNeeded,
                format!("approval:{}", item.id),
                f,
            ));
        }
    }
    let active = matches!(
        job.stage,
        Stage::CheckedIn
            | Stage::Queued
            | Stage::InService
            | Stage::Paused
            | Stage::QualityCheck
            | Stage::Washing
    );
    if active && job.eta > job.promised_at + Duration::minutes(SLIP_MINUTES) {
        facts.when = Some(when_text(job.eta, language));
        let hour = job
            .eta
            .with_minute(0)
            .and_then(|t| t.with_second(0))
            .unwrap_or(job.eta);
        out.push((
            MessageKind::EtaSlipped,
            format!("eta:{}:{}", job.id, hour.timestamp()),
            facts,
        ));
    }
    for (kind, key, f) in out {
        enqueue(
            conn,
            &NewMessage {
                kind,
                customer_id: Some(job.customer.id),
                job_id: Some(job.id),
                appointment_id: None,
                phone: job.customer.phone.clone(),
                language: language.to_string(),
                text: compose(kind, language == "zh", &f),
                link: link.clone(),
                dedupe_key: key,
            },
            now,
        )
        .await?;
    }
    Ok(())
}
