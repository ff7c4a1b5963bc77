//! Delivery of the outbox's messages to the SMS gateway: a background worker that
//! POSTs each due message as signed JSON to the configured webhook and records the
//! outcome (sent, retried with exponential backoff, or dead), and the desk's list.

pub mod sign;

use std::time::Duration;

use app::model::{MessageList, OutboxMessage, WebhookPayload};
use chrono::Utc;

use crate::{error::AppError, store, AppState};

pub use sign::signature;

/// How many messages the list shows, newest first.
const LIST_LIMIT: i64 = 200;
/// How many due messages one round of the worker takes.
const ROUND_LIMIT: i64 = 50;
/// How often the worker looks for due messages.
const POLL: Duration = Duration::from_millis(500);
/// How long one delivery may take before it counts as failed.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Where and how messages are delivered (see `Config`).
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookConfig {
    /// The gateway's address; `None`: no gateway, messages stay pending.
    pub url: Option<String>,
    /// The shared secret that signs every request.
    pub secret: String,
    /// The wait after the first failure; doubled after each further one.
    pub backoff: Duration,
    /// Attempts before a message is given up on (`dead`).
    pub max_attempts: u32,
}

impl Default for WebhookConfig {
    fn default() -> Self {
        WebhookConfig {
            url: None,
            secret: String::new(),
            backoff: Duration::from_millis(30_000),
            max_attempts: 6,
        }
    }
}

/// Never prints the secret (the configuration is printed in errors and tests).
impl std::fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("url", &self.url)
            .field("secret", &if self.secret.is_empty() { "" } else { "***" })
            .field("backoff", &self.backoff)
            .field("max_attempts", &self.max_attempts)
            .finish()
    }
}

/// `PITWALL_WEBHOOK_URL` checked: an absolute `http://` address of a host. This build
/// carries no TLS, so an `https://` gateway is refused rather than failing every send.
pub fn parse_webhook_url(value: &str) -> Result<String, String> {
    let refuse = |why: &str| format!("PITWALL_WEBHOOK_URL={value:?} is not valid: {why}");
    let uri: http::Uri = value.trim().parse().map_err(|_| refuse("not a URL"))?;
    match uri.scheme_str() {
        Some("http") => {}
        Some("https") => {
            return Err(refuse(
                "https is not supported by this build; point it at an http:// relay on the \
                 store's network",
            ))
        }
        _ => return Err(refuse("it must be absolute, starting with http://")),
    }
    match uri.authority() {
        Some(a) if !a.host().is_empty() && !a.as_str().contains('@') => {}
        _ => return Err(refuse("it names no host (or carries a user name)")),
    }
    Ok(value.trim().to_string())
}

/// The desk's list: the newest messages and whether a gateway is configured.
pub async fn list(state: &AppState) -> Result<MessageList, AppError> {
    let mut conn = state
        .pool
        .acquire()
        .await
        .map_err(store::StoreError::from)?;
    let messages = store::messages(&mut conn, LIST_LIMIT).await?;
    Ok(MessageList {
        gateway: state.config.webhook.url.is_some(),
        messages,
    })
}

/// Starts the delivery worker when a gateway is configured (without one, messages stay
/// pending and the desk's list says so).
pub fn spawn_outbox(state: AppState) {
    let Some(url) = state.config.webhook.url.clone() else {
        return;
    };
    tokio::spawn(async move {
        let client = match reqwest::Client::builder().timeout(REQUEST_TIMEOUT).build() {
            Ok(client) => client,
            Err(e) => {
                tracing::warn!("the outbox cannot start its HTTP client: {e}");
                return;
            }
        };
        let mut tick = tokio::time::interval(POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = deliver_due(&state, &client, &url).await {
                tracing::warn!("delivering messages: {e}");
            }
        }
    });
}

/// One round: every due message tried once, its outcome recorded.
async fn deliver_due(
    state: &AppState,
    client: &reqwest::Client,
    url: &str,
) -> Result<(), store::StoreError> {
    let due = {
        let mut conn = state.pool.acquire().await?;
        store::due_messages(&mut conn, state.clock.now(), ROUND_LIMIT).await?
    };
    let webhook = &state.config.webhook;
    for message in due {
        let id = message.id;
        let link = absolute(state.config.public_url.as_deref(), message.link.as_deref());
        match deliver(client, url, webhook.secret.as_bytes(), &message, link).await {
            Ok(()) => {
                let now = state.clock.now();
                state
                    .writer
                    .write(move |conn| Box::pin(store::mark_sent(conn, id, now)))
                    .await?;
            }
            Err(why) => {
                let dead = message.attempts.saturating_add(1) >= webhook.max_attempts;
                let next = state.clock.now() + retry_after(webhook.backoff, message.attempts);
                tracing::warn!(message = id, dead, "delivering a message failed: {why}");
                state
                    .writer
                    .write(move |conn| {
                        Box::pin(
                            async move { store::mark_failed(conn, id, &why, next, dead).await },
                        )
                    })
                    .await?;
            }
        }
    }
    Ok(())
}

/// A stored link (a path such as `/track/…`) as the customer's phone opens it: on the
/// store's public address (`PITWALL_PUBLIC_URL`); the path alone when none is set.
pub fn absolute(public_url: Option<&str>, link: Option<&str>) -> Option<String> {
    let link = link?;
    Some(match public_url {
        Some(base) if link.starts_with('/') => format!("{base}{link}"),
        _ => link.to_string(),
    })
}

/// The wait before the next attempt: `backoff * 2^attempts` (the attempts before this
/// failed one), at most a day.
pub fn retry_after(backoff: Duration, attempts: u32) -> chrono::Duration {
    let wait = backoff.saturating_mul(1u32 << attempts.min(20));
    chrono::Duration::from_std(wait.min(Duration::from_secs(86_400)))
        .unwrap_or_else(|_| chrono::Duration::days(1))
}

/// POSTs one message; `Err` carries why it failed (a status or a transport error, never
/// the message's phone or text).
async fn deliver(
    client: &reqwest::Client,
    url: &str,
    secret: &[u8],
    message: &OutboxMessage,
    link: Option<String>,
) -> Result<(), String> {
    let payload = WebhookPayload {
        id: message.id,
        kind: message.kind,
        phone: message.phone.clone(),
        language: message.language.clone(),
        text: message.text.clone(),
        link,
        created_at: message.created_at,
    };
    let body = serde_json::to_vec(&payload).map_err(|e| format!("encoding: {e}"))?;
    // The signature's time is the wall clock's: the gateway checks it against its own.
    let timestamp = Utc::now().timestamp();
    let response = client
        .post(url)
        .header(http::header::CONTENT_TYPE, "application/json")
        .header("X-Pitwall-Timestamp", timestamp.to_string())
        .header("X-Pitwall-Signature", signature(secret, timestamp, &body))
        .body(body)
        .send()
        .await
        .map_err(|e| {
            let kind = if e.is_timeout() {
                "timed out"
            } else if e.is_connect() {
                "could not connect"
            } else {
                "request failed"
            };
            format!("{kind}: {}", e.without_url())
        })?;
    let status = response.status();
    if status.is_success() {
        Ok(())
    } else {
        Err(format!("HTTP {}", status.as_u16()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_from_the_backoff_and_stops_at_a_day() {
        let backoff = Duration::from_millis(30_000);
        assert_eq!(retry_after(backoff, 0), chrono::Duration::seconds(30));
        assert_eq!(retry_after(backoff, 1), chrono::Duration::seconds(60));
        assert_eq!(retry_after(backoff, 5), chrono::Duration::seconds(960));
        assert_eq!(retry_after(backoff, 40), chrono::Duration::days(1));
    }

    #[test]
    fn the_webhook_is_an_http_address() {
        assert_eq!(
            parse_webhook_url(" http://10.0.0.5:8080/sms ").as_deref(),
            Ok("http://10.0.0.5:8080/sms")
        );
        for bad in [
            "https://sms.example.cn",
            "sms.example.cn",
            "ftp://x",
            "http://u@h/",
        ] {
            let e = parse_webhook_url(bad).err().unwrap_or_default();
            assert!(e.contains("PITWALL_WEBHOOK_URL"), "{bad}: {e}");
        }
    }
}
