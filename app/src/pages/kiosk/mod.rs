//! `/kiosk`: the customer's self check-in on a portrait touchscreen, from Welcome to a
//! ticket. Everything typed lives in one in-memory `Draft`; an idle screen asks, then
//! resets; a human is one tap away on every step.

mod choices;
mod draft;
mod estimate;
mod find;
mod idle;
mod mileage;
mod plate_field;
mod services;
mod sign;
mod ticket;
mod walk_in;
mod welcome;

use leptos::prelude::*;

use crate::client::{self, ClientError};
use crate::components::{Glyph, Icon};
use crate::i18n::{kiosk::K, t, use_lang, Key, Lang};
use crate::model::{DeskRequest, DeskRequestIn, Quote};
pub use draft::{Draft, Step};

/// The kiosk's shared state, handed to every step through context.
#[derive(Clone, Copy)]
pub struct Kiosk {
    pub draft: RwSignal<Draft>,
    pub lang: Memo<Lang>,
    /// The last failed call, shown on the current step.
    pub error: RwSignal<Option<ClientError>>,
    pub busy: RwSignal<bool>,
    pub advisor_called: RwSignal<bool>,
    default_lang: Lang,
}

impl Kiosk {
    fn new(default_lang: Lang) -> Kiosk {
        let draft = RwSignal::new(Draft {
            lang: default_lang,
            ..Draft::default()
        });
        Kiosk {
            draft,
            lang: Memo::new(move |_| draft.with(|d| d.lang)),
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
            advisor_called: RwSignal::new(false),
            default_lang,
        }
    }

    /// A kiosk string in the current language (tracked).
    pub fn t(self, key: K) -> &'static str {
        t(self.lang.get(), Key::Kiosk(key))
    }

    pub fn go(self, step: Step) {
        self.error.set(None);
        self.draft.update(|d| d.step = step);
        // A new step starts at its top, whatever was scrolled on the last one.
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// Back to Welcome with nothing of the last customer left.
    pub fn reset(self) {
        self.error.set(None);
        self.busy.set(false);
        self.advisor_called.set(false);
        self.draft.set(Draft {
            lang: self.default_lang,
            ..Draft::default()
        });
    }

    pub fn offline(self) -> bool {
        self.error.with(|e| matches!(e, Some(ClientError::Network)))
    }

    /// The message for `field` from the last failed call, in the screen's language.
    pub fn field_error(self, field: &str) -> Option<String> {
        let lang = self.lang.get();
        self.error
            .with(|e| e.as_ref().and_then(|e| e.field_text(field, lang)))
    }

    /// Prices the draft as it stands, then moves to `next`.
    pub fn quote_then(self, next: Step) {
        let request = self.draft.with_untracked(Draft::quote_request);
        self.call(
            move || async move {
                client::send::<_, Quote>("POST", "/api/v1/checkins/quote", Some(&request)).await
            },
            move |quote| {
                self.draft.update(|d| d.quote = Some(quote));
                self.go(next);
            },
        );
    }

    /// Runs a call with the busy flag and error handling; `done` gets the answer.
    pub fn call<F, Fut, R>(self, make: F, done: impl Fn(R) + 'static)
    where
        F: FnOnce() -> Fut + 'static,
        Fut: std::future::Future<Output = Result<R, ClientError>> + 'static,
        R: 'static,
    {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            let result = make().await;
            self.busy.set(false);
            match result {
                Ok(r) => {
                    self.error.set(None);
                    done(r)
                }
                Err(e) => self.error.set(Some(e)),
            }
        });
    }
}

/// The kiosk; with `desk`, the same form at the service desk: an advisor fills it in
/// with the customer (no idle reset, no "call an advisor", a way back to the desk).
#[component]
pub fn KioskPage(#[prop(optional)] desk: bool) -> impl IntoView {
    // Handed to every step as a prop, so no step can run without it.
    let kiosk = Kiosk::new(use_lang().get_untracked());
    let step = Memo::new(move |_| kiosk.draft.with(|d| d.step));
    let lang = kiosk.lang;
    // Effects run only in the browser: tests wait for this before tapping.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <main
            class=if desk { "kiosk at-desk" } else { "kiosk" }
            data-hydrated=move || hydrated.get().to_string()
            lang=move || lang.get().tag()
            data-step=move || step.get().as_str()
        >
            <header class="kiosk-header">
                <div class="kiosk-brand">
                    <strong>{move || t(lang.get(), Key::StoreName)}</strong>
                    <span>{move || kiosk.t(K::Title)}</span>
                </div>
                <LanguageSwitch kiosk />
                {if desk {
                    view! { <a class="call-advisor" href=move || format!("/desk?lang={}", lang.get().query())>{move || t(lang.get(), Key::Desk(crate::i18n::desk::D::BackToDesk))}</a> }.into_any()
                } else {
                    view! { <CallAdvisor kiosk /> }.into_any()
                }}
            </header>
            <Progress kiosk step />
            <AdvisorComing kiosk />
            <OfflineBanner kiosk />
            <section class="kiosk-body">
                {move || match step.get() {
                    Step::Welcome => view! { <welcome::Welcome kiosk /> }.into_any(),
                    Step::Find => view! { <find::Find kiosk /> }.into_any(),
                    Step::WalkIn => view! { <walk_in::WalkIn kiosk /> }.into_any(),
                    Step::Mileage => view! { <mileage::MileageStep kiosk /> }.into_any(),
                    Step::Services => view! { <services::Services kiosk /> }.into_any(),
                    Step::Estimate => view! { <estimate::EstimateStep kiosk /> }.into_any(),
                    Step::Choices => view! { <choices::Choices kiosk /> }.into_any(),
                    Step::Sign => view! { <sign::Sign kiosk /> }.into_any(),
                    Step::Ticket => view! { <ticket::Ticket kiosk /> }.into_any(),
                }}
            </section>
            {(!desk).then(|| view! { <idle::IdleGuard kiosk /> })}
        </main>
    }
}

#[component]
fn LanguageSwitch(kiosk: Kiosk) -> impl IntoView {
    let choose = move |lang: Lang| kiosk.draft.update(|d| d.lang = lang);
    let pressed = move |lang: Lang| move || (kiosk.lang.get() == lang).to_string();
    view! {
        <div class="language-switch" role="group" aria-label=move || kiosk.t(K::Language)>
            <button type="button" lang="zh-CN" aria-pressed=pressed(Lang::Zh) on:click=move |_| choose(Lang::Zh)>"中文"</button>
            <button type="button" lang="en" aria-pressed=pressed(Lang::En) on:click=move |_| choose(Lang::En)>"English"</button>
        </div>
    }
}

#[component]
fn CallAdvisor(kiosk: Kiosk) -> impl IntoView {
    let call = move |_| {
        let request = DeskRequestIn {
            source: "kiosk".into(),
            language: Some(kiosk.lang.get_untracked().query().into()),
        };
        kiosk.call(
            move || async move {
                client::send::<_, DeskRequest>("POST", "/api/v1/desk-requests", Some(&request))
                    .await
            },
            move |_| kiosk.advisor_called.set(true),
        );
    };
    view! {
        <button type="button" class="call-advisor" on:click=call>
            <Icon glyph=Glyph::Hand />
            {move || kiosk.t(K::CallAdvisor)}
        </button>
    }
}

#[component]
fn AdvisorComing(kiosk: Kiosk) -> impl IntoView {
    view! {
        <Show when=move || kiosk.advisor_called.get()>
            <p class="notice advisor-coming" role="status">{move || kiosk.t(K::AdvisorComing)}</p>
        </Show>
    }
}

#[component]
fn OfflineBanner(kiosk: Kiosk) -> impl IntoView {
    view! {
        <Show when=move || kiosk.offline()>
            <p class="notice offline" role="alert">{move || kiosk.t(K::Offline)}</p>
        </Show>
    }
}

#[component]
fn Progress(kiosk: Kiosk, step: Memo<Step>) -> impl IntoView {
    move || {
        step.get().progress().map(|(n, of)| {
            view! {
                <p class="kiosk-progress" aria-live="polite">
                    {kiosk.t(K::Step)} " " {n} " / " {of}
                    <progress max=of value=n aria-hidden="true"></progress>
                </p>
            }
        })
    }
}

/// The Back / Next row at the bottom of a step.
#[component]
pub(crate) fn StepNav(
    kiosk: Kiosk,
    #[prop(into)] next_enabled: Signal<bool>,
    #[prop(into)] on_next: Callback<()>,
    #[prop(optional, into)] next_label: Option<Signal<&'static str>>,
) -> impl IntoView {
    let back = move |_| {
        let returning = kiosk.draft.with_untracked(|d| d.lookup.is_some());
        let to = kiosk.draft.with_untracked(|d| d.step.back(returning));
        kiosk.go(to);
    };
    let label = move || {
        next_label
            .map(|l| l.get())
            .unwrap_or_else(|| kiosk.t(K::Next))
    };
    view! {
        <nav class="step-nav">
            <button type="button" class="secondary back" on:click=back>
                "‹ " {move || kiosk.t(K::Back)}
            </button>
            <button
                type="button"
                class="primary next"
                disabled=move || !next_enabled.get() || kiosk.busy.get()
                on:click=move |_| on_next.run(())
            >
                {label}
            </button>
        </nav>
    }
}

/// The error of the last call that is not about a field: not found, too many tries,
/// something else. Network trouble has its own banner.
#[component]
pub(crate) fn CallError(kiosk: Kiosk) -> impl IntoView {
    move || {
        let lang = kiosk.lang.get();
        kiosk
            .error
            .with(|e| match e {
                Some(ClientError::Api { status: 404, .. }) => {
                    Some(t(lang, Key::Kiosk(K::NotFound)).to_string())
                }
                Some(e @ ClientError::Api { status: 429, .. }) => {
                    Some(t(lang, e.key()).to_string())
                }
                Some(ClientError::Api {
                    fields, message, ..
                }) if fields.is_empty() => Some(match lang {
                    Lang::En => message.clone(),
                    Lang::Zh => t(lang, Key::SomethingWrong).to_string(),
                }),
                Some(ClientError::Api { fields, .. }) => Some(match lang {
                    Lang::En => fields.values().cloned().collect::<Vec<_>>().join(" "),
                    Lang::Zh => t(lang, Key::Kiosk(K::FieldProblem)).to_string(),
                }),
                _ => None,
            })
            .map(|message| view! { <p class="call-error" role="alert">{message}</p> })
    }
}
