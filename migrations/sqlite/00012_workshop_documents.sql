-- +goose Up
-- What the server prints on a workshop's documents: the handling line at the
-- top of every page ("For workshop participants only"; empty prints none)
-- and who organises the workshop (named on reports and certificates). The
-- place was already stored.
ALTER TABLE workshops ADD COLUMN classification TEXT NOT NULL DEFAULT '';
ALTER TABLE workshops ADD COLUMN organiser TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE workshops DROP COLUMN organiser;
ALTER TABLE workshops DROP COLUMN classification;
