-- +goose Up
-- A write sent with an Idempotency-Key header is done once: the key, per
-- caller, keeps the answer for a day, and a retry (a reply lost on a weak
-- link) gets that answer again instead of a second message. status 0 marks
-- a write still in progress. Times are Unix milliseconds, as in rate_limits.
CREATE TABLE idempotency_keys (
    scope        TEXT    NOT NULL,
    key          TEXT    NOT NULL,
    fingerprint  TEXT    NOT NULL,
    status       INTEGER NOT NULL,
    content_type TEXT    NOT NULL DEFAULT '',
    body         BLOB,
    expires_at   BIGINT  NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);

-- +goose Down
DROP TABLE idempotency_keys;
