/**
 * How the stream's inject and trigger events change the console's inject timeline and
 * trigger list (the server's answers to /injects and /triggers), so that they are not
 * fetched again on every event. A fold returns the new list, or STALE when the event
 * cannot be applied — the list lacks the row, or the new state holds a time only the
 * server computes — and the list is then fetched again (see streamCache.ts).
 *
 * The states follow the server's order: released beats skipped, skipped beats held. So
 * an event the list already reflects changes nothing (the same array comes back), and a
 * list fetched while events were arriving can have them folded in again.
 */
import { toInjectRow, type InjectRow, type ReleasedInject, type TriggerRow } from './api';
import type { ExerciseEvent } from './stream';

/** What a fold returns for an event it cannot apply. */
export const STALE = null;
type Folded<Row> = Row[] | typeof STALE;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
// schedule, manual, trigger, adhoc or jump: the server's catalogue says which.
const source = (v: unknown) => str(v) as ReleasedInject['source'];

/** The list with the row of `key` changed; STALE when there is no such row. */
function change<Row extends { key: string }>(rows: Row[], key: string, fn: (r: Row) => Row): Folded<Row> {
  const i = rows.findIndex((r) => r.key === key);
  if (i < 0) return STALE;
  const next = fn(rows[i]!);
  return next === rows[i] ? rows : rows.map((r, j) => (j === i ? next : r));
}

/** A released inject as the observers' /injects gives it, from the event's payload. */
function releasedRow(e: ExerciseEvent): InjectRow {
  const d = e.data;
  return toInjectRow({
    key: str(d.key),
    title: str(d.title),
    phase: str(d.phase),
    channel: str(d.channel),
    from: str(d.from),
    body: str(d.body),
    teams: Array.isArray(d.teams) ? (d.teams as number[]) : [],
    all: d.all === true,
    source: source(d.source),
    ...(str(d.by) ? { by: str(d.by) } : {}),
    late: d.late === true,
    due_seconds: num(d.due_seconds, e.offset_seconds),
    offset_seconds: num(d.offset_seconds, e.offset_seconds),
    ...(str(d.lang) ? { lang: str(d.lang) as ReleasedInject['lang'] } : {}),
    ...(Array.isArray(d.fallback) ? { fallback: (d.fallback as unknown[]).filter((f): f is string => typeof f === 'string') } : {}),
  });
}

// An inject timed after another one has no time until that one is out; which one it
// waits for, only the server knows.
const waitsForAnother = (r: InjectRow) => r.state === 'pending' && r.scheduled_seconds == null && !r.contingency;

export function foldInjectReleased(rows: InjectRow[], e: ExerciseEvent): Folded<InjectRow> {
  const key = str(e.data.key);
  if (!key) return STALE;
  // Not in the list: an ad-hoc inject, or (for observers) one newly released.
  if (!rows.some((r) => r.key === key)) return [...rows, releasedRow(e)];
  const next = change(rows, key, (r): InjectRow =>
    r.state === 'released'
      ? r
      : {
          ...r,
          state: 'released',
          scheduled_seconds: null,
          released_seconds: num(e.data.offset_seconds, e.offset_seconds),
          late: e.data.late === true,
          source: source(e.data.source),
          ...jumpRelease(e),
        },
  );
  return next !== rows && next?.some(waitsForAnother) ? STALE : next;
}

export function foldInjectHeld(rows: InjectRow[], e: ExerciseEvent): Folded<InjectRow> {
  return change(rows, str(e.data.key), (r): InjectRow =>
    r.state === 'released' || r.state === 'skipped' || r.state === 'held' ? r : { ...r, state: 'held', scheduled_seconds: null },
  );
}

export function foldInjectSkipped(rows: InjectRow[], e: ExerciseEvent): Folded<InjectRow> {
  return change(rows, str(e.data.key), (r): InjectRow =>
    r.state === 'released' || r.state === 'skipped' ? r : { ...r, state: 'skipped', scheduled_seconds: null, ...skipFacts(e) },
  );
}

/** Who released an inject by a jump to a phase, and when (wall time). */
function jumpRelease(e: ExerciseEvent): Partial<InjectRow> {
  return str(e.data.by) ? { released_by: str(e.data.by), released_at: e.at } : { released_at: e.at };
}

/** Who skipped an inject, when, and whether a jump to a phase did. */
function skipFacts(e: ExerciseEvent): Partial<InjectRow> {
  return {
    skipped_by: str(e.data.by),
    skipped_at: e.at,
    skipped_seconds: e.offset_seconds,
    ...(e.data.jump === true ? { skipped_by_jump: true } : {}),
  };
}

/**
 * Back from held: a contingency inject waits for its trigger again; a timed one gets its
 * time back, which the list does not hold for a held inject.
 */
export function foldInjectUnheld(rows: InjectRow[], e: ExerciseEvent): Folded<InjectRow> {
  const row = rows.find((r) => r.key === str(e.data.key));
  if (!row) return STALE;
  if (row.state !== 'held') return rows;
  return row.contingency ? change(rows, row.key, (r): InjectRow => ({ ...r, state: 'waiting' })) : STALE;
}

export function foldTriggerFired(rows: TriggerRow[], e: ExerciseEvent): Folded<TriggerRow> {
  return change(rows, str(e.data.key), (r) => (r.fired ? r : { ...r, fired: true }));
}

export function foldTriggerDecided(rows: TriggerRow[], e: ExerciseEvent): Folded<TriggerRow> {
  const yes = e.data.yes === true;
  return change(rows, str(e.data.key), (r) => (r.decision === yes ? r : { ...r, decision: yes }));
}
