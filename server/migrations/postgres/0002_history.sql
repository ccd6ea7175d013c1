-- A user's membership history in a room, read without parsing JSON (who may read a room
-- depends on it), and one state key's history, as index lookups however big the room.
ALTER TABLE events ADD COLUMN membership TEXT;
UPDATE events SET membership = content::jsonb ->> 'membership' WHERE type = 'm.room.member';
CREATE INDEX events_by_state_key ON events (room_id, type, state_key, stream_ordering);

-- Forgetting hides the memberships up to this stream position; a later one (a rejoin)
-- counts again.
ALTER TABLE forgotten_rooms ADD COLUMN forgotten_at BIGINT;
UPDATE forgotten_rooms SET forgotten_at = (
    SELECT cs.stream_ordering FROM current_state cs
    WHERE cs.room_id = forgotten_rooms.room_id AND cs.type = 'm.room.member'
      AND cs.state_key = forgotten_rooms.user_id);
