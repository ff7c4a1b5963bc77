-- pitwall schema v1: the store, the workshop, customers, jobs and the event log.
-- Timestamps are RFC 3339 UTC text; money is integer fen; booleans are 0/1.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE bays (
    id        INTEGER PRIMARY KEY,
    name_zh   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    team_name TEXT NOT NULL,
    skills    TEXT NOT NULL          -- comma-separated skill codes, e.g. 'quick_service,general_repair'
);

CREATE TABLE technicians (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    bay_id   INTEGER NOT NULL REFERENCES bays(id),
    is_lead  INTEGER NOT NULL DEFAULT 0 CHECK (is_lead IN (0, 1)),
    pin_hash TEXT NOT NULL
);

CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('advisor', 'foreman', 'qc_inspector', 'washer', 'manager')),
    password_hash TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    role          TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    staff_id      INTEGER REFERENCES staff(id),
    technician_id INTEGER REFERENCES technicians(id),
    bay_id        INTEGER REFERENCES bays(id),
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);

CREATE TABLE parts (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE,
    name_zh   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    price_fen INTEGER NOT NULL CHECK (price_fen >= 0),
    stock     INTEGER NOT NULL CHECK (stock >= 0)
);

-- A unit of work with its standard labour time, the bay skill it needs and the part it uses.
CREATE TABLE service_items (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name_zh       TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    labor_minutes INTEGER NOT NULL CHECK (labor_minutes >= 0),
    skill         TEXT NOT NULL,
    part_id       INTEGER REFERENCES parts(id),
    part_qty      INTEGER NOT NULL DEFAULT 0 CHECK (part_qty >= 0)
);

-- The maintenance schedule (process.md) as data: a store edits it for its brands.
CREATE TABLE maintenance_packages (
    id      INTEGER PRIMARY KEY,
    km      INTEGER NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    free    INTEGER NOT NULL DEFAULT 0 CHECK (free IN (0, 1))
);

CREATE TABLE maintenance_package_items (
    package_id      INTEGER NOT NULL REFERENCES maintenance_packages(id),
    service_item_id INTEGER NOT NULL REFERENCES service_items(id),
    PRIMARY KEY (package_id, service_item_id)
);

CREATE TABLE customers (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,
    phone TEXT NOT NULL               -- normalised: 11 digits
);

CREATE TABLE vehicles (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    plate           TEXT NOT NULL UNIQUE,   -- normalised: upper case, no separators
    vin             TEXT,
    model           TEXT NOT NULL,
    colour          TEXT,
    last_mileage_km INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE service_history (
    id         INTEGER PRIMARY KEY,
    vehicle_id INTEGER NOT NULL REFERENCES vehicles(id),
    done_on    TEXT NOT NULL,         -- YYYY-MM-DD
    mileage_km INTEGER NOT NULL,
    summary    TEXT NOT NULL
);

CREATE TABLE appointments (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    vehicle_id   INTEGER NOT NULL REFERENCES vehicles(id),
    scheduled_at TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT ''
);

CREATE TABLE jobs (
    id                INTEGER PRIMARY KEY,
    ticket            TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    stage             TEXT NOT NULL,
    bay_id            INTEGER REFERENCES bays(id),
    queue_pos         INTEGER,        -- order in its bay's queue; lower goes first
    vehicle_id        INTEGER NOT NULL REFERENCES vehicles(id),
    mileage_km        INTEGER NOT NULL,
    concerns          TEXT NOT NULL DEFAULT '',   -- the customer's own words, exactly as given
    wash              INTEGER NOT NULL CHECK (wash IN (0, 1)),
    old_parts         TEXT NOT NULL CHECK (old_parts IN ('take', 'leave')),
    payment_method    TEXT NOT NULL,
    waiting           INTEGER NOT NULL CHECK (waiting IN (0, 1)),
    tracking_token    TEXT NOT NULL UNIQUE,
    pause_reason      TEXT,
    team_check_passed INTEGER NOT NULL DEFAULT 0 CHECK (team_check_passed IN (0, 1)),
    promised_at       TEXT NOT NULL,
    eta               TEXT NOT NULL,
    stage_since       TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    delivered_at      TEXT,
    next_service_km   INTEGER,
    next_service_date TEXT
);
CREATE INDEX jobs_by_stage ON jobs(stage);
CREATE INDEX jobs_by_bay ON jobs(bay_id, queue_pos);

CREATE TABLE job_items (
    id              INTEGER PRIMARY KEY,
    job_id          INTEGER NOT NULL REFERENCES jobs(id),
    service_item_id INTEGER REFERENCES service_items(id),
    name_zh         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    labor_minutes   INTEGER NOT NULL CHECK (labor_minutes >= 0),
    labor_fen       INTEGER NOT NULL CHECK (labor_fen >= 0),
    parts_fen       INTEGER NOT NULL CHECK (parts_fen >= 0),
    kind            TEXT NOT NULL CHECK (kind IN ('order', 'additional')),
    status          TEXT NOT NULL CHECK (status IN ('todo', 'done', 'pending', 'approved', 'declined')),
    safety_critical INTEGER NOT NULL DEFAULT 0 CHECK (safety_critical IN (0, 1))
);
CREATE INDEX job_items_by_job ON job_items(job_id);

-- Who did what to a job, when: the timeline every screen shows.
CREATE TABLE job_timeline (
    id          INTEGER PRIMARY KEY,
    job_id      INTEGER NOT NULL REFERENCES jobs(id),
    at          TEXT NOT NULL,
    actor_role  TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_stage  TEXT,
    to_stage    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX job_timeline_by_job ON job_timeline(job_id, id);

-- The event log (outbox): one row per change, written in the change's transaction,
-- published to SSE subscribers after commit and replayed for Last-Event-ID.
-- payload is the full staff view of the thing that changed; channels project it.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('job', 'bay')),
    job_id      INTEGER,
    bay_id      INTEGER,
    prev_bay_id INTEGER,
    payload     TEXT NOT NULL
);
