-- pitwall schema v14: before the car arrives (issue 18). Appointments that are booked,
-- confirmed, rescheduled and cancelled against the workshop's capacity; the visits a
-- delivery writes into the car's history; reminder calls; the customer's "no messages"
-- choice; and one outbox of messages to customers, delivered through a signed webhook.

-- An appointment's work (a package's items or single items) and its life.
ALTER TABLE appointments ADD COLUMN state TEXT NOT NULL DEFAULT 'booked'
    CHECK (state IN ('booked', 'confirmed', 'cancelled'));
ALTER TABLE appointments ADD COLUMN package_km INTEGER;
ALTER TABLE appointments ADD COLUMN concerns TEXT NOT NULL DEFAULT '';
ALTER TABLE appointments ADD COLUMN created_at TEXT NOT NULL DEFAULT '2026-01-01T00:00:00.000Z';
ALTER TABLE appointments ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE appointment_items (
    appointment_id  INTEGER NOT NULL REFERENCES appointments(id),
    service_item_id INTEGER NOT NULL REFERENCES service_items(id),
    PRIMARY KEY (appointment_id, service_item_id)
);

-- The appointment's timeline: booked, confirmed, rescheduled (from, to), cancelled.
CREATE TABLE appointment_steps (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointments(id),
    at             TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('booked', 'confirmed', 'rescheduled', 'cancelled')),
    actor_name     TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX appointment_steps_by_appointment ON appointment_steps(appointment_id, id);
CREATE INDEX appointments_by_time ON appointments(scheduled_at);

-- A visit written by a delivery points at its job (older, seeded visits have none) and
-- records the package it was, so the kiosk does not offer the same package again.
ALTER TABLE service_history ADD COLUMN job_id INTEGER REFERENCES jobs(id);
ALTER TABLE service_history ADD COLUMN package_km INTEGER;
CREATE INDEX service_history_by_vehicle ON service_history(vehicle_id, done_on);

-- The customer's choice: 0 = send no messages at all.
ALTER TABLE customers ADD COLUMN messages_ok INTEGER NOT NULL DEFAULT 1 CHECK (messages_ok IN (0, 1));

-- A reminder call made from the "due soon" list, with its outcome.
CREATE TABLE reminder_calls (
    id         INTEGER PRIMARY KEY,
    vehicle_id INTEGER NOT NULL REFERENCES vehicles(id),
    at         TEXT NOT NULL,
    agent      TEXT NOT NULL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('booked', 'call_back', 'not_reached', 'declined')),
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reminder_calls_by_vehicle ON reminder_calls(vehicle_id, at);

-- Messages to customers, written in the transaction of the change that causes them and
-- delivered by the webhook worker: pending → sent, or dead after too many failures;
-- suppressed when the customer said no (kept, so the desk sees why nothing went).
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    created_at      TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('appointment_confirmed', 'reminder', 'car_ready',
                        'eta_slipped', 'approval_needed', 'follow_up_reminder')),
    customer_id     INTEGER REFERENCES customers(id),
    job_id          INTEGER REFERENCES jobs(id),
    appointment_id  INTEGER REFERENCES appointments(id),
    phone           TEXT NOT NULL,
    language        TEXT NOT NULL CHECK (language IN ('zh', 'en')),
    text            TEXT NOT NULL,
    link            TEXT,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead', 'suppressed')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    sent_at         TEXT,
    -- One message per cause: a repeat of the same change adds nothing.
    dedupe_key      TEXT NOT NULL UNIQUE
);
CREATE INDEX outbox_by_due ON outbox(state, next_attempt_at);
