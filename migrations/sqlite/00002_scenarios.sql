-- +goose Up
-- A scenario is a named line of immutable versions. Exercises pin a version,
-- so editing a scenario never changes an exercise made from it.
CREATE TABLE scenarios (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    slug       TEXT     NOT NULL UNIQUE,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);

CREATE TABLE scenario_versions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id      INTEGER  NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    number           INTEGER  NOT NULL,
    source           TEXT     NOT NULL,
    checksum         TEXT     NOT NULL,
    title            TEXT     NOT NULL,
    summary          TEXT     NOT NULL DEFAULT '',
    level            TEXT     NOT NULL DEFAULT '',
    duration_seconds INTEGER  NOT NULL,
    languages        TEXT     NOT NULL DEFAULT '',
    themes           TEXT     NOT NULL DEFAULT '',
    cbms             TEXT     NOT NULL DEFAULT '',
    team_count       INTEGER  NOT NULL,
    phase_count      INTEGER  NOT NULL,
    inject_count     INTEGER  NOT NULL,
    origin           TEXT     NOT NULL,
    created_by       INTEGER  REFERENCES users (id) ON DELETE SET NULL,
    created_at       DATETIME NOT NULL,
    UNIQUE (scenario_id, number)
);

-- +goose Down
DROP TABLE scenario_versions;
DROP TABLE scenarios;
