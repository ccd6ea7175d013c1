-- Deactivated accounts keep their row (their ID stays taken) but can no longer log in.
ALTER TABLE users ADD COLUMN deactivated_ts BIGINT;

-- Facts about the server the database belongs to: `server_name`, recorded on first start,
-- since every stored ID ends in it.
CREATE TABLE server_settings (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
