-- +goose Up
-- The feedback survey. A workshop's questions, when the organiser edited
-- them (otherwise the default catalogue applies).
CREATE TABLE survey_questions (
    workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
    questions   TEXT     NOT NULL,
    updated_at  DATETIME NOT NULL
);
-- One participant's answers, on purpose without any reference to the
-- participant and without a time: answers are anonymous to facilitators.
CREATE TABLE survey_answers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    exercise_id INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    answers     TEXT    NOT NULL
);
CREATE INDEX survey_answers_workshop ON survey_answers (workshop_id, exercise_id);
-- That someone answered (or skipped): a keyed one-way hash of the
-- participant, so that each answers once; it cannot be joined to an answer.
CREATE TABLE survey_responders (
    responder   TEXT    PRIMARY KEY,
    exercise_id INTEGER NOT NULL REFERENCES exercises(id) ON DELETE CASCADE
) WITHOUT ROWID; -- no hidden insertion order to line up with the answers
-- What a participant said of themselves at join, for attendance figures and
-- certificates; every field is optional.
CREATE TABLE attendance (
    participant_id INTEGER PRIMARY KEY REFERENCES participants(id) ON DELETE CASCADE,
    organisation   TEXT NOT NULL DEFAULT '',
    function_title TEXT NOT NULL DEFAULT '',
    gender         TEXT NOT NULL DEFAULT ''
);

-- +goose Down
DROP TABLE attendance;
DROP TABLE survey_responders;
DROP TABLE survey_answers;
DROP TABLE survey_questions;
