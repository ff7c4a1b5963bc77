//! The outbox of messages to customers: a message written in the transaction of the
//! change that causes it (once per cause), the webhook worker's due list, and each
//! delivery attempt's outcome.

use app::model::{MessageKind, MessageState, OutboxMessage};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::{parse_ts, ts, StoreError};

/// A message to put in the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMessage {
    pub kind: MessageKind,
    pub customer_id: Option<i64>,
    pub job_id: Option<i64>,
    pub appointment_id: Option<i64>,
    pub phone: String,
    /// `zh` or `en`.
    pub language: String,
    pub text: String,
    pub link: Option<String>,
    /// One message per cause: a second message with the same key adds nothing.
    pub dedupe_key: String,
}

/// Puts a message in the outbox, due at once (`pending`), or `suppressed` when its
/// customer chose no messages; its id, or `None` when its `dedupe_key` is already
/// there. Runs on the caller's connection, inside the caller's transaction.
pub async fn enqueue(
    conn: &mut SqliteConnection,
    msg: &NewMessage,
    now: DateTime<Utc>,
) -> Result<Option<i64>, StoreError> {
    let messages_ok: bool = match msg.customer_id {
        Some(customer) => {
            sqlx::query_scalar::<_, i64>("SELECT messages_ok FROM customers WHERE id = ?")
                .bind(customer)
                .fetch_optional(&mut *conn)
                .await?
                .ok_or_else(|| StoreError::Corrupt(format!("no customer {customer}")))?
                != 0
        }
        None => true,
    };
    let state = if messages_ok {
        MessageState::Pending
    } else {
        MessageState::Suppressed
    };
    Ok(sqlx::query_scalar(
        "INSERT INTO outbox (created_at, kind, customer_id, job_id, appointment_id, phone, \
         language, text, link, state, attempts, next_attempt_at, dedupe_key) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) \
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
    )
    .bind(ts(now))
    .bind(msg.kind.as_str())
    .bind(msg.customer_id)
    .bind(msg.job_id)
    .bind(msg.appointment_id)
    .bind(&msg.phone)
    .bind(&msg.language)
    .bind(&msg.text)
    .bind(&msg.link)
    .bind(state.as_str())
    .bind(ts(now))
    .bind(&msg.dedupe_key)
    .fetch_optional(&mut *conn)
    .await?)
}

const SELECT: &str = "\
SELECT id, created_at, kind, customer_id, job_id, appointment_id, phone, language, text, \
       link, state, attempts, next_attempt_at, last_error, sent_at FROM outbox";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    created_at: String,
    kind: String,
    customer_id: Option<i64>,
    job_id: Option<i64>,
    appointment_id: Option<i64>,
    phone: String,
    language: String,
    text: String,
    link: Option<String>,
    state: String,
    attempts: i64,
    next_attempt_at: String,
    last_error: Option<String>,
    sent_at: Option<String>,
}

impl TryFrom<Row> for OutboxMessage {
    type Error = StoreError;

    fn try_from(r: Row) -> Result<Self, StoreError> {
        let corrupt = |what: &str, value: &str| {
            StoreError::Corrupt(format!("outbox message {}: {what} {value:?}", r.id))
        };
        let kind = MessageKind::parse(&r.kind).ok_or_else(|| corrupt("kind", &r.kind))?;
        let state = MessageState::parse(&r.state).ok_or_else(|| corrupt("state", &r.state))?;
        let attempts =
            u32::try_from(r.attempts).map_err(|_| corrupt("attempts", &r.attempts.to_string()))?;
        if !matches!(r.language.as_str(), "zh" | "en") {
            return Err(corrupt("language", &r.language));
        }
        Ok(OutboxMessage {
            id: r.id,
            created_at: parse_ts(&r.created_at)?,
            kind,
            customer_id: r.customer_id,
            job_id: r.job_id,
            appointment_id: r.appointment_id,
            phone: r.phone,
            language: r.language,
            text: r.text,
            link: r.link,
            state,
            attempts,
            next_attempt_at: parse_ts(&r.next_attempt_at)?,
            last_error: r.last_error,
            sent_at: r.sent_at.as_deref().map(parse_ts).transpose()?,
        })
    }
}

fn read_all(rows: Vec<Row>) -> Result<Vec<OutboxMessage>, StoreError> {
    rows.into_iter().map(OutboxMessage::try_from).collect()
}

/// The newest `limit` messages, newest first.
pub async fn messages(
    conn: &mut SqliteConnection,
    limit: i64,
) -> Result<Vec<OutboxMessage>, StoreError> {
    let rows: Vec<Row> = sqlx::query_as(&format!("{SELECT} ORDER BY id DESC LIMIT ?"))
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
    read_all(rows)
}

/// One message by its id.
pub async fn outbox_message(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<OutboxMessage>, StoreError> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(OutboxMessage::try_from).transpose()
}

/// The pending messages whose next attempt is due by `now`, oldest first.
pub async fn due_messages(
    conn: &mut SqliteConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<OutboxMessage>, StoreError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE state = 'pending' AND next_attempt_at <= ? \
         ORDER BY next_attempt_at, id LIMIT ?"
    ))
    .bind(ts(now))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    read_all(rows)
}

/// The gateway took the message: `sent`, one more attempt; `false` when it was no
/// longer pending.
pub async fn mark_sent(
    conn: &mut SqliteConnection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?, \
         last_error = NULL WHERE id = ? AND state = 'pending'",
    )
    .bind(ts(now))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// An attempt failed: one more attempt, the error kept, retried at `next_attempt_at`,
/// or given up on (`dead`); `false` when it was no longer pending.
pub async fn mark_failed(
    conn: &mut SqliteConnection,
    id: i64,
    error: &str,
    next_attempt_at: DateTime<Utc>,
    dead: bool,
) -> Result<bool, StoreError> {
    let state = if dead {
        MessageState::Dead
    } else {
        MessageState::Pending
    };
    let done = sqlx::query(
        "UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ?, \
         next_attempt_at = ? WHERE id = ? AND state = 'pending'",
    )
    .bind(state.as_str())
    .bind(error)
    .bind(ts(next_attempt_at))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
