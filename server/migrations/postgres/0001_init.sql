-- Users, tokens, rooms as an append-only event log plus current state, aliases.
-- The same tables as migrations/sqlite, in PostgreSQL's types: the queries are shared.
CREATE TABLE users (
    user_id TEXT PRIMARY KEY NOT NULL,
    password_hash TEXT NOT NULL,
    created_ts BIGINT NOT NULL
);

-- Tokens are stored as SHA-256 hashes and looked up by hash.
CREATE TABLE tokens (
    access_hash BYTEA PRIMARY KEY NOT NULL,
    refresh_hash BYTEA UNIQUE NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (user_id),
    created_ts BIGINT NOT NULL
);

CREATE TABLE events (
    stream_ordering BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id TEXT UNIQUE NOT NULL,
    room_id TEXT NOT NULL,
    type TEXT NOT NULL,
    state_key TEXT,
    sender TEXT NOT NULL,
    origin_server_ts BIGINT NOT NULL,
    content TEXT NOT NULL,
    -- Keys beside content (invite_room_state), as a JSON object.
    extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_by_room ON events (room_id, stream_ordering);

-- The row of a room's m.room.create is the room's lock: membership changes take it
-- FOR UPDATE, so they are serialised per room across every server process.
CREATE TABLE current_state (
    room_id TEXT NOT NULL,
    type TEXT NOT NULL,
    state_key TEXT NOT NULL,
    stream_ordering BIGINT NOT NULL REFERENCES events (stream_ordering),
    -- For m.room.member: the membership, so member lists need no JSON parsing.
    membership TEXT,
    PRIMARY KEY (room_id, type, state_key)
);

CREATE TABLE room_aliases (
    alias TEXT PRIMARY KEY NOT NULL,
    room_id TEXT NOT NULL,
    creator TEXT NOT NULL
);

CREATE TABLE forgotten_rooms (
    user_id TEXT NOT NULL,
    room_id TEXT NOT NULL,
    PRIMARY KEY (user_id, room_id)
);
