import type { Problem } from '../api/client';

/** The part of CodeMirror's `Text` the mapping needs (so it can be tested without an editor). */
export interface DocLines {
  readonly lines: number;
  readonly length: number;
  line(n: number): { from: number; to: number; text: string };
}

export interface ProblemDiagnostic {
  from: number;
  to: number;
  severity: 'error';
  message: string;
}

/**
 * Places a problem (1-based line and column) in the document. Lines and columns out
 * of range are clamped, so a problem always lands somewhere visible: line 0 (a problem
 * about the whole file) goes to line 1, a line past the end to the last line. The range
 * covers the word at the column, or the rest of the line when the column is at a space
 * or past the end; an empty line gets an empty range at its start.
 */
export function problemRange(doc: DocLines, p: Pick<Problem, 'line' | 'column'>): { from: number; to: number; line: number } {
  const lineNo = Math.min(Math.max(1, Math.trunc(p.line) || 1), Math.max(1, doc.lines));
  const line = doc.line(lineNo);
  const len = line.to - line.from;
  if (len === 0) return { from: line.from, to: line.from, line: lineNo };
  let col = Math.max(1, Math.trunc(p.column) || 1) - 1;
  if (col >= len) {
    // Past the end: underline the line's content from its first non-blank character.
    col = Math.max(0, line.text.search(/\S/));
  }
  let end = col;
  while (end < len && !/[\s:,[\]{}]/.test(line.text[end] ?? '')) end++;
  if (end === col) end = len; // at a space or punctuation: to the end of the line
  return { from: line.from + col, to: line.from + end, line: lineNo };
}

/** One lint diagnostic per problem, sorted by position as CodeMirror wants. */
export function problemsToDiagnostics(doc: DocLines, problems: readonly Problem[]): ProblemDiagnostic[] {
  return problems
    .map((p) => {
      const { from, to } = problemRange(doc, p);
      return { from, to, severity: 'error' as const, message: p.message };
    })
    .sort((a, b) => a.from - b.from || a.to - b.to);
}
