//! `/desk/messages` strings; each key with Chinese and English side by side.

use super::Lang;
use crate::model::{MessageKind, MessageState};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ms {
    Title,
    Kind(MessageKind),
    State(MessageState),
    All,
    Refresh,
    NoGateway,
    Empty,
    Created,
    KindLabel,
    StateLabel,
    Phone,
    Text,
    Attempts,
    NextAttempt,
    Sent,
    LastError,
}

pub fn text(lang: Lang, key: Ms) -> &'static str {
    let (zh, en) = match key {
        Ms::Title => ("客户通知", "Messages to customers"),
        Ms::Kind(k) => match k {
            MessageKind::AppointmentConfirmed => ("预约确认", "Appointment confirmed"),
            MessageKind::Reminder => ("保养提醒", "Service reminder"),
            MessageKind::CarReady => ("车辆已完工", "Car ready"),
            MessageKind::EtaSlipped => ("完工时间推迟", "Ready time moved"),
            MessageKind::ApprovalNeeded => ("增项待确认", "Extra work to approve"),
            MessageKind::FollowUpReminder => ("回访提醒", "Follow-up reminder"),
        },
        Ms::State(s) => match s {
            MessageState::Pending => ("待发送", "Pending"),
            MessageState::Sent => ("已发送", "Sent"),
            MessageState::Dead => ("发送失败", "Failed"),
            MessageState::Suppressed => ("客户拒收", "Not sent (opted out)"),
        },
        Ms::All => ("全部", "All"),
        Ms::Refresh => ("刷新", "Refresh"),
        Ms::NoGateway => (
            "未配置短信网关：通知会一直等待，直到设置 PITWALL_WEBHOOK_URL。",
            "No gateway configured: messages wait until PITWALL_WEBHOOK_URL is set.",
        ),
        Ms::Empty => ("没有通知。", "No messages."),
        Ms::Created => ("时间", "Created"),
        Ms::KindLabel => ("类型", "Type"),
        Ms::StateLabel => ("状态", "State"),
        Ms::Phone => ("手机号", "Phone"),
        Ms::Text => ("内容", "Text"),
        Ms::Attempts => ("尝试次数", "Attempts"),
        Ms::NextAttempt => ("下次尝试", "Next attempt"),
        Ms::Sent => ("发送于", "Sent at"),
        Ms::LastError => ("最近错误", "Last error"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
