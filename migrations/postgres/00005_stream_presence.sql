-- +goose Up
-- Who is connected, shared between replicas: each replica keeps one row per
-- (exercise, session) it holds streams for and refreshes seen_at; readers
-- count only fresh rows, so a replica that died is forgotten by itself.
CREATE TABLE stream_presence (
    replica     TEXT     NOT NULL,
    exercise_id BIGINT   NOT NULL,
    session_id  TEXT     NOT NULL,
    streams     INTEGER  NOT NULL,
    seen_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (replica, exercise_id, session_id)
);
CREATE INDEX stream_presence_exercise ON stream_presence (exercise_id, seen_at);

-- +goose Down
DROP TABLE stream_presence;
