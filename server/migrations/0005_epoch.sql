-- The store's epoch: event ids are (epoch << 32) | seq, so an id says which database it
-- came from. A screen resuming with an id of another epoch (a replaced or restored
-- database) gets a fresh snapshot instead of another database's events. The epoch is
-- 20 random bits, at least 1, so every id stays below 2^53 (exact in JavaScript).
INSERT OR REPLACE INTO settings (key, value)
    VALUES ('epoch', CAST(((random() & 1048575) % 1048575) + 1 AS TEXT));

-- Events logged before there was an epoch cannot be told apart from another database's:
-- nobody can resume from them, so they go, and the next id is the epoch's first.
DELETE FROM events;
DELETE FROM sqlite_sequence WHERE name = 'events';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'events', CAST(value AS INTEGER) << 32 FROM settings WHERE key = 'epoch';
