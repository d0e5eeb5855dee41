-- +goose Up
-- A scenario version carries its translations: the translation files
-- (grid-cascade.ru.yaml) by language, as a JSON object, so that an
-- exercise pinned to the version reads the texts it was made with.
ALTER TABLE scenario_versions ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
-- The language a participant or observer reads the exercise in; '' for
-- the scenario's own language.
ALTER TABLE participants ADD COLUMN language TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE participants DROP COLUMN language;
ALTER TABLE scenario_versions DROP COLUMN translations;
