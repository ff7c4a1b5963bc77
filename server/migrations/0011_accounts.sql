-- pitwall schema v11: staff and technicians managed on screens (issue 16).
-- Accounts are deactivated, never deleted (the timeline keeps their names); a password a
-- manager reset must be changed at the next sign-in.
ALTER TABLE staff ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
    CHECK (must_change_password IN (0, 1));
ALTER TABLE technicians ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
