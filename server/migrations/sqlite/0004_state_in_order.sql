-- A room's state is read in stream order (`/state`, `/members`, `/initialSync`): an index on
-- (room_id, stream_ordering) gives the rows in that order, so a 100,000-member room is
-- walked once instead of gathered and sorted. The table becomes WITHOUT ROWID (its rows
-- kept in primary-key order) so that the new index replaces the hidden rowid tree rather
-- than adding a tree to every membership change; the index then holds the whole key
-- (type, state_key) and a member list needs no second lookup to filter by type.
CREATE TABLE current_state_in_key_order (
    room_id TEXT NOT NULL,
    type TEXT NOT NULL,
    state_key TEXT NOT NULL,
    stream_ordering INTEGER NOT NULL REFERENCES events (stream_ordering),
    membership TEXT,
    PRIMARY KEY (room_id, type, state_key)
) WITHOUT ROWID;
INSERT INTO current_state_in_key_order (room_id, type, state_key, stream_ordering, membership)
    SELECT room_id, type, state_key, stream_ordering, membership FROM current_state;
DROP TABLE current_state;
ALTER TABLE current_state_in_key_order RENAME TO current_state;
CREATE INDEX current_state_in_order ON current_state (room_id, stream_ordering);
