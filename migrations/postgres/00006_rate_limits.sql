-- +goose Up
-- Counts for the rate limits, shared by every replica. One row per rule and
-- subject (hashed): the count of the current fixed window and of the one
-- before, for a sliding-window estimate. Times are Unix milliseconds, so that
-- both dialects compare them alike. A row counts for nothing after expires_at
-- (two windows after its window began) and is then deleted.
CREATE TABLE rate_limits (
    key          TEXT    PRIMARY KEY,
    window_start BIGINT  NOT NULL,
    window_ms    BIGINT  NOT NULL,
    hits         BIGINT  NOT NULL,
    prev_hits    BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL
);
CREATE INDEX rate_limits_expires_at ON rate_limits (expires_at);

-- +goose Down
DROP TABLE rate_limits;
