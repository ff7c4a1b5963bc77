//! The customer's file (客户档案): search by plate (normalised like the kiosk's), phone,
//! name or VIN; a customer with their cars and every visit; the desk's corrections of
//! contact details and car details, each on the audit trail.

use app::domain::follow_up::{Satisfaction, TaskState};
use app::domain::text::{MODEL_MAX, NAME_MAX};
use app::domain::{clean_line, fold_identifier, Phone, Plate};
use app::model::{
    CarFile, CustomerChange, CustomerFile, CustomerHit, CustomerSearch, UpcomingAppointment,
    VehicleChange, Visit, VisitFollowUp,
};
use chrono::NaiveDate;
use serde_json::json;
use sqlx::SqliteConnection;

use crate::{
    appointments::{day_bounds, require_reception},
    auth::SessionActor,
    checkin::Fields,
    error::AppError,
    store, AppState,
};

/// Shortest and longest search.
pub const QUERY_MIN: usize = 2;
pub const QUERY_MAX: usize = 40;
/// Colours are short words (a VIN follows `text::vin`, the kiosk's rule).
const COLOUR_MAX: usize = 20;

/// `GET /api/v1/customers?q=`.
pub async fn search(
    state: &AppState,
    actor: &SessionActor,
    q: &str,
) -> Result<CustomerSearch, AppError> {
    require_reception(actor)?;
    let text = clean_line(&fold_identifier(q), QUERY_MAX)
        .map_err(|e| AppError::field("q", e.to_string()))?;
    if text.chars().count() < QUERY_MIN {
        return Err(AppError::field(
            "q",
            format!("type at least {QUERY_MIN} characters"),
        ));
    }
    let plate = Plate::parse(&text).ok();
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let digits = (digits.len() >= 4
        && digits.len() == text.chars().filter(|c| !c.is_whitespace()).count())
    .then_some(digits);
    let mut conn = state.pool.acquire().await?;
    let rows = store::search_customers(
        &mut conn,
        plate.as_ref().map(Plate::as_str),
        &text,
        digits.as_deref(),
    )
    .await?;
    Ok(CustomerSearch {
        q: text,
        customers: rows
            .into_iter()
            .map(|(id, name, phone, plates)| CustomerHit {
                id,
                name,
                phone,
                plates: plates
                    .split(',')
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect(),
            })
            .collect(),
    })
}

/// `GET /api/v1/customers/{id}`.
pub async fn file(
    state: &AppState,
    actor: &SessionActor,
    id: i64,
) -> Result<CustomerFile, AppError> {
    require_reception(actor)?;
    let now = state.clock.now();
    let mut conn = state.pool.acquire().await?;
    file_in(&mut conn, id, now).await
}

pub(crate) async fn file_in(
    conn: &mut SqliteConnection,
    id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<CustomerFile, AppError> {
    let (id, name, phone, messages_ok) =
        store::customer(conn, id).await?.ok_or(AppError::NotFound)?;
    let from = day_bounds(app::domain::store_date(now)).0;
    let mut cars = Vec::new();
    for car in store::cars_of(conn, id).await? {
        let mut visits = store::visits_of(conn, car.id)
            .await?
            .into_iter()
            .map(visit)
            .collect::<Result<Vec<_>, AppError>>()?;
        visits.sort_by_key(|v| std::cmp::Reverse((v.done_on, v.mileage_km)));
        let appointments = store::open_appointments_of(conn, car.id, from)
            .await?
            .into_iter()
            .map(|(id, code, scheduled_at)| UpcomingAppointment {
                id,
                code,
                scheduled_at,
            })
            .collect();
        cars.push(CarFile {
            next_service_date: date(car.next_service_date.as_deref())?,
            id: car.id,
            plate: car.plate,
            vin: car.vin,
            model: car.model,
            colour: car.colour,
            last_mileage_km: car.last_mileage_km,
            next_service_km: car.next_service_km,
            visits,
            appointments,
        });
    }
    Ok(CustomerFile {
        id,
        name,
        phone,
        messages_ok,
        cars,
    })
}

fn date(text: Option<&str>) -> Result<Option<NaiveDate>, AppError> {
    text.map(|d| {
        NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| AppError::Internal(format!("stored date {d:?}")))
    })
    .transpose()
}

fn visit(row: store::VisitRow) -> Result<Visit, AppError> {
    let follow_up = row
        .follow_up_state
        .as_deref()
        .map(|s| {
            let state = TaskState::parse(s)
                .ok_or_else(|| AppError::Internal(format!("follow-up state {s:?}")))?;
            let satisfaction = row
                .satisfaction
                .as_deref()
                .map(|s| {
                    Satisfaction::parse(s)
                        .ok_or_else(|| AppError::Internal(format!("satisfaction {s:?}")))
                })
                .transpose()?;
            Ok::<_, AppError>(VisitFollowUp {
                state,
                satisfaction,
            })
        })
        .transpose()?;
    let complaint_ids = row
        .complaint_ids
        .as_deref()
        .unwrap_or("")
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<i64>()
                .map_err(|_| AppError::Internal(format!("complaint id {s:?}")))
        })
        .collect::<Result<_, _>>()?;
    Ok(Visit {
        done_on: store::visit_day(&row.done, row.from_history)?,
        mileage_km: row.mileage_km,
        summary: row.summary,
        package_km: row.package_km,
        job_id: row.job_id,
        ticket: row.ticket,
        total_fen: row.total_fen,
        follow_up,
        complaint_ids,
    })
}

/// `PATCH /api/v1/customers/{id}`.
pub async fn change_customer(
    state: &AppState,
    actor: &SessionActor,
    id: i64,
    req: CustomerChange,
) -> Result<CustomerFile, AppError> {
    require_reception(actor)?;
    let mut fields = Fields::default();
    let name = req
        .name
        .as_deref()
        .and_then(|n| match clean_line(n, NAME_MAX) {
            Ok(n) if !n.is_empty() => Some(n),
            Ok(_) => {
                fields.add("name", "required");
                None
            }
            Err(e) => {
                fields.add("name", e.to_string());
                None
            }
        });
    let phone = req.phone.as_deref().and_then(|p| {
        Phone::parse(p)
            .map_err(|e| fields.add("phone", e.to_string()))
            .ok()
    });
    fields.finish("invalid")?;
    let now = state.clock.now();
    let actor = actor.clone();
    state
        .change(move |tx| {
            Box::pin(async move {
                let (_, old_name, old_phone, old_ok) = store::customer(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
                let new_name = name.unwrap_or(old_name.clone());
                let new_phone = phone.map_or(old_phone.clone(), |p| p.as_str().to_string());
                let new_ok = req.messages_ok.unwrap_or(old_ok);
                store::update_customer(&mut *tx, id, &new_name, &new_phone, new_ok).await?;
                let detail = json!({
                    "name": [old_name, new_name], "phone": [old_phone, new_phone], "messages_ok": [old_ok, new_ok],
                });
                audit(tx, &actor, "customer", id, &detail, now).await?;
                file_in(tx, id, now).await
            })
        })
        .await
}

/// `PATCH /api/v1/vehicles/{id}`.
pub async fn change_vehicle(
    state: &AppState,
    actor: &SessionActor,
    id: i64,
    req: VehicleChange,
) -> Result<CustomerFile, AppError> {
    require_reception(actor)?;
    let mut fields = Fields::default();
    let plate = req.plate.as_deref().and_then(|p| {
        Plate::parse(p)
            .map_err(|e| fields.add("plate", e.to_string()))
            .ok()
    });
    let mut line = |field: &str, value: Option<&str>, max: usize, required: bool| {
        value.and_then(|v| match clean_line(v, max) {
            Ok(v) if v.is_empty() && required => {
                fields.add(field, "required");
                None
            }
            Ok(v) => Some(v),
            Err(e) => {
                fields.add(field, e.to_string());
                None
            }
        })
    };
    let model = line("model", req.model.as_deref(), MODEL_MAX, true);
    let colour = line("colour", req.colour.as_deref(), COLOUR_MAX, false);
    // Blank removes the VIN (`Some("")`, as `keep_or` reads it); otherwise the kiosk's rule.
    let vin = match req.vin.as_deref().map(app::domain::text::vin).transpose() {
        Ok(vin) => vin.map(Option::unwrap_or_default),
        Err(rule) => {
            fields.add("vin", rule);
            None
        }
    };
    fields.finish("invalid")?;
    let now = state.clock.now();
    let actor = actor.clone();
    state
        .change(move |tx| {
            Box::pin(async move {
                let car = store::car(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
                let new_plate = plate.map_or(car.plate.clone(), |p| p.as_str().to_string());
                if new_plate != car.plate
                    && store::vehicle_by_plate(&mut *tx, &new_plate)
                        .await?
                        .is_some()
                {
                    return Err(AppError::Conflict {
                        code: "plate_taken",
                        message: "another car on file has this plate".into(),
                    });
                }
                let keep_or = |new: Option<String>, old: Option<String>| match new {
                    Some(v) if v.is_empty() => None,
                    Some(v) => Some(v),
                    None => old,
                };
                let new_vin = keep_or(vin, car.vin.clone());
                let new_colour = keep_or(colour, car.colour.clone());
                let new_model = model.unwrap_or(car.model.clone());
                store::update_vehicle(
                    &mut *tx,
                    id,
                    &new_plate,
                    new_vin.as_deref(),
                    &new_model,
                    new_colour.as_deref(),
                )
                .await?;
                let detail = json!({
                    "plate": [car.plate, new_plate], "vin": [car.vin, new_vin],
                    "model": [car.model, new_model], "colour": [car.colour, new_colour],
                });
                audit(tx, &actor, "vehicle", id, &detail, now).await?;
                file_in(tx, car.customer_id, now).await
            })
        })
        .await
}

async fn audit(
    tx: &mut SqliteConnection,
    actor: &SessionActor,
    subject: &str,
    id: i64,
    detail: &serde_json::Value,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    store::record_audit(
        tx,
        store::AuditEntry {
            at,
            actor_role: actor.role.as_str(),
            actor_name: &actor.name,
            subject,
            subject_id: Some(id),
            action: "update",
            detail,
        },
    )
    .await?;
    Ok(())
}
