import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { saveProblems } from './ScenarioEditorPage';

describe('save errors', () => {
  const text = '# c\nid: grid-cascade\nversion: 1\n';
  it('keeps the file problems of a 422', () => {
    const p = [{ file: 'a.yaml', line: 3, column: 1, message: 'bad' }];
    expect(saveProblems(new ApiError(422, 'invalid_scenario', 'msg', {}, p), text, 'a.yaml')).toEqual({ message: 'msg', problems: p });
  });
  it('places an id refusal at the id line', () => {
    const err = new ApiError(422, 'validation_failed', 'msg', { id: 'The id differs.' });
    expect(saveProblems(err, text, 'a.yaml').problems).toEqual([{ file: 'a.yaml', line: 2, column: 5, message: 'The id differs.' }]);
  });
  it('adds other field messages to the message', () => {
    const err = new ApiError(409, 'scenario_exists', 'Exists.', {});
    expect(saveProblems(err, text, 'a.yaml')).toEqual({ message: 'Exists.', problems: [] });
    expect(saveProblems(new ApiError(422, 'x', 'M.', { a: 'A.' }), text, 'f').message).toBe('M. A.');
  });
});
