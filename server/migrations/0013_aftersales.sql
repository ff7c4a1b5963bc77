-- pitwall schema v13: after the car leaves (issue 17). The follow-up calls (回访) each
-- delivered job gets, every attempt at them, complaints (投诉) with their owner, deadline
-- and every step, and return jobs (返修) linked to the job they redo.

-- When the customer prefers the follow-up call, asked at delivery ('no_calls': none).
ALTER TABLE jobs ADD COLUMN call_time TEXT
    CHECK (call_time IN ('morning', 'afternoon', 'evening', 'no_calls'));
-- A return job (返修) redoes this earlier job's work.
ALTER TABLE jobs ADD COLUMN return_of INTEGER REFERENCES jobs(id);

-- One call task per contact: the first within 3 days of delivery, a second about a
-- week after a first call that found a problem.
CREATE TABLE follow_ups (
    id               INTEGER PRIMARY KEY,
    job_id           INTEGER NOT NULL REFERENCES jobs(id),
    contact          INTEGER NOT NULL CHECK (contact IN (1, 2)),
    call_time        TEXT NOT NULL CHECK (call_time IN ('morning', 'afternoon', 'evening', 'no_calls')),
    due_from         TEXT NOT NULL,
    due_by           TEXT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'open'
                         CHECK (state IN ('open', 'done', 'unreachable', 'declined')),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts BETWEEN 0 AND 3),
    agent            TEXT,             -- who called last
    satisfaction     TEXT CHECK (satisfaction IN ('very_satisfied', 'satisfied', 'neutral', 'dissatisfied')),
    fault_fixed      TEXT CHECK (fault_fixed IN ('yes', 'no', 'not_applicable')),
    comments         TEXT,
    reminder_consent INTEGER CHECK (reminder_consent IN (0, 1)),
    created_at       TEXT NOT NULL,
    closed_at        TEXT,
    UNIQUE (job_id, contact)
);
CREATE INDEX follow_ups_by_due ON follow_ups(state, due_by);

-- Every attempt, as the agent recorded it.
CREATE TABLE follow_up_calls (
    id           INTEGER PRIMARY KEY,
    follow_up_id INTEGER NOT NULL REFERENCES follow_ups(id),
    at           TEXT NOT NULL,
    agent        TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('reached', 'not_reached', 'declined'))
);

CREATE TABLE complaints (
    id               INTEGER PRIMARY KEY,
    job_id           INTEGER REFERENCES jobs(id),
    follow_up_id     INTEGER REFERENCES follow_ups(id),
    channel          TEXT NOT NULL CHECK (channel IN ('follow_up_call', 'phone', 'in_store', 'online', 'manufacturer_hotline')),
    category         TEXT NOT NULL CHECK (category IN ('repair_quality', 'delay', 'price', 'attitude', 'parts', 'other')),
    severity         TEXT NOT NULL CHECK (severity IN ('low', 'normal', 'high')),
    summary          TEXT NOT NULL,
    customer_name    TEXT NOT NULL DEFAULT '',
    customer_phone   TEXT NOT NULL DEFAULT '',
    owner_role       TEXT NOT NULL CHECK (owner_role IN ('follow_up_agent', 'advisor', 'reception_supervisor', 'manager')),
    deadline         TEXT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    resolution       TEXT,
    customer_told_on TEXT,
    return_job_id    INTEGER REFERENCES jobs(id),
    opened_at        TEXT NOT NULL,
    closed_at        TEXT,
    version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX complaints_by_deadline ON complaints(state, deadline);

-- Who did what and when: opened, notes (what was done, what was promised), each
-- escalation, the resolution, a re-opening.
CREATE TABLE complaint_steps (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('opened', 'note', 'escalated', 'resolved', 'reopened')),
    actor_role   TEXT NOT NULL,
    actor_name   TEXT NOT NULL,
    owner_role   TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    promise      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX complaint_steps_by_complaint ON complaint_steps(complaint_id, id);
