-- Users, tokens, rooms as an append-only event log plus current state, aliases.
CREATE TABLE users (
    user_id TEXT PRIMARY KEY NOT NULL,
    password_hash TEXT NOT NULL,
    created_ts INTEGER NOT NULL
);

-- Tokens are stored as SHA-256 hashes and looked up by hash.
CREATE TABLE tokens (
    access_hash BLOB PRIMARY KEY NOT NULL,
    refresh_hash BLOB UNIQUE NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (user_id),
    created_ts INTEGER NOT NULL
);

CREATE TABLE events (
    stream_ordering INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT UNIQUE NOT NULL,
    room_id TEXT NOT NULL,
    type TEXT NOT NULL,
    state_key TEXT,
    sender TEXT NOT NULL,
    origin_server_ts INTEGER NOT NULL,
    content TEXT NOT NULL,
    -- Keys beside content (invite_room_state), as a JSON object.
    extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_by_room ON events (room_id, stream_ordering);

CREATE TABLE current_state (
    room_id TEXT NOT NULL,
    type TEXT NOT NULL,
    state_key TEXT NOT NULL,
    stream_ordering INTEGER NOT NULL REFERENCES events (stream_ordering),
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
