//! The "ready" call-out: when a car turns ready it is announced large for a few
//! seconds, with a chime and, where the board has sound, spoken by ticket — never by
//! name.

use std::collections::{BTreeSet, VecDeque};

use leptos::prelude::*;

use crate::i18n::{t, Key, Lang};
use crate::model::PublicJob;

/// How long one announcement stays up.
pub const CALLOUT_SECS: u64 = 6;

/// The tickets that turned ready since `before` (the ready job ids last seen); `None`
/// before the board first loaded, so cars already ready are not announced again.
pub fn newly_ready(before: Option<&BTreeSet<i64>>, jobs: &[PublicJob]) -> Vec<String> {
    let Some(before) = before else {
        return Vec::new();
    };
    jobs.iter()
        .filter(|j| j.stage == crate::domain::Stage::Ready && !before.contains(&j.id))
        .map(|j| j.ticket.clone())
        .collect()
}

/// Watches `jobs` and shows each newly ready ticket in turn.
#[component]
pub fn ReadyCallout(
    jobs: Signal<Option<Vec<PublicJob>>>,
    lang: Signal<Lang>,
    sound: bool,
) -> impl IntoView {
    let queue = RwSignal::new(VecDeque::<String>::new());
    let seen = StoredValue::new(None::<BTreeSet<i64>>);
    Effect::new(move |_| {
        let Some(jobs) = jobs.get() else { return };
        let fresh = seen.with_value(|s| newly_ready(s.as_ref(), &jobs));
        // Only the cars on the board now: the memory stays bounded by the board.
        let ready: BTreeSet<i64> = jobs
            .iter()
            .filter(|j| j.stage == crate::domain::Stage::Ready)
            .map(|j| j.id)
            .collect();
        seen.set_value(Some(ready));
        if !fresh.is_empty() {
            queue.update(|q| q.extend(fresh));
        }
    });
    let current = Memo::new(move |_| queue.with(|q| q.front().cloned()));
    Effect::new(move |_| {
        let Some(ticket) = current.get() else { return };
        announce(&ticket, lang.get_untracked(), sound);
        set_timeout(
            move || {
                queue.update(|q| {
                    q.pop_front();
                })
            },
            std::time::Duration::from_secs(CALLOUT_SECS),
        );
    });
    move || {
        current.get().map(|ticket| {
            let lang = lang.get();
            view! {
                <div class="ready-callout" role="alert" data-testid="ready-callout">
                    <p class="callout-ticket">{ticket}</p>
                    <p class="callout-text">{t(lang, Key::ReadyCallout)}</p>
                </div>
            }
        })
    }
}

/// Chime and speech, in the browser only.
fn announce(ticket: &str, lang: Lang, sound: bool) {
    #[cfg(feature = "hydrate")]
    if sound {
        chime();
        let text = t(lang, Key::ReadySpeech).replace("{ticket}", ticket);
        if let (Some(window), Ok(utterance)) = (
            web_sys::window(),
            web_sys::SpeechSynthesisUtterance::new_with_text(&text),
        ) {
            utterance.set_lang(lang.tag());
            if let Ok(speech) = window.speech_synthesis() {
                speech.speak(&utterance);
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ticket, lang, sound);
}

#[cfg(feature = "hydrate")]
thread_local! {
    /// The board's one audio context, made at the first chime: a TV that runs for days
    /// must not collect a context per announcement (browsers cap them, and each holds
    /// an audio thread).
    static AUDIO: std::cell::RefCell<Option<web_sys::AudioContext>> = const { std::cell::RefCell::new(None) };
}

/// Two soft tones.
#[cfg(feature = "hydrate")]
fn chime() {
    let Some(ctx) = AUDIO.with_borrow_mut(|audio| {
        if audio.is_none() {
            *audio = web_sys::AudioContext::new().ok();
        }
        audio.clone()
    }) else {
        return;
    };
    // A context the browser suspended (no user gesture yet, or the tab was hidden).
    let _ = ctx.resume();
    let start = ctx.current_time();
    for (i, freq) in [880.0_f32, 660.0].into_iter().enumerate() {
        let (Ok(osc), Ok(gain)) = (ctx.create_oscillator(), ctx.create_gain()) else {
            return;
        };
        let at = start + 0.35 * i as f64;
        osc.frequency().set_value(freq);
        gain.gain().set_value(0.0);
        let _ = gain.gain().linear_ramp_to_value_at_time(0.25, at + 0.02);
        let _ = gain.gain().linear_ramp_to_value_at_time(0.0, at + 0.6);
        let _ = osc.connect_with_audio_node(&gain);
        let _ = gain.connect_with_audio_node(&ctx.destination());
        let _ = osc.start_with_when(at);
        let _ = osc.stop_with_when(at + 0.65);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Stage;

    fn job(id: i64, stage: Stage) -> PublicJob {
        PublicJob {
            id,
            ticket: format!("A{id:02}"),
            version: 1,
            stage,
            bay_id: None,
            queue_pos: None,
            promised_at: chrono::DateTime::default(),
            eta: chrono::DateTime::default(),
            stage_since: chrono::DateTime::default(),
            flags: vec![],
            plate_masked: String::new(),
            model: String::new(),
            colour: None,
            labor_minutes: 0,
            skills: vec![],
            labour: Default::default(),
        }
    }

    #[test]
    fn only_cars_that_turn_ready_are_announced() {
        let jobs = [job(1, Stage::Ready), job(2, Stage::Washing)];
        assert!(newly_ready(None, &jobs).is_empty(), "nothing on first load");
        let before = BTreeSet::from([1]);
        assert!(newly_ready(Some(&before), &jobs).is_empty());
        let later = [job(1, Stage::Ready), job(2, Stage::Ready)];
        assert_eq!(newly_ready(Some(&before), &later), vec!["A02".to_string()]);
    }
}
