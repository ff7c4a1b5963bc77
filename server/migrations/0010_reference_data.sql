-- pitwall schema v10: reference data a manager edits at /admin (issue 16).
-- Bays get working hours and out-of-service periods; the maintenance schedule belongs to
-- a (model family, fuel type) pair, with one default schedule per fuel type; vehicles
-- say which fuel they run on and which model family they are.

ALTER TABLE bays ADD COLUMN opens_at  TEXT NOT NULL DEFAULT '08:00';   -- store-local HH:MM
ALTER TABLE bays ADD COLUMN closes_at TEXT NOT NULL DEFAULT '18:00';

-- A bay out of service for [from_at, to_at): dispatch suggests it to nobody meanwhile.
CREATE TABLE bay_outages (
    id      INTEGER PRIMARY KEY,
    bay_id  INTEGER NOT NULL REFERENCES bays(id),
    from_at TEXT NOT NULL,
    to_at   TEXT NOT NULL CHECK (to_at > from_at),
    reason  TEXT NOT NULL
);
CREATE INDEX bay_outages_by_bay ON bay_outages(bay_id, to_at);

-- Bay events already in the log carry the bay as it was: the hours it has had all along
-- and no outage, so a replay decodes them.
UPDATE events SET payload = json_set(payload, '$.opens_at', '08:00', '$.closes_at', '18:00',
                                     '$.out_of_service', json('[]'))
    WHERE kind = 'bay';

ALTER TABLE vehicles ADD COLUMN fuel_type TEXT NOT NULL DEFAULT 'petrol'
    CHECK (fuel_type IN ('petrol', 'hybrid', 'electric'));
ALTER TABLE vehicles ADD COLUMN model_family TEXT;           -- NULL: its fuel type's default schedule
-- Cars on record before v10 were all serviced on the one (petrol) schedule; the ones whose
-- model says otherwise are classified by it.
UPDATE vehicles SET fuel_type = 'electric'
    WHERE model LIKE '%EV%' OR model LIKE '%纯电%' OR model LIKE '%Model %' OR model LIKE '%电动%';
UPDATE vehicles SET fuel_type = 'hybrid'
    WHERE fuel_type = 'petrol' AND (model LIKE '%双擎%' OR model LIKE '%混动%' OR model LIKE '%Hybrid%' OR model LIKE '%DM-i%');

CREATE TABLE maintenance_schedules (
    id           INTEGER PRIMARY KEY,
    fuel_type    TEXT NOT NULL CHECK (fuel_type IN ('petrol', 'hybrid', 'electric')),
    model_family TEXT          -- NULL: the default schedule of the fuel type
);
CREATE UNIQUE INDEX maintenance_schedules_key ON maintenance_schedules(fuel_type, ifnull(model_family, ''));

-- The one schedule so far becomes the petrol default (when there is one).
INSERT INTO maintenance_schedules (fuel_type, model_family)
    SELECT 'petrol', NULL WHERE EXISTS (SELECT 1 FROM maintenance_packages);

CREATE TABLE maintenance_packages_v10 (
    id          INTEGER PRIMARY KEY,
    schedule_id INTEGER NOT NULL REFERENCES maintenance_schedules(id),
    km          INTEGER NOT NULL CHECK (km > 0),
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    free        INTEGER NOT NULL DEFAULT 0 CHECK (free IN (0, 1)),
    UNIQUE (schedule_id, km)
);
INSERT INTO maintenance_packages_v10 (id, schedule_id, km, name_zh, name_en, free)
    SELECT p.id, s.id, p.km, p.name_zh, p.name_en, p.free
    FROM maintenance_packages p, maintenance_schedules s
    WHERE s.fuel_type = 'petrol' AND s.model_family IS NULL;
CREATE TABLE maintenance_package_items_v10 (
    package_id      INTEGER NOT NULL REFERENCES maintenance_packages_v10(id),
    service_item_id INTEGER NOT NULL REFERENCES service_items(id),
    PRIMARY KEY (package_id, service_item_id)
);
INSERT INTO maintenance_package_items_v10 (package_id, service_item_id)
    SELECT package_id, service_item_id FROM maintenance_package_items;
DROP TABLE maintenance_package_items;
DROP TABLE maintenance_packages;
ALTER TABLE maintenance_packages_v10 RENAME TO maintenance_packages;
ALTER TABLE maintenance_package_items_v10 RENAME TO maintenance_package_items;
