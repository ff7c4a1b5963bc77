//! `/desk/customers`: the customer's file (客户档案) behind a staff sign-in (reception
//! roles). A search by plate, phone, name or VIN (`search`); a customer's file with their
//! cars and every visit (`file`); corrections to contact and car details (`edit`). The
//! URL keeps the search and the open customer (`?q=…&id=…`), so a link opens a file.

mod edit;
mod file;
mod search;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::client::{send, ClientError};
use crate::components::StaffPage;
use crate::domain::Role;
use crate::i18n::{customers::Cu, t, Key, Lang};
use crate::model::CustomerFile;

/// What the page's parts share.
#[derive(Clone, Copy)]
pub(crate) struct Cust {
    pub lang: Memo<Lang>,
    pub message: RwSignal<Option<Key>>,
    pub busy: RwSignal<bool>,
    /// The open customer's file, as last read or saved.
    pub file: RwSignal<Option<CustomerFile>>,
    /// The open form: the customer's contact details (`Some(None)`) or a car's.
    pub editing: RwSignal<Option<Option<i64>>>,
    /// The last save's error, for the fields it names.
    pub error: RwSignal<Option<ClientError>>,
}

impl Cust {
    pub fn c(self, key: Cu) -> &'static str {
        t(self.lang.get(), Key::Customers(key))
    }

    /// `key`'s line with `{n}` filled.
    pub fn n(self, key: Cu, n: impl ToString) -> String {
        self.c(key).replace("{n}", &n.to_string())
    }

    /// A desk link that keeps the screen's language.
    pub fn href(self, path: &str, query: &[(&'static str, String)]) -> String {
        let mut q: ParamsMap = query.iter().cloned().collect();
        q.insert("lang", self.lang.get().query().to_string());
        format!("{path}{}", q.to_query_string())
    }

    /// Opens a form (or closes it, `None`), forgetting the last error.
    pub fn open(self, form: Option<Option<i64>>) {
        self.error.set(None);
        self.editing.set(form);
    }

    /// PATCHes `body` to `url`; the answer is the customer's file again.
    pub fn save<B: serde::Serialize + 'static>(self, url: String, body: B) {
        self.busy.set(true);
        self.error.set(None);
        spawn_local(async move {
            match send::<_, CustomerFile>("PATCH", &url, Some(&body)).await {
                Ok(f) => {
                    self.file.set(Some(f));
                    self.editing.set(None);
                    self.message.set(Some(Key::Customers(Cu::Saved)));
                }
                Err(e) => {
                    let invalid = matches!(e, ClientError::Api { status: 422, .. });
                    self.message.set(Some(match e.key() {
                        Key::SomethingWrong if invalid => Key::Customers(Cu::Invalid),
                        k => k,
                    }));
                    self.error.set(Some(e));
                    // The switch goes back to what the file says.
                    if self.editing.get_untracked().is_none() {
                        self.file.update(|_| ());
                    }
                }
            }
            self.busy.set(false);
        });
    }
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    let message = RwSignal::new(None::<Key>);
    let links = vec![
        ("/desk", Key::Desk(crate::i18n::desk::D::DeskTitle)),
        (
            "/desk/appointments",
            Key::Appointments(crate::i18n::appointments::Ap::Title),
        ),
        (
            "/desk/messages",
            Key::Messages(crate::i18n::messages::Ms::Title),
        ),
    ];
    view! {
        <StaffPage title=Key::Customers(Cu::Title) class="aftersales-page cust-page" links
            allow=Role::works_reception message
            body=move |_actor, lang| view! { <Customers lang message /> } />
    }
}

#[component]
fn Customers(lang: Memo<Lang>, message: RwSignal<Option<Key>>) -> impl IntoView {
    let cust = Cust {
        lang,
        message,
        busy: RwSignal::new(false),
        file: RwSignal::new(None),
        editing: RwSignal::new(None),
        error: RwSignal::new(None),
    };
    let query = use_query_map();
    let id = Memo::new(move |_| query.with(|q| q.get("id").and_then(|v| v.parse::<i64>().ok())));
    let failed = RwSignal::new(None::<Key>);
    Effect::new(move |_| {
        let Some(want) = id.get() else {
            cust.file.set(None);
            return;
        };
        cust.editing.set(None);
        failed.set(None);
        spawn_local(async move {
            let got =
                send::<(), CustomerFile>("GET", &format!("/api/v1/customers/{want}"), None).await;
            if id.get_untracked() == Some(want) {
                match got {
                    Ok(f) => {
                        failed.set(None);
                        cust.file.set(Some(f));
                    }
                    Err(e) => failed.set(Some(e.key())),
                }
            }
        });
    });
    view! {
        <search::Search cust />
        {move || failed.get().map(|k| view! { <p class="placeholder error">{t(lang.get(), k)}</p> })}
        {move || cust.file.get().filter(|f| Some(f.id) == id.get()).map(|f| view! { <file::File cust f /> })}
    }
}
