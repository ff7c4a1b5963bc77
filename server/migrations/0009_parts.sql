-- pitwall schema v9: parts that move (issue 16).
-- A part's stock is counted: on hand (the old `stock`), reserved for jobs, on order with
-- its expected delivery date, and the reorder point below which it shows as low. Parts
-- are reserved for the work a job carries, issued at the bay (the invoice's parts lines),
-- and received from deliveries, which release the cars waiting for them.

ALTER TABLE parts RENAME COLUMN stock TO on_hand;           -- keeps CHECK (on_hand >= 0)
ALTER TABLE parts ADD COLUMN reserved INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0);
ALTER TABLE parts ADD COLUMN on_order INTEGER NOT NULL DEFAULT 0 CHECK (on_order >= 0);
ALTER TABLE parts ADD COLUMN expected_on TEXT;              -- YYYY-MM-DD, the next delivery
ALTER TABLE parts ADD COLUMN reorder_point INTEGER NOT NULL DEFAULT 0 CHECK (reorder_point >= 0);

-- Units set aside for an item of a job's work until they are issued or released.
CREATE TABLE part_reservations (
    id          INTEGER PRIMARY KEY,
    part_id     INTEGER NOT NULL REFERENCES parts(id),
    job_id      INTEGER NOT NULL REFERENCES jobs(id),
    job_item_id INTEGER NOT NULL REFERENCES job_items(id),
    qty         INTEGER NOT NULL CHECK (qty > 0),
    UNIQUE (job_item_id, part_id)
);
CREATE INDEX part_reservations_by_job ON part_reservations(job_id);
CREATE INDEX part_reservations_by_part ON part_reservations(part_id);

-- Units taken from the shelf for an item, by whom, at which unit price: the invoice's
-- parts lines.
CREATE TABLE issued_parts (
    id            INTEGER PRIMARY KEY,
    job_id        INTEGER NOT NULL REFERENCES jobs(id),
    job_item_id   INTEGER NOT NULL REFERENCES job_items(id),
    part_id       INTEGER NOT NULL REFERENCES parts(id),
    qty           INTEGER NOT NULL CHECK (qty > 0),
    price_fen     INTEGER NOT NULL CHECK (price_fen >= 0),
    issued_at     TEXT NOT NULL,
    issued_by     TEXT NOT NULL,
    technician_id INTEGER REFERENCES technicians(id)
);
CREATE INDEX issued_parts_by_job ON issued_parts(job_id);

-- An item waiting for a part, until a delivery of it is received.
CREATE TABLE part_waits (
    id          INTEGER PRIMARY KEY,
    job_id      INTEGER NOT NULL REFERENCES jobs(id),
    job_item_id INTEGER NOT NULL REFERENCES job_items(id),
    part_id     INTEGER NOT NULL REFERENCES parts(id),
    expected_on TEXT NOT NULL,                              -- YYYY-MM-DD
    created_at  TEXT NOT NULL,
    released_at TEXT
);
CREATE INDEX part_waits_by_job ON part_waits(job_id);
CREATE INDEX part_waits_open ON part_waits(part_id) WHERE released_at IS NULL;

-- Jobs already open keep their parts: reserve what their work still needs.
INSERT INTO part_reservations (part_id, job_id, job_item_id, qty)
SELECT s.part_id, i.job_id, i.id, s.part_qty
  FROM job_items i JOIN service_items s ON s.id = i.service_item_id JOIN jobs j ON j.id = i.job_id
 WHERE s.part_id IS NOT NULL AND s.part_qty > 0 AND i.status IN ('todo', 'approved')
   AND j.stage NOT IN ('delivered', 'cancelled')
UNION ALL
SELECT jp.part_id, i.job_id, i.id, jp.qty
  FROM job_item_parts jp JOIN job_items i ON i.id = jp.job_item_id JOIN jobs j ON j.id = i.job_id
 WHERE i.status = 'approved' AND j.stage NOT IN ('delivered', 'cancelled');
UPDATE parts SET reserved = (SELECT COALESCE(SUM(qty), 0) FROM part_reservations r WHERE r.part_id = parts.id);
