//! The messages to customers that are not a job's (those are `store::enqueue_for_job`):
//! an appointment confirmed, a service reminder sent from the "due soon" list, and the
//! follow-up call announced at delivery. Each is queued in its change's transaction.

use app::domain::messages::{compose, MessageFacts};
use app::model::{Appointment, MessageKind};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use crate::{error::AppError, store};

/// Who a message goes to and what it is about.
pub struct Recipient<'a> {
    pub customer_id: i64,
    pub phone: &'a str,
    pub plate: &'a str,
    pub job_id: Option<i64>,
    pub appointment_id: Option<i64>,
}

/// Queues a `kind` message (in Chinese, the store's language; the customer's page has
/// both); `None` when one with `key` exists already.
pub async fn send(
    conn: &mut SqliteConnection,
    kind: MessageKind,
    to: &Recipient<'_>,
    facts: MessageFacts,
    link: Option<String>,
    key: String,
    now: DateTime<Utc>,
) -> Result<Option<i64>, AppError> {
    let facts = MessageFacts {
        store_name: store::store_name(conn, "zh").await?,
        plate: to.plate.to_string(),
        ..facts
    };
    Ok(store::enqueue(
        conn,
        &store::NewMessage {
            kind,
            customer_id: Some(to.customer_id),
            job_id: to.job_id,
            appointment_id: to.appointment_id,
            phone: to.phone.to_string(),
            language: "zh".into(),
            text: compose(kind, true, &facts),
            link,
            dedupe_key: key,
        },
        now,
    )
    .await?)
}

/// The appointment is confirmed: its time and the code to type at the kiosk (once per
/// time: a confirmed appointment moved to a new time is confirmed again).
pub async fn appointment_confirmed(
    conn: &mut SqliteConnection,
    a: &Appointment,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let to = Recipient {
        customer_id: a.customer_id,
        phone: &a.phone,
        plate: &a.plate,
        job_id: None,
        appointment_id: Some(a.id),
    };
    let facts = MessageFacts {
        when: Some(store::when_text(a.scheduled_at, "zh")),
        code: Some(a.code.clone()),
        ..MessageFacts::default()
    };
    let key = format!("confirmed:{}:{}", a.id, a.scheduled_at.timestamp());
    send(
        conn,
        MessageKind::AppointmentConfirmed,
        &to,
        facts,
        None,
        key,
        now,
    )
    .await?;
    Ok(())
}
