-- A room's state is read in stream order (`/state`, `/members`, `/initialSync`): this index
-- gives the rows in that order, so a large room is walked once instead of gathered and
-- sorted.
CREATE INDEX current_state_in_order ON current_state (room_id, stream_ordering);
