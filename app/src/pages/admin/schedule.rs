//! Admin · maintenance schedules: one per fuel type (its default) and per model family,
//! each package with its mileage, names, whether free, and its items; a schedule is
//! edited in place and saved whole, and a new one added for a fuel type and family.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Admin;
use crate::client::send;
use crate::domain::FuelType;
use crate::i18n::{admin::A, t, Key, Lang};
use crate::model::{AdminCatalogue, AdminSchedule, AdminSchedules, PackageEdit, ScheduleEdit};

fn fuel(f: FuelType) -> A {
    match f {
        FuelType::Petrol => A::FuelPetrol,
        FuelType::Hybrid => A::FuelHybrid,
        FuelType::Electric => A::FuelElectric,
    }
}

#[component]
pub fn Schedules(admin: Admin) -> impl IntoView {
    let data = RwSignal::new(None::<(AdminSchedules, AdminCatalogue)>);
    let load = move || {
        spawn_local(async move {
            let schedules =
                send::<(), AdminSchedules>("GET", "/api/v1/admin/schedules", None).await;
            let catalogue =
                send::<(), AdminCatalogue>("GET", "/api/v1/admin/catalogue", None).await;
            match (schedules, catalogue) {
                (Ok(s), Ok(c)) => data.set(Some((s, c))),
                (Err(e), _) | (_, Err(e)) => admin.message.set(Some(e.key())),
            }
        })
    };
    load();
    let reload = Callback::new(move |_| load());
    let new_fuel = RwSignal::new(FuelType::Electric);
    let new_family = RwSignal::new(String::new());
    let add = move |_| {
        let family = new_family.get_untracked();
        let body = ScheduleEdit {
            fuel_type: new_fuel.get_untracked(),
            model_family: Some(family.trim().to_string()).filter(|f| !f.is_empty()),
            packages: Vec::new(),
        };
        spawn_local(async move {
            match send::<_, AdminSchedule>("POST", "/api/v1/admin/schedules", Some(&body)).await {
                Ok(_) => {
                    admin.message.set(None);
                    load()
                }
                Err(e) => admin.message.set(Some(e.key())),
            }
        })
    };
    view! {
        <section class="admin-schedules" aria-label=move || admin.a(A::Schedule)>
            {move || match data.get() {
                None => view! { <p class="muted">{move || t(admin.lang.get(), Key::Loading)}</p> }.into_any(),
                Some((s, _)) if s.schedules.is_empty() => view! { <p class="empty">{admin.a(A::NoSchedules)}</p> }.into_any(),
                Some((s, c)) => s.schedules.into_iter().map(|schedule| {
                    view! { <ScheduleCard admin schedule catalogue=c.clone() reload /> }
                }).collect_view().into_any(),
            }}
            <div class="card new-schedule">
                <div class="segmented">
                    {FuelType::ALL.into_iter().map(|f| view! {
                        <button type="button" class="btn big" aria-pressed=move || (new_fuel.get() == f).to_string()
                            on:click=move |_| new_fuel.set(f)>{move || admin.a(fuel(f))}</button>
                    }).collect_view()}
                </div>
                <label class="field"><span>{move || admin.a(A::Family)}</span>
                    <input prop:value=move || new_family.get() on:input=move |ev| new_family.set(event_target_value(&ev)) /></label>
                <button type="button" class="btn btn-primary big" on:click=add>{move || admin.a(A::AddSchedule)}</button>
            </div>
        </section>
    }
}

#[component]
fn ScheduleCard(
    admin: Admin,
    schedule: AdminSchedule,
    catalogue: AdminCatalogue,
    reload: Callback<()>,
) -> impl IntoView {
    let id = schedule.id;
    let edit = RwSignal::new(schedule.edit.clone());
    let title = format!(
        "{} · {}",
        admin.a(fuel(schedule.edit.fuel_type)),
        schedule
            .edit
            .model_family
            .clone()
            .unwrap_or_else(|| admin.a(A::DefaultSchedule).to_string())
    );
    let save = move |_| {
        let body = edit.get_untracked();
        spawn_local(async move {
            match send::<_, AdminSchedule>(
                "PUT",
                &format!("/api/v1/admin/schedules/{id}"),
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
    let add_package = move |_| {
        edit.update(|e| {
            e.packages.push(PackageEdit {
                km: e.packages.last().map_or(5_000, |p| p.km + 5_000),
                name_zh: String::new(),
                name_en: String::new(),
                free: false,
                item_ids: Vec::new(),
            })
        })
    };
    let items = StoredValue::new(catalogue.items);
    // Only adding a package rebuilds the rows (typing in one must keep its focus).
    let count = Memo::new(move |_| edit.with(|e| e.packages.len()));
    view! {
        <article class="card schedule" data-testid=format!("schedule-{}", schedule.edit.fuel_type)>
            <h2>{title}</h2>
            <table class="catalogue-list">
                <thead><tr>
                    <th>{move || admin.a(A::Km)}</th><th>{move || admin.a(A::NameZh)}</th><th>{move || admin.a(A::NameEn)}</th>
                    <th>{move || admin.a(A::Free)}</th><th>{move || admin.a(A::Items)}</th>
                </tr></thead>
                <tbody>
                    {move || (0..count.get()).map(|i| {
                        let get = move |f: fn(&PackageEdit) -> String| edit.with(|e| e.packages.get(i).map(f).unwrap_or_default());
                        let set = move |f: fn(&mut PackageEdit, String), v: String| edit.update(|e| if let Some(p) = e.packages.get_mut(i) { f(p, v) });
                        view! {
                            <tr>
                                <td><input inputmode="numeric" prop:value=move || get(|p| p.km.to_string())
                                    on:input=move |ev| set(|p, v| p.km = v.trim().parse().unwrap_or(0), event_target_value(&ev)) /></td>
                                <td><input prop:value=move || get(|p| p.name_zh.clone()) on:input=move |ev| set(|p, v| p.name_zh = v, event_target_value(&ev)) /></td>
                                <td><input prop:value=move || get(|p| p.name_en.clone()) on:input=move |ev| set(|p, v| p.name_en = v, event_target_value(&ev)) /></td>
                                <td><input type="checkbox" prop:checked=move || edit.with(|e| e.packages.get(i).is_some_and(|p| p.free))
                                    on:change=move |ev| { let on = event_target_checked(&ev); edit.update(|e| if let Some(p) = e.packages.get_mut(i) { p.free = on }); } /></td>
                                <td class="package-items">
                                    {items.get_value().into_iter().map(|item| {
                                        let item_id = item.id;
                                        let label = move || if admin.lang.get() == Lang::En { item.edit.name_en.clone() } else { item.edit.name_zh.clone() };
                                        view! {
                                            <label class="check">
                                                <input type="checkbox" prop:checked=move || edit.with(|e| e.packages.get(i).is_some_and(|p| p.item_ids.contains(&item_id)))
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        edit.update(|e| if let Some(p) = e.packages.get_mut(i) {
                                                            p.item_ids.retain(|x| *x != item_id);
                                                            if on { p.item_ids.push(item_id); }
                                                        });
                                                    } />
                                                <span>{label}</span>
                                            </label>
                                        }
                                    }).collect_view()}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <button type="button" class="btn big" on:click=add_package>{move || admin.a(A::AddPackage)}</button>
            <button type="button" class="btn btn-primary big" on:click=save>{move || admin.a(A::Save)}</button>
        </article>
    }
}
