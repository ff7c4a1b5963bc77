-- pitwall schema v3: the bay touchscreens.
-- A checklist item not done carries the technician's reason; additional work found at
-- the bay lists the catalogue parts it needs; QC inspectors and washers countersign at
-- a bay's screen with a PIN.

ALTER TABLE job_items ADD COLUMN not_done_note TEXT;

CREATE TABLE job_item_parts (
    job_item_id INTEGER NOT NULL REFERENCES job_items(id),
    part_id     INTEGER NOT NULL REFERENCES parts(id),
    qty         INTEGER NOT NULL CHECK (qty > 0),
    price_fen   INTEGER NOT NULL CHECK (price_fen >= 0),   -- unit price when raised
    PRIMARY KEY (job_item_id, part_id)
);

ALTER TABLE staff ADD COLUMN pin_hash TEXT;
