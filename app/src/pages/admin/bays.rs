//! Admin · bays: each bay's names, team, skills and hours, edited in place, and its
//! out-of-service periods (take out for a period, put back). Changes reach the workshop
//! board live through the bay's event.

use chrono::{DateTime, NaiveDateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Admin;
use crate::client::send;
use crate::domain::{from_store_local, to_store_local};
use crate::i18n::{admin::A, workshop::skill_name, Key};
use crate::model::{AdminBays, BayEdit, BayInfo, OutageEdit};

fn edit_of(b: &BayInfo) -> BayEdit {
    BayEdit {
        name_zh: b.name_zh.clone(),
        name_en: b.name_en.clone(),
        team_name: b.team_name.clone(),
        skills: b.skills.clone(),
        opens_at: b.opens_at.clone(),
        closes_at: b.closes_at.clone(),
    }
}

/// A `datetime-local` input's value in the store's time zone, as UTC.
fn local_input(value: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .ok()
        .map(from_store_local)
}

fn shown(at: DateTime<Utc>) -> String {
    to_store_local(at).format("%m-%d %H:%M").to_string()
}

#[component]
pub fn Bays(admin: Admin) -> impl IntoView {
    let data = RwSignal::new(None::<AdminBays>);
    let load = move || {
        spawn_local(async move {
            match send::<(), AdminBays>("GET", "/api/v1/admin/bays", None).await {
                Ok(d) => data.set(Some(d)),
                Err(e) => admin.message.set(Some(e.key())),
            }
        })
    };
    load();
    view! {
        <section class="admin-bays" aria-label=move || admin.a(A::Bays)>
            {move || match data.get() {
                None => view! { <p class="muted">{move || t_loading(admin)}</p> }.into_any(),
                Some(d) if d.bays.is_empty() => view! { <p class="empty">{admin.a(A::NoBays)}</p> }.into_any(),
                Some(d) => d.bays.iter().map(|b| {
                    view! { <BayCard admin bay=b.clone() skills=d.skills.clone() reload=Callback::new(move |_| load()) /> }
                }).collect_view().into_any(),
            }}
        </section>
    }
}

fn t_loading(admin: Admin) -> &'static str {
    crate::i18n::t(admin.lang.get(), Key::Loading)
}

#[component]
fn BayCard(admin: Admin, bay: BayInfo, skills: Vec<String>, reload: Callback<()>) -> impl IntoView {
    let edit = RwSignal::new(edit_of(&bay));
    let (from, to, reason) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let id = bay.id;
    let save = move |_| {
        let body = edit.get_untracked();
        spawn_local(async move {
            match send::<_, BayInfo>("PUT", &format!("/api/v1/admin/bays/{id}"), Some(&body)).await
            {
                Ok(_) => {
                    admin.message.set(None);
                    reload.run(())
                }
                Err(e) => admin.message.set(Some(e.key())),
            }
        })
    };
    let take_out = move |_| {
        let (Some(from), Some(to)) = (
            local_input(&from.get_untracked()),
            local_input(&to.get_untracked()),
        ) else {
            admin.message.set(Some(Key::SomethingWrong));
            return;
        };
        let body = OutageEdit {
            from,
            to,
            reason: reason.get_untracked(),
        };
        spawn_local(async move {
            match send::<_, BayInfo>(
                "POST",
                &format!("/api/v1/admin/bays/{id}/outages"),
                Some(&body),
            )
            .await
            {
                Ok(_) => {
                    admin.message.set(None);
                    reload.run(())
                }
                Err(e) => admin.message.set(Some(e.key())),
            }
        })
    };
    let field = move |key: A, get: fn(&BayEdit) -> String, set: fn(&mut BayEdit, String)| {
        view! {
            <label class="field">
                <span>{move || admin.a(key)}</span>
                <input prop:value=move || edit.with(get) on:input=move |ev| { let v = event_target_value(&ev); edit.update(|e| set(e, v)); } />
            </label>
        }
    };
    let outages = bay.out_of_service.clone();
    view! {
        <article class="card admin-bay" data-testid=format!("admin-bay-{id}")>
            <h2>{bay.name_zh.clone()} " · " {bay.name_en.clone()}</h2>
            {field(A::NameZh, |e| e.name_zh.clone(), |e, v| e.name_zh = v)}
            {field(A::NameEn, |e| e.name_en.clone(), |e, v| e.name_en = v)}
            {field(A::TeamName, |e| e.team_name.clone(), |e, v| e.team_name = v)}
            <fieldset class="skills"><legend>{move || admin.a(A::Skills)}</legend>
                {skills.into_iter().map(|s| {
                    let code = s.clone();
                    let has = { let code = code.clone(); move || edit.with(|e| e.skills.contains(&code)) };
                    view! {
                        <label class="check big">
                            <input type="checkbox" prop:checked=has.clone() on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let code = code.clone();
                                edit.update(|e| { e.skills.retain(|k| *k != code); if on { e.skills.push(code); } });
                            } />
                            <span>{move || skill_name(admin.lang.get(), &s)}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            {field(A::OpensAt, |e| e.opens_at.clone(), |e, v| e.opens_at = v)}
            {field(A::ClosesAt, |e| e.closes_at.clone(), |e, v| e.closes_at = v)}
            <button type="button" class="btn btn-primary big" on:click=save>{move || admin.a(A::Save)}</button>
            <h3>{move || admin.a(A::OutOfService)}</h3>
            <ul class="outages">
                {outages.into_iter().map(|o| {
                    let oid = o.id;
                    let back = move |_| spawn_local(async move {
                        match send::<(), BayInfo>("DELETE", &format!("/api/v1/admin/bays/{id}/outages/{oid}"), None).await {
                            Ok(_) => reload.run(()),
                            Err(e) => admin.message.set(Some(e.key())),
                        }
                    });
                    view! {
                        <li data-testid="outage">{shown(o.from)} " – " {shown(o.to)} " · " {o.reason.clone()}
                            <button type="button" class="btn" on:click=back>{move || admin.a(A::BackInService)}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="outage-form">
                <label class="field"><span>{move || admin.a(A::From)}</span>
                    <input type="datetime-local" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{move || admin.a(A::To)}</span>
                    <input type="datetime-local" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{move || admin.a(A::Reason)}</span>
                    <input prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) /></label>
                <button type="button" class="btn big" on:click=take_out>{move || admin.a(A::TakeOut)}</button>
            </div>
        </article>
    }
}
