-- pitwall schema v2: self check-in at the kiosk.
-- A job keeps what the customer agreed to and signed; a check-in is made once per
-- Idempotency-Key; a customer can ask for an advisor, which the desk sees live.

ALTER TABLE jobs ADD COLUMN appointment_id INTEGER REFERENCES appointments(id);
ALTER TABLE jobs ADD COLUMN contact_phone TEXT;            -- for updates, when not the one on record
ALTER TABLE jobs ADD COLUMN language TEXT NOT NULL DEFAULT 'zh';
ALTER TABLE jobs ADD COLUMN valuables_acknowledged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN consent_additional_work INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN signature TEXT;                -- the drawn signature's strokes, JSON
ALTER TABLE jobs ADD COLUMN package_km INTEGER;            -- the maintenance package booked, if any
CREATE INDEX jobs_by_appointment ON jobs(appointment_id);

CREATE TABLE checkin_keys (
    key          TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    job_id       INTEGER NOT NULL REFERENCES jobs(id),
    receipt      TEXT NOT NULL,       -- the 201 body, replayed for a repeat
    created_at   TEXT NOT NULL
);

CREATE TABLE desk_requests (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    source      TEXT NOT NULL,
    language    TEXT NOT NULL,
    resolved_at TEXT
);

-- The event log gains a kind for desk requests (SQLite cannot alter a CHECK: rebuild).
CREATE TABLE events_v2 (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('job', 'bay', 'desk_request')),
    job_id      INTEGER,
    bay_id      INTEGER,
    prev_bay_id INTEGER,
    payload     TEXT NOT NULL
);
INSERT INTO events_v2 (id, at, kind, job_id, bay_id, prev_bay_id, payload)
    SELECT id, at, kind, job_id, bay_id, prev_bay_id, payload FROM events;
DROP TABLE events;
ALTER TABLE events_v2 RENAME TO events;
