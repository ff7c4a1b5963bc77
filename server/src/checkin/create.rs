//! Turning a signed check-in into a job: one transaction on the writer's connection
//! with its timeline row and event, made once per `Idempotency-Key`; a walk-in's new car.

use app::domain::text::known_model;
use app::domain::{FuelType, Phone, Stage};
use app::model::{ActorRole, CheckinReceipt, CheckinRequest, TimelineAction};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use super::{check_mileage, choice, found_vehicle, lookup, quote, validate, Car, Fields};
use crate::{auth::new_token, error::AppError, store, AppState};

fn request_hash(req: &CheckinRequest) -> Result<String, AppError> {
    let json = serde_json::to_vec(req).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Sha256::digest(&json)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// `POST /api/v1/checkins`: the receipt, and whether this call made the job (a repeat
/// with the same key replays the first receipt). `advisor`: checked in at the desk by
/// this advisor (the timeline names them), rather than by the customer at the kiosk.
pub async fn check_in(
    state: &AppState,
    key: Option<&str>,
    req: &CheckinRequest,
    now: DateTime<Utc>,
    advisor: Option<&crate::auth::SessionActor>,
) -> Result<(CheckinReceipt, bool), AppError> {
    let hash = request_hash(req)?;
    let mut fields = Fields::default();
    validate::check(req, &mut fields);
    fields.finish("invalid")?;
    let (st, key, req, advisor) = (
        state.clone(),
        key.map(str::to_string),
        req.clone(),
        advisor.cloned(),
    );
    state
        .change(move |tx| {
            Box::pin(async move {
                check_in_tx(&st, tx, key.as_deref(), &req, now, advisor.as_ref(), hash).await
            })
        })
        .await
}

/// The check-in's change, on the writer's connection: changes queue there, so two taps
/// on Submit run one after the other and the second finds the first's key.
async fn check_in_tx(
    state: &AppState,
    tx: &mut SqliteConnection,
    key: Option<&str>,
    req: &CheckinRequest,
    now: DateTime<Utc>,
    advisor: Option<&crate::auth::SessionActor>,
    hash: String,
) -> Result<(CheckinReceipt, bool), AppError> {
    let mut fields = Fields::default();
    let (walk_in, texts) = validate::check(req, &mut fields);
    fields.finish("invalid")?;
    if let Some(key) = key {
        if let Some((earlier_hash, receipt)) = store::checkin_by_key(&mut *tx, key).await? {
            if earlier_hash != hash {
                return Err(AppError::invalid(
                    "idempotency_key_reused",
                    "This Idempotency-Key was used for a different check-in.",
                ));
            }
            let receipt = serde_json::from_str(&receipt)
                .map_err(|e| AppError::Internal(format!("stored receipt: {e}")))?;
            return Ok((receipt, false));
        }
    }

    let mut fields = Fields::default();
    // `proved`: whoever checks in showed they know the car's owner (a lookup, or a
    // walk-in giving the owner's own phone); only then does their odometer reading
    // become the car's recorded mileage (an anonymous reading stays on the job).
    let (vehicle, mut appointment_id, contact_phone, proved) = match (&req.lookup_ref, &walk_in) {
        (Some(r), _) => {
            let (found, vehicle) = found_vehicle(state, &mut *tx, r).await?;
            // Normalised like every phone (`validate` has refused one that is not valid).
            let contact = req
                .contact_phone
                .as_deref()
                .map(|p| {
                    Phone::parse(p)
                        .map(|p| p.as_str().to_string())
                        .map_err(|e| AppError::field("contact_phone", e.to_string()))
                })
                .transpose()?;
            (Some(vehicle), found.appointment_id, contact, true)
        }
        (None, Some(w)) => {
            let vehicle = store::vehicle_by_plate(&mut *tx, w.plate.as_str()).await?;
            // A known car brought by someone else: the job keeps their phone for updates.
            let contact = vehicle
                .as_ref()
                .filter(|v| v.phone != w.phone.as_str())
                .map(|_| w.phone.as_str().to_string());
            let owner = vehicle
                .as_ref()
                .is_some_and(|v| v.phone == w.phone.as_str());
            (vehicle, None, contact, owner)
        }
        (None, None) => return Err(AppError::Internal("walk-in without identity".into())),
    };
    if let Some(v) = &vehicle {
        // The recorded figure is told only after a lookup: the walk-in's answer must not
        // reveal whether the phone they typed is the owner's.
        check_mileage(
            req.mileage_km,
            v.last_mileage_km,
            req.mileage_confirmed,
            req.lookup_ref.is_some(),
            &mut fields,
        );
    }
    // Asked of every walk-in, known plate or not, so the answer reveals nothing.
    if walk_in.is_some() && texts.model.is_empty() {
        fields.add("model", "Please tell us the car's make and model.");
    }
    let today = lookup::store_day(now);
    if let Some(code) = texts.appointment_code.as_deref() {
        match store::appointment_by_code(&mut *tx, code).await? {
            Some(a)
                if vehicle.as_ref().is_some_and(|v| v.id == a.vehicle_id)
                    && lookup::is_within(&a, today.0, today.1) =>
            {
                appointment_id = Some(a.id)
            }
            _ => fields.add(
                "appointment_code",
                "That appointment code is not for this car.",
            ),
        }
    }
    fields.finish("invalid")?;

    let car = vehicle
        .as_ref()
        .map_or_else(|| Car::new(req.fuel_type), Car::of);
    let c = choice(
        car,
        req.mileage_km,
        req.package,
        &req.services,
        &texts.concerns,
        req.wash,
    );
    let priced = quote::price(&mut *tx, c, now).await?;
    // `package` with no package due at this mileage, and nothing else: no order to make.
    if priced.quote.lines.is_empty() {
        return Err(AppError::field(
            "services",
            "Nothing is due at this mileage. Choose a service or tell us what is wrong with the car.",
        ));
    }
    // What staff should know that is not stored on the car (see `new_vehicle`).
    let mut staff_note = String::new();
    let new_car = vehicle.is_none();
    let vehicle_id = match (vehicle, &walk_in) {
        (Some(v), _) => v.id,
        (None, Some(w)) => {
            let (id, note) = new_vehicle(&mut *tx, w, &texts, req.fuel_type).await?;
            staff_note = note;
            id
        }
        (None, None) => return Err(AppError::Internal("walk-in without identity".into())),
    };

    let (day_start, _) = lookup::store_day(now);
    let ticket = store::next_ticket(&mut *tx, day_start).await?;
    let token = new_token();
    let signature =
        serde_json::to_string(&req.signature).map_err(|e| AppError::Internal(e.to_string()))?;
    let language = match req.language.as_deref() {
        Some("en") => "en",
        _ => "zh",
    };
    let job_id = store::insert_job(
        &mut *tx,
        &store::NewJob {
            ticket: &ticket,
            vehicle_id,
            appointment_id,
            mileage_km: req.mileage_km,
            concerns: &texts.concerns,
            wash: req.wash,
            old_parts: &req.old_parts,
            payment_method: &req.payment_method,
            waiting: req.waiting,
            contact_phone: contact_phone.as_deref(),
            language,
            signature: &signature,
            package_km: priced.package_km,
            tracking_token: &token,
            promised_at: priced.quote.promised_at,
        },
        now,
    )
    .await?;
    for line in &priced.quote.lines {
        store::insert_order_item(
            &mut *tx,
            job_id,
            &store::NewItem {
                service_item_id: line.service_item_id,
                name_zh: &line.name_zh,
                name_en: &line.name_en,
                labor_minutes: line.labor_minutes,
                labor: line.price.labor,
                parts: line.price.parts,
                free: line.free,
            },
        )
        .await?;
    }
    crate::stock::reserve(
        &mut *tx,
        job_id,
        None,
        (
            advisor.map_or(ActorRole::Customer.as_str(), |a| a.role.as_str()),
            advisor.map_or("自助接车 kiosk", |a| a.name.as_str()),
        ),
        now,
    )
    .await?;
    if proved || new_car {
        store::record_mileage(&mut *tx, vehicle_id, req.mileage_km).await?;
    }
    store::record_timeline(
        &mut *tx,
        job_id,
        now,
        advisor.map_or(ActorRole::Customer, |a| a.role.into()),
        advisor.map_or("自助接车 kiosk", |a| a.name.as_str()),
        TimelineAction::CheckIn,
        None,
        Stage::CheckedIn,
        &staff_note,
    )
    .await?;
    crate::eta::refresh_etas(&mut *tx, now, crate::eta::Announce::AllBut(Some(job_id))).await?;
    let job = store::load_job(&mut *tx, job_id)
        .await?
        .ok_or_else(|| AppError::Internal("the new job vanished".into()))?;
    let receipt = CheckinReceipt {
        job_id,
        ticket,
        tracking_token: token,
        promised_at: priced.quote.promised_at,
        estimate: priced.quote,
    };
    if let Some(key) = key {
        let json =
            serde_json::to_string(&receipt).map_err(|e| AppError::Internal(e.to_string()))?;
        store::record_checkin_key(&mut *tx, key, &hash, job_id, &json, now).await?;
    }
    store::append_job_event(&mut *tx, &job, None, now).await?;
    Ok((receipt, true))
}

/// A walk-in's new car, always under a new customer record: a phone typed at the kiosk
/// proves nothing, so it never attaches a car to someone already on record. Its model is
/// stored only when it is one the store already knows (the models of the cars on
/// record); anything else goes to staff in the check-in's timeline note, so a stranger's
/// free text never reaches the lounge's screen. Returns the vehicle and that note.
async fn new_vehicle(
    tx: &mut SqliteConnection,
    w: &validate::WalkIn,
    texts: &validate::Texts,
    fuel_type: Option<FuelType>,
) -> Result<(i64, String), AppError> {
    let customer = store::insert_customer(tx, w.phone.as_str(), &texts.name).await?;
    let known = store::known_models(tx).await?;
    let (model, note) = match known_model(&texts.model, &known) {
        Some(m) => (m.to_string(), String::new()),
        None => (
            String::new(),
            format!("model as given at check-in: {}", texts.model),
        ),
    };
    let fuel_type = Car::new(fuel_type).fuel_type;
    let plate = w.plate.as_str();
    let id =
        store::insert_vehicle(tx, customer, plate, texts.vin.as_deref(), &model, fuel_type).await?;
    Ok((id, note))
}
