-- +goose Up
-- A team's draft stage answers are its internal work: observers may read
-- them only once the facilitators share the phase (answers.shared). Events
-- written before this rule carry a plain team audience; mark them as the
-- engine now writes them, {"teams":[…],"internal":true}.
UPDATE events
SET audience = '{"internal":true,' || substr(audience, 2)
WHERE type IN ('answer.updated', 'answer.submitted')
  AND audience LIKE '{"teams":%'
  AND audience NOT LIKE '%"internal":%';

-- +goose Down
UPDATE events
SET audience = replace(replace(audience, '"internal":true,', ''), ',"internal":true', '')
WHERE type IN ('answer.updated', 'answer.submitted');
