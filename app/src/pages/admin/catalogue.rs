//! Admin · catalogue and prices: the labour rate and every service item with its price
//! at that rate; an item's minutes, skill, part and quantity edited in place. A change
//! prices only what comes after (jobs keep the prices they were checked in with).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Admin;
use crate::client::send;
use crate::domain::Money;
use crate::i18n::{admin::A, t, workshop::skill_name, Key};
use crate::model::{AdminCatalogue, AdminServiceItem, LabourRateEdit, ServiceItemEdit};

#[component]
pub fn Catalogue(admin: Admin) -> impl IntoView {
    let data = RwSignal::new(None::<AdminCatalogue>);
    let load = move || {
        spawn_local(async move {
            match send::<(), AdminCatalogue>("GET", "/api/v1/admin/catalogue", None).await {
                Ok(d) => data.set(Some(d)),
                Err(e) => admin.message.set(Some(e.key())),
            }
        })
    };
    load();
    let reload = Callback::new(move |_| load());
    let rate = RwSignal::new(String::new());
    let save_rate = move |_| {
        let Ok(fen) = rate.get_untracked().trim().parse::<i64>() else {
            admin.message.set(Some(Key::SomethingWrong));
            return;
        };
        spawn_local(async move {
            let body = LabourRateEdit {
                labour_rate_fen_per_hour: fen,
            };
            match send::<_, LabourRateEdit>("PUT", "/api/v1/admin/labour-rate", Some(&body)).await {
                Ok(_) => {
                    admin.message.set(None);
                    load()
                }
                Err(e) => admin.message.set(Some(e.key())),
            }
        })
    };
    view! {
        <section class="admin-catalogue" aria-label=move || admin.a(A::Catalogue)>
            {move || match data.get() {
                None => view! { <p class="muted">{move || t(admin.lang.get(), Key::Loading)}</p> }.into_any(),
                Some(d) => {
                    rate.set(d.labour_rate_fen_per_hour.to_string());
                    view! {
                        <div class="rate">
                            <label class="field"><span>{move || admin.a(A::LabourRate)} {move || admin.a(A::PerHour)}</span>
                                <input inputmode="numeric" prop:value=move || rate.get() on:input=move |ev| rate.set(event_target_value(&ev)) /></label>
                            <button type="button" class="btn btn-primary big" on:click=save_rate>{move || admin.a(A::Save)}</button>
                        </div>
                        {if d.items.is_empty() {
                            view! { <p class="empty">{admin.a(A::NoItems)}</p> }.into_any()
                        } else {
                            view! {
                                <table class="catalogue-list">
                                    <thead><tr>
                                        <th>{move || admin.a(A::Code)}</th><th>{move || admin.a(A::NameZh)}</th><th>{move || admin.a(A::NameEn)}</th>
                                        <th>{move || admin.a(A::Minutes)}</th><th>{move || admin.a(A::Skill)}</th>
                                        <th>{move || admin.a(A::Labour)}</th><th>{move || admin.a(A::Parts)}</th><th></th>
                                    </tr></thead>
                                    <tbody>{d.items.iter().map(|i| view! { <ItemRow admin item=i.clone() reload /> }).collect_view()}</tbody>
                                </table>
                            }.into_any()
                        }}
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn ItemRow(admin: Admin, item: AdminServiceItem, reload: Callback<()>) -> impl IntoView {
    let edit = RwSignal::new(item.edit.clone());
    let minutes = RwSignal::new(item.edit.labor_minutes.to_string());
    let id = item.id;
    let save = move |_| {
        let Ok(m) = minutes.get_untracked().trim().parse::<u32>() else {
            admin.message.set(Some(Key::SomethingWrong));
            return;
        };
        let body: ServiceItemEdit = ServiceItemEdit {
            labor_minutes: m,
            ..edit.get_untracked()
        };
        spawn_local(async move {
            match send::<_, AdminServiceItem>(
                "PUT",
                &format!("/api/v1/admin/catalogue/items/{id}"),
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
    let code = item.edit.code.clone();
    view! {
        <tr data-testid=format!("item-{code}")>
            <td>{code.clone()}</td>
            <td><input prop:value=move || edit.with(|e| e.name_zh.clone()) on:input=move |ev| { let v = event_target_value(&ev); edit.update(|e| e.name_zh = v); } /></td>
            <td><input prop:value=move || edit.with(|e| e.name_en.clone()) on:input=move |ev| { let v = event_target_value(&ev); edit.update(|e| e.name_en = v); } /></td>
            <td><input inputmode="numeric" aria-label=move || admin.a(A::Minutes) prop:value=move || minutes.get() on:input=move |ev| minutes.set(event_target_value(&ev)) /></td>
            <td>{move || skill_name(admin.lang.get(), &edit.with(|e| e.skill.clone()))}</td>
            <td data-testid="labour">{Money::from_fen(item.labor_fen).to_string()}</td>
            <td>{Money::from_fen(item.parts_fen).to_string()}</td>
            <td><button type="button" class="btn big" on:click=save>{move || admin.a(A::Save)}</button></td>
        </tr>
    }
}
