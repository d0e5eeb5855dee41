-- +goose Up
-- The check of the real points of contact before play: one row per
-- delegation of a workshop, opened by its code (a link without an account).
CREATE TABLE contact_checks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id  INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    delegation   TEXT   NOT NULL,
    code         TEXT   NOT NULL UNIQUE,
    policy       TEXT   NOT NULL DEFAULT '',
    technical    TEXT   NOT NULL DEFAULT '',
    shared       BOOLEAN NOT NULL DEFAULT FALSE,
    confirmed_at DATETIME,
    created_at   DATETIME NOT NULL
);
CREATE INDEX contact_checks_workshop ON contact_checks (workshop_id);

-- +goose Down
DROP TABLE contact_checks;
