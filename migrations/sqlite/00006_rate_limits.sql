-- +goose Up
-- Counts for the rate limits, shared by every replica. One row per rule and
-- subject (hashed): the count of the current fixed window and of the one
-- before, for a sliding-window estimate. Times are Unix milliseconds, so that
-- both dialects compare them alike. A row counts for nothing after expires_at
-- (two windows after its window began) and is then deleted.
CREATE TABLE rate_limits (
    key          TEXT    PRIMARY KEY,
    window_start INTEGER NOT NULL,
    window_ms    INTEGER NOT NULL,
    hits         INTEGER NOT NULL,
    prev_hits    INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX rate_limits_expires_at ON rate_limits (expires_at);

-- +goose Down
DROP TABLE rate_limits;
