import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, buildScenarioQuery, filtersFromParams, idFromSource, withId } from './scenarios';

describe('library filters → query string', () => {
  it('is empty without filters', () => {
    expect(buildScenarioQuery(EMPTY_FILTERS)).toBe('');
    expect(buildScenarioQuery({})).toBe('');
  });

  it('sends every set filter under the API name, in a stable order', () => {
    expect(
      buildScenarioQuery({ q: 'grid', cbm: '8', theme: 'energy', level: 'advanced', language: 'fr', max_minutes: '120' }),
    ).toBe('?q=grid&cbm=8&theme=energy&level=advanced&language=fr&max_minutes=120');
  });

  it('leaves out blank values and trims text', () => {
    expect(buildScenarioQuery({ ...EMPTY_FILTERS, q: '  cable cut ', level: ' ' })).toBe('?q=cable+cut');
  });

  it('encodes special characters', () => {
    expect(buildScenarioQuery({ q: 'a&b=c' })).toBe('?q=a%26b%3Dc');
  });

  it('ignores a maximum duration that is not a positive whole number', () => {
    for (const bad of ['0', '-5', '1.5', 'abc', '01']) expect(buildScenarioQuery({ max_minutes: bad })).toBe('');
    expect(buildScenarioQuery({ max_minutes: '45' })).toBe('?max_minutes=45');
  });

  it('round-trips through URL search parameters', () => {
    const f = { ...EMPTY_FILTERS, q: 'x y', cbm: '3', max_minutes: '60' };
    const params = new URLSearchParams(buildScenarioQuery(f).slice(1));
    expect(filtersFromParams(params)).toEqual(f);
  });
});

describe('scenario ids in the source', () => {
  const src = '# comment\nid: grid-cascade\nversion: 1\nteams:\n  - id: nested\n';
  it('reads the top-level id', () => {
    expect(idFromSource(src)).toBe('grid-cascade');
    expect(idFromSource('id: "quoted-id"  # note\n')).toBe('quoted-id');
    expect(idFromSource('title: x\n')).toBeUndefined();
  });
  it('changes only the top-level id line', () => {
    expect(withId(src, 'grid-cascade-copy')).toBe(src.replace('id: grid-cascade', 'id: grid-cascade-copy'));
    expect(withId('title: x\n', 'new')).toBe('id: new\ntitle: x\n');
  });
});
