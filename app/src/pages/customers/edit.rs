//! Corrections at the desk: a customer's name and phone, a car's plate, VIN, model and
//! colour. The server checks them like the kiosk does; what it rejects shows next to the
//! field.

use leptos::prelude::*;

use super::Cust;
use crate::domain::text::{MODEL_MAX, NAME_MAX, PHONE_INPUT_MAX};
use crate::i18n::{customers::Cu, t, Key};
use crate::model::{CarFile, CustomerChange, VehicleChange};

/// `Some(new)` when it differs from `old`: a field left out stays.
fn changed(new: RwSignal<String>, old: &str) -> Option<String> {
    Some(new.get_untracked().trim().to_string()).filter(|v| v != old)
}

/// A labelled input (`{form}-{field}`) with the server's word on it, if it named the field.
fn input(
    cust: Cust,
    form: &'static str,
    label: Cu,
    field: &'static str,
    max: usize,
    value: RwSignal<String>,
) -> impl IntoView {
    let kind = if field == "phone" { "tel" } else { "text" };
    let error = move || {
        let lang = cust.lang.get();
        cust.error
            .with(|e| e.as_ref().and_then(|e| e.field_text(field, lang)))
    };
    view! {
        <label class="field">{move || cust.c(label)}
            <input type=kind data-testid=format!("{form}-{field}") maxlength=max autocomplete="off" prop:value=move || value.get()
                aria-invalid=move || error().is_some().to_string() on:input=move |e| value.set(event_target_value(&e)) />
            {move || error().map(|m| view! { <span class="field-error">{m}</span> })}
        </label>
    }
}

/// Save and cancel.
fn buttons(cust: Cust, save: &'static str) -> impl IntoView {
    view! {
        <div class="cust-actions">
            <button type="submit" class="btn btn-big btn-primary" data-testid=save disabled=move || cust.busy.get()>
                {move || cust.c(Cu::Save)}
            </button>
            <button type="button" class="btn btn-big" on:click=move |_| cust.open(None)>{move || t(cust.lang.get(), Key::Cancel)}</button>
        </div>
    }
}

#[component]
pub fn CustomerForm(cust: Cust, id: i64, name: String, phone: String) -> impl IntoView {
    let (new_name, new_phone) = (RwSignal::new(name.clone()), RwSignal::new(phone.clone()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = CustomerChange {
            name: changed(new_name, &name),
            phone: changed(new_phone, &phone),
            messages_ok: None,
        };
        cust.save(format!("/api/v1/customers/{id}"), body);
    };
    view! {
        <form class="cust-form" data-testid="cust-form" on:submit=save>
            {input(cust, "cust", Cu::Name, "name", NAME_MAX, new_name)}
            {input(cust, "cust", Cu::Phone, "phone", PHONE_INPUT_MAX, new_phone)}
            {buttons(cust, "cust-save")}
        </form>
    }
}

#[component]
pub fn CarForm(cust: Cust, car: CarFile) -> impl IntoView {
    let (vin, colour) = (car.vin.unwrap_or_default(), car.colour.unwrap_or_default());
    let plate = RwSignal::new(car.plate.clone());
    let new_vin = RwSignal::new(vin.clone());
    let model = RwSignal::new(car.model.clone());
    let new_colour = RwSignal::new(colour.clone());
    let id = car.id;
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = VehicleChange {
            plate: changed(plate, &car.plate),
            vin: changed(new_vin, &vin),
            model: changed(model, &car.model),
            colour: changed(new_colour, &colour),
        };
        cust.save(format!("/api/v1/vehicles/{id}"), body);
    };
    view! {
        <form class="cust-form" data-testid="car-form" on:submit=save>
            {input(cust, "car", Cu::Plate, "plate", 32, plate)}
            {input(cust, "car", Cu::Vin, "vin", 32, new_vin)}
            {input(cust, "car", Cu::Model, "model", MODEL_MAX, model)}
            {input(cust, "car", Cu::Colour, "colour", NAME_MAX, new_colour)}
            {buttons(cust, "car-save")}
        </form>
    }
}
