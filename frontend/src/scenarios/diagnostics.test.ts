import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { problemRange, problemsToDiagnostics } from './diagnostics';

const doc = Text.of(['id: grid-cascade', 'duration: soon', '', 'teams:', '  - key: a   ']);
const problem = (line: number, column: number, message = 'm') => ({ file: 'x.yaml', line, column, message });

describe('problem → diagnostic', () => {
  it('underlines the word at the line and column', () => {
    const r = problemRange(doc, { line: 2, column: 11 });
    expect(r.line).toBe(2);
    expect(doc.sliceString(r.from, r.to)).toBe('soon');
  });

  it('underlines a key when the column points at it', () => {
    const r = problemRange(doc, { line: 2, column: 1 });
    expect(doc.sliceString(r.from, r.to)).toBe('duration');
  });

  it('underlines the rest of the line from a space', () => {
    const r = problemRange(doc, { line: 5, column: 1 });
    expect(doc.sliceString(r.from, r.to)).toBe('  - key: a   ');
  });

  it('puts a column past the end of the line at its first non-blank character', () => {
    const r = problemRange(doc, { line: 5, column: 99 });
    expect(r.from).toBe(doc.line(5).from + 2);
    expect(doc.sliceString(r.from, r.to)).toBe('-');
  });

  it('clamps lines: 0 to the first, past the end to the last', () => {
    expect(problemRange(doc, { line: 0, column: 0 }).line).toBe(1);
    expect(problemRange(doc, { line: 0, column: 0 }).from).toBe(0);
    expect(problemRange(doc, { line: 40, column: 3 }).line).toBe(5);
  });

  it('gives an empty line an empty range at its start', () => {
    const r = problemRange(doc, { line: 3, column: 5 });
    expect(r).toEqual({ from: doc.line(3).from, to: doc.line(3).from, line: 3 });
  });

  it('maps every problem to an error diagnostic, sorted by position', () => {
    const ds = problemsToDiagnostics(doc, [problem(4, 1, 'second'), problem(2, 11, 'first')]);
    expect(ds.map((d) => d.message)).toEqual(['first', 'second']);
    expect(ds.every((d) => d.severity === 'error')).toBe(true);
    expect(doc.lineAt(ds[0]!.from).number).toBe(2);
    expect(doc.lineAt(ds[1]!.from).number).toBe(4);
  });

  it('works on an empty document', () => {
    const empty = Text.of(['']);
    expect(problemsToDiagnostics(empty, [problem(3, 3)])).toEqual([{ from: 0, to: 0, severity: 'error', message: 'm' }]);
  });
});
