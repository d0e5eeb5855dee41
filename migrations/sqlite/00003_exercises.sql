-- +goose Up
CREATE TABLE workshops (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    title             TEXT NOT NULL,
    host_organisation TEXT NOT NULL DEFAULT '',
    place             TEXT NOT NULL DEFAULT '',
    starts_on         TEXT NOT NULL DEFAULT '',
    ends_on           TEXT NOT NULL DEFAULT '',
    language          TEXT NOT NULL DEFAULT 'en',
    participants      TEXT NOT NULL DEFAULT '',
    created_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at        DATETIME NOT NULL,
    updated_at        DATETIME NOT NULL
);

CREATE TABLE workshop_facilitators (
    workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (workshop_id, user_id)
);

-- An exercise runs one pinned scenario version. Its clock is stored as
-- facts (status, speed, base offset, base wall time) so that any replica,
-- or the same one after a restart, computes the same exercise time.
-- last_seq is the last event sequence number; the row is locked while an
-- event is appended, so sequence numbers have no gaps and commit in order.
CREATE TABLE exercises (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id         INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    scenario_version_id INTEGER NOT NULL REFERENCES scenario_versions (id),
    title               TEXT NOT NULL,
    status              TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'paused', 'ended')),
    speed               DOUBLE PRECISION NOT NULL DEFAULT 1,
    clock_base_ms       INTEGER NOT NULL DEFAULT 0,
    clock_base_wall     DATETIME,
    last_seq            INTEGER NOT NULL DEFAULT 0,
    observer_code       TEXT NOT NULL UNIQUE,
    created_by          INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at          DATETIME NOT NULL,
    updated_at          DATETIME NOT NULL
);
CREATE INDEX exercises_workshop ON exercises (workshop_id);
CREATE INDEX exercises_status ON exercises (status);

CREATE TABLE teams (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    exercise_id INTEGER NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    name        TEXT NOT NULL,
    join_code   TEXT NOT NULL UNIQUE,
    position    INTEGER NOT NULL,
    UNIQUE (exercise_id, key)
);

CREATE TABLE participants (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    exercise_id INTEGER NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    team_id     INTEGER REFERENCES teams (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    session_id  TEXT NOT NULL,
    joined_at   DATETIME NOT NULL,
    removed_at  DATETIME
);
CREATE INDEX participants_exercise ON participants (exercise_id);

-- The exercise's append-only log. audience and data are JSON.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    exercise_id INTEGER NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    type        TEXT NOT NULL,
    audience    TEXT NOT NULL,
    data        TEXT NOT NULL,
    offset_ms   INTEGER NOT NULL,
    created_at  DATETIME NOT NULL,
    UNIQUE (exercise_id, seq)
);

-- Things that may happen once per exercise ("inject:KEY", "phase:KEY",
-- "trigger:KEY"): the primary key makes a second release fail, however
-- many replicas race for it.
CREATE TABLE exercise_once (
    exercise_id INTEGER NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (exercise_id, key)
);

-- +goose Down
DROP TABLE exercise_once;
DROP TABLE events;
DROP TABLE participants;
DROP TABLE teams;
DROP TABLE exercises;
DROP TABLE workshop_facilitators;
DROP TABLE workshops;
