//! The JSON shapes of messages to customers (通知): one outbox entry with its delivery
//! state, the list `/desk/messages` shows, and the webhook's payload.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What caused a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    AppointmentConfirmed,
    Reminder,
    CarReady,
    EtaSlipped,
    ApprovalNeeded,
    FollowUpReminder,
}

impl MessageKind {
    pub const ALL: [MessageKind; 6] = [
        MessageKind::AppointmentConfirmed,
        MessageKind::Reminder,
        MessageKind::CarReady,
        MessageKind::EtaSlipped,
        MessageKind::ApprovalNeeded,
        MessageKind::FollowUpReminder,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::AppointmentConfirmed => "appointment_confirmed",
            MessageKind::Reminder => "reminder",
            MessageKind::CarReady => "car_ready",
            MessageKind::EtaSlipped => "eta_slipped",
            MessageKind::ApprovalNeeded => "approval_needed",
            MessageKind::FollowUpReminder => "follow_up_reminder",
        }
    }

    pub fn parse(text: &str) -> Option<MessageKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Where a message is: waiting (or retrying), delivered to the gateway, given up on
/// after too many failures, or never sent because the customer said no.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageState {
    Pending,
    Sent,
    Dead,
    Suppressed,
}

impl MessageState {
    pub const ALL: [MessageState; 4] = [
        MessageState::Pending,
        MessageState::Sent,
        MessageState::Dead,
        MessageState::Suppressed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MessageState::Pending => "pending",
            MessageState::Sent => "sent",
            MessageState::Dead => "dead",
            MessageState::Suppressed => "suppressed",
        }
    }

    pub fn parse(text: &str) -> Option<MessageState> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// One message in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OutboxMessage {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub kind: MessageKind,
    pub customer_id: Option<i64>,
    pub job_id: Option<i64>,
    pub appointment_id: Option<i64>,
    /// 11 digits: where the gateway sends it.
    pub phone: String,
    /// `zh` or `en`.
    pub language: String,
    pub text: String,
    /// The customer's tracking page or the appointment's kiosk code, when there is one.
    pub link: Option<String>,
    pub state: MessageState,
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/messages`: newest first, at most 200.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MessageList {
    /// Whether a webhook is configured (`PITWALL_WEBHOOK_URL`); without one, messages wait.
    pub gateway: bool,
    pub messages: Vec<OutboxMessage>,
}

/// What the webhook receives: `POST` with this JSON body and the headers
/// `X-Pitwall-Timestamp` (Unix seconds) and `X-Pitwall-Signature`
/// (`sha256=` + hex HMAC-SHA256 of `"{timestamp}.{body}"` with the shared secret).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WebhookPayload {
    /// The outbox id: the same message retried carries the same id (deduplicate on it).
    pub id: i64,
    pub kind: MessageKind,
    pub phone: String,
    pub language: String,
    pub text: String,
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
}
