-- Grows a demo store's customer file for `scripts/bench.sh reminders`: :cars more
-- customers, each with a car, two service-history visits and one delivered job that
-- recorded the next service (a copy of a demo delivery), as a store some years old has.
-- Run by sqlite3 with `.parameter set :cars N`.
CREATE TEMP TABLE bench_n AS
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :cars)
    SELECT i FROM n;

INSERT INTO customers (id, name, phone)
    SELECT 100000 + i, 'Bench ' || i, '137' || printf('%08d', i) FROM bench_n;
INSERT INTO vehicles (id, customer_id, plate, model, last_mileage_km)
    SELECT 100000 + i, 100000 + i, '粤Z' || printf('%05d', i), 'Bench car', 20000 + i % 5000
    FROM bench_n;
INSERT INTO service_history (vehicle_id, done_on, mileage_km, summary)
    SELECT 100000 + i, date('now', '-' || (400 + i % 200) || ' days'), 10000 + i % 5000, '保养'
    FROM bench_n;
INSERT INTO service_history (vehicle_id, done_on, mileage_km, summary)
    SELECT 100000 + i, date('now', '-' || (200 + i % 150) || ' days'), 15000 + i % 5000, '保养'
    FROM bench_n;

CREATE TEMP TABLE bench_job AS
    SELECT * FROM jobs WHERE stage = 'delivered' AND next_service_km IS NOT NULL ORDER BY id LIMIT 1;
CREATE TEMP TABLE bench_jobs AS SELECT n.i AS bench_i, j.* FROM bench_n n, bench_job j;
UPDATE bench_jobs SET id = 1000000 + bench_i, vehicle_id = 100000 + bench_i,
    tracking_token = 'bench-' || bench_i, appointment_id = NULL,
    mileage_km = 20000 + bench_i % 5000, next_service_km = 25000 + bench_i % 5000,
    delivered_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || (10 + bench_i % 170) || ' days'),
    next_service_date = date('now', '+' || (bench_i % 200) || ' days');
ALTER TABLE bench_jobs DROP COLUMN bench_i;
INSERT INTO jobs SELECT * FROM bench_jobs;

SELECT 'customer file: ' || (SELECT count(*) FROM vehicles) || ' cars, '
    || (SELECT count(*) FROM service_history) || ' history visits, '
    || (SELECT count(*) FROM jobs) || ' jobs';
