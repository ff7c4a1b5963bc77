-- pitwall schema v6: `Idempotency-Key` for staff writes beyond actions and check-ins
-- (a desk note, a reported additional item): a retried tap after a lost response
-- answers the first response and changes nothing. Numbered 6: 5 is the epoch's.

CREATE TABLE request_keys (
    scope        TEXT NOT NULL,       -- the endpoint and job, e.g. 'note:12'
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,       -- who sent which body; another body is refused
    response     TEXT NOT NULL,       -- the first 2xx body, replayed for a repeat
    created_at   TEXT NOT NULL,
    PRIMARY KEY (scope, key)
);
