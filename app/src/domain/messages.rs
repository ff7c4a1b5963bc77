//! The words of each message to a customer (通知), in Chinese and English: short,
//! polite, SMS-sized, with the store's name, the car's plate and the facts the kind of
//! message needs. Pure: the caller formats times and money in the store's way.

use crate::model::MessageKind;

/// What a message may mention, already formatted for the customer's language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageFacts {
    pub store_name: String,
    pub plate: String,
    /// A store-local time: "12月5日 10:00" or "5 Dec 10:00".
    pub when: Option<String>,
    /// The appointment's code, typed at the kiosk.
    pub code: Option<String>,
    /// An amount: "¥380.00".
    pub amount: Option<String>,
}

/// The text of a `kind` message, in Chinese when `zh`, else in English. A fact the
/// caller leaves out is left out of the sentence, never shown empty.
pub fn compose(kind: MessageKind, zh: bool, facts: &MessageFacts) -> String {
    if zh {
        compose_zh(kind, facts)
    } else {
        compose_en(kind, facts)
    }
}

fn compose_zh(kind: MessageKind, f: &MessageFacts) -> String {
    let (store, plate) = (&f.store_name, &f.plate);
    let part = |fact: &Option<String>, write: &dyn Fn(&str) -> String| {
        fact.as_deref().map(write).unwrap_or_default()
    };
    let body = match kind {
        MessageKind::AppointmentConfirmed => format!(
            "您的车辆{plate}已预约成功{}。{}如需改期，请致电我们。",
            part(&f.when, &|w| format!("，到店时间{w}")),
            part(&f.code, &|c| format!(
                "到店后请在自助机输入预约码{c}办理接车。"
            )),
        ),
        MessageKind::Reminder => format!(
            "您的车辆{plate}即将到下次保养时间{}。回复本短信或致电我们即可预约。",
            part(&f.when, &|w| format!("（约{w}）")),
        ),
        MessageKind::CarReady => {
            format!("您的车辆{plate}已完工，可以来取车了。感谢您的耐心等待！")
        }
        MessageKind::EtaSlipped => format!(
            "抱歉，您的车辆{plate}完工时间有所推迟{}。给您带来不便，敬请谅解。",
            part(&f.when, &|w| format!("，预计{w}完工")),
        ),
        MessageKind::ApprovalNeeded => format!(
            "检修中发现您的车辆{plate}需要增加项目{}。请打开链接查看并确认是否施工。",
            part(&f.amount, &|a| format!("，费用{a}")),
        ),
        MessageKind::FollowUpReminder => format!(
            "感谢您光临！我们的客服将在近几日致电回访您的车辆{plate}此次到店服务的体验，请留意来电。"
        ),
    };
    format!("【{store}】{body}")
}

fn compose_en(kind: MessageKind, f: &MessageFacts) -> String {
    let (store, plate) = (&f.store_name, &f.plate);
    let part = |fact: &Option<String>, write: &dyn Fn(&str) -> String| {
        fact.as_deref().map(write).unwrap_or_default()
    };
    let body = match kind {
        MessageKind::AppointmentConfirmed => format!(
            "your appointment for {plate} is confirmed{}. {}To change it, please call us.",
            part(&f.when, &|w| format!(" for {w}")),
            part(&f.code, &|c| format!(
                "At the kiosk, enter code {c} to check in. "
            )),
        ),
        MessageKind::Reminder => format!(
            "{plate} is due for its next service{}. Reply to this message or call us to book.",
            part(&f.when, &|w| format!(" around {w}")),
        ),
        MessageKind::CarReady => {
            format!("good news, {plate} is ready to collect. Thank you for waiting.")
        }
        MessageKind::EtaSlipped => format!(
            "sorry, {plate} is taking longer than promised{}. Thank you for your patience.",
            part(&f.when, &|w| format!(": we now expect it ready at {w}")),
        ),
        MessageKind::ApprovalNeeded => format!(
            "we found extra work needed on {plate}{}. Please open the link to approve or decline.",
            part(&f.amount, &|a| format!(" ({a})")),
        ),
        MessageKind::FollowUpReminder => format!(
            "thank you for your visit with {plate}. We will call you in the next few days to \
             hear how it went."
        ),
    };
    format!("{store}: {body}")
}

#[cfg(test)]
mod tests;
