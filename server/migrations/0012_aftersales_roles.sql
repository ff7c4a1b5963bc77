-- pitwall schema v12: the follow-up agent (回访员) and the reception supervisor (接待主管)
-- join the staff roles (issue 17). SQLite cannot change a CHECK, so the staff table is
-- rebuilt. Foreign keys stay on during migrations here, and sessions point at staff: the
-- sessions are parked in a temporary table while the old table goes, then put back.
CREATE TEMP TABLE parked_sessions AS SELECT * FROM sessions;
DELETE FROM sessions;

CREATE TABLE staff_v12 (
    id                   INTEGER PRIMARY KEY,
    username             TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('advisor', 'foreman', 'qc_inspector',
                             'washer', 'manager', 'follow_up_agent', 'reception_supervisor')),
    password_hash        TEXT NOT NULL,
    pin_hash             TEXT,
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1))
);
INSERT INTO staff_v12 (id, username, display_name, role, password_hash, pin_hash, active,
                       must_change_password)
    SELECT id, username, display_name, role, password_hash, pin_hash, active, must_change_password
    FROM staff;
DROP TABLE staff;
ALTER TABLE staff_v12 RENAME TO staff;

INSERT INTO sessions SELECT * FROM parked_sessions;
DROP TABLE parked_sessions;
