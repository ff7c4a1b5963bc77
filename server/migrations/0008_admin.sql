-- pitwall schema v8: a store that runs itself (issue 16).
-- The event log's kinds become the server's to name (the Rust enum is the list; a row it
-- does not know is reported as corrupt), so new kinds (parts, the catalogue, staff) need
-- no rebuild each. The rebuild keeps every id and the epoch's sequence.
CREATE TABLE events_v8 (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    job_id      INTEGER,
    bay_id      INTEGER,
    prev_bay_id INTEGER,
    payload     TEXT NOT NULL
);
INSERT INTO events_v8 (id, at, kind, job_id, bay_id, prev_bay_id, payload)
    SELECT id, at, kind, job_id, bay_id, prev_bay_id, payload FROM events;
CREATE TEMP TABLE events_seq AS SELECT seq FROM sqlite_sequence WHERE name = 'events';
DROP TABLE events;
ALTER TABLE events_v8 RENAME TO events;
DELETE FROM sqlite_sequence WHERE name = 'events';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'events', MAX(COALESCE((SELECT MAX(id) FROM events), 0), seq) FROM events_seq;
DROP TABLE events_seq;

-- Who changed the store's reference data (staff, bays, catalogue, schedule, stock), when,
-- and what the change was: the admin screens' audit trail.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    subject    TEXT NOT NULL,      -- what kind of thing: 'staff', 'bay', 'part', ...
    subject_id INTEGER,
    action     TEXT NOT NULL,      -- 'create', 'update', 'deactivate', 'receive', ...
    detail     TEXT NOT NULL       -- the change as JSON
);
CREATE INDEX audit_log_by_subject ON audit_log(subject, subject_id, id);
