-- pitwall schema v4: the service desk and the customer's own page.
-- Extra work is decided once (who, when, and for a declined safety-critical item the
-- customer's signature); items of a free first service are marked; the desk records
-- that a delayed customer was told; delivery stores who handed the car back and the
-- invoice as issued; "call an advisor" requests record who answered.

ALTER TABLE job_items ADD COLUMN free INTEGER NOT NULL DEFAULT 0 CHECK (free IN (0, 1));
ALTER TABLE job_items ADD COLUMN decided_at TEXT;
ALTER TABLE job_items ADD COLUMN decided_by TEXT CHECK (decided_by IN ('customer', 'advisor'));
ALTER TABLE job_items ADD COLUMN decided_name TEXT;
ALTER TABLE job_items ADD COLUMN decline_signature TEXT;

ALTER TABLE jobs ADD COLUMN customer_told_eta TEXT;   -- the ETA the customer was last told of
ALTER TABLE jobs ADD COLUMN delivered_by TEXT;

CREATE TABLE invoices (
    job_id    INTEGER PRIMARY KEY REFERENCES jobs(id),
    number    TEXT NOT NULL UNIQUE,
    issued_at TEXT NOT NULL,
    body      TEXT NOT NULL                            -- the invoice as issued (JSON)
);

ALTER TABLE desk_requests ADD COLUMN resolved_by TEXT;
