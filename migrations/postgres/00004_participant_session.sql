-- +goose Up
-- Every request of a participant looks their name up by session.
CREATE INDEX participants_session ON participants (session_id);

-- +goose Down
DROP INDEX participants_session;
