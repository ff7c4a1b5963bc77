//! The outbox as a table: when, what, to whom, the text (in the customer's language) and
//! its link, and where its delivery is, as a coloured badge with a word.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::to_store_local;
use crate::i18n::{messages::Ms, t, Key, Lang};
use crate::model::{MessageState, OutboxMessage};

fn when(at: DateTime<Utc>) -> String {
    to_store_local(at).format("%m-%d %H:%M").to_string()
}

#[component]
pub fn Table(lang: Memo<Lang>, rows: Vec<OutboxMessage>) -> impl IntoView {
    let ms = move |key: Ms| move || t(lang.get(), Key::Messages(key));
    view! {
        <div class="msg-table-wrap"><table class="msg-table">
            <thead><tr>
                <th>{ms(Ms::Created)}</th>
                <th>{ms(Ms::KindLabel)}</th>
                <th>{ms(Ms::Phone)}</th>
                <th>{ms(Ms::Text)}</th>
                <th>{ms(Ms::StateLabel)}</th>
                <th class="num">{ms(Ms::Attempts)}</th>
                <th>{ms(Ms::NextAttempt)} " / " {ms(Ms::Sent)}</th>
                <th>{ms(Ms::LastError)}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|m| {
                    let (kind, state) = (m.kind, m.state);
                    let next = match (state, m.sent_at) {
                        (_, Some(at)) => when(at),
                        (MessageState::Pending, None) => when(m.next_attempt_at),
                        _ => "—".to_string(),
                    };
                    view! {
                        <tr data-testid="msg-row" data-kind=kind.as_str() data-state=state.as_str() data-id=m.id>
                            <td>{when(m.created_at)}</td>
                            <td>{ms(Ms::Kind(kind))}</td>
                            <td>{m.phone}</td>
                            <td lang=m.language>{m.text} {m.link.map(|l| view! { <br /><span class="muted msg-link">{l}</span> })}</td>
                            <td><span class=format!("msg-state msg-{}", state.as_str())>{ms(Ms::State(state))}</span></td>
                            <td class="num">{m.attempts}</td>
                            <td>{next}</td>
                            <td class="msg-error">{m.last_error}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table></div>
    }
}
