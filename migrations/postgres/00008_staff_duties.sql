-- +goose Up
-- Exercise staff split the work: the lead facilitator does everything, a
-- controller runs the clock and the injects, an evaluator observes and
-- scores. Everyone assigned before this change was a lead.
ALTER TABLE workshop_facilitators ADD COLUMN duty TEXT NOT NULL DEFAULT 'lead'
    CHECK (duty IN ('lead', 'controller', 'evaluator'));

-- Results are non-attributive unless an organiser turns attribution on for
-- the workshop, with a reason that the report shows.
ALTER TABLE workshops ADD COLUMN attributed_results BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE workshops ADD COLUMN attribution_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE workshops ADD COLUMN attribution_by TEXT NOT NULL DEFAULT '';
ALTER TABLE workshops ADD COLUMN attribution_at TIMESTAMPTZ;

-- +goose Down
ALTER TABLE workshops DROP COLUMN attribution_at;
ALTER TABLE workshops DROP COLUMN attribution_by;
ALTER TABLE workshops DROP COLUMN attribution_reason;
ALTER TABLE workshops DROP COLUMN attributed_results;
ALTER TABLE workshop_facilitators DROP COLUMN duty;
