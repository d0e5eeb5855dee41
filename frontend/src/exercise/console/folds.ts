/**
 * What each stream event does to the console's inject timeline and trigger list (the
 * server's answers to /injects and /triggers, kept in the query cache). A fold gives the
 * new list, or STALE when the event cannot be applied — the list lacks the row, or the
 * new state holds a time only the server computes — and the list must be fetched again.
 *
 * The states follow the server's order: released beats skipped, skipped beats held. So
 * an event the list already reflects changes nothing, and a list fetched while events
 * were arriving can have them applied again.
 */
import { toInjectRow, type InjectRow, type TriggerRow } from '../api';
import type { ExerciseEvent } from '../stream';

export const STALE = null;
export type Fold<Row> = (rows: Row[], e: ExerciseEvent) => Row[] | typeof STALE;
export type Folds<Row> = Readonly<Partial<Record<string, Fold<Row>>>>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);

/** The list with the row of `key` changed; STALE when there is no such row. */
function change<Row extends { key: string }>(rows: Row[], key: string, fn: (r: Row) => Row): Row[] | typeof STALE {
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
    source: str(d.source),
    late: d.late === true,
    offset_seconds: num(d.offset_seconds, e.offset_seconds),
  });
}

function release(rows: InjectRow[], e: ExerciseEvent): InjectRow[] | typeof STALE {
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
          source: str(e.data.source),
        },
  );
  // An inject timed after another one has no time until that one is out; which one it
  // waits for, only the server knows.
  const waitingForOne = (r: InjectRow) => r.state === 'pending' && r.scheduled_seconds == null && !r.contingency;
  return next !== rows && next?.some(waitingForOne) ? STALE : next;
}

export const INJECT_FOLDS: Folds<InjectRow> = {
  'inject.released': release,
  'inject.held': (rows, e) =>
    change(rows, str(e.data.key), (r): InjectRow =>
      r.state === 'released' || r.state === 'skipped' || r.state === 'held' ? r : { ...r, state: 'held', scheduled_seconds: null },
    ),
  'inject.skipped': (rows, e) =>
    change(rows, str(e.data.key), (r): InjectRow =>
      r.state === 'released' || r.state === 'skipped' ? r : { ...r, state: 'skipped', scheduled_seconds: null },
    ),
  // Back from held: a contingency inject waits for its trigger again; a timed one gets its
  // time back, which the list of a held inject does not hold.
  'inject.unheld': (rows, e) => {
    const row = rows.find((r) => r.key === str(e.data.key));
    if (!row) return STALE;
    if (row.state !== 'held') return rows;
    return row.contingency ? change(rows, row.key, (r): InjectRow => ({ ...r, state: 'waiting' })) : STALE;
  },
};

export const TRIGGER_FOLDS: Folds<TriggerRow> = {
  'trigger.fired': (rows, e) => change(rows, str(e.data.key), (r) => (r.fired ? r : { ...r, fired: true })),
  'trigger.decided': (rows, e) => {
    const yes = e.data.yes === true;
    return change(rows, str(e.data.key), (r) => (r.decision === yes ? r : { ...r, decision: yes }));
  },
};

/** Applies `events` in order; STALE as soon as one cannot be applied. Events without a fold change nothing. */
export function foldEvents<Row>(rows: Row[], events: readonly ExerciseEvent[], folds: Folds<Row>): Row[] | typeof STALE {
  let out = rows;
  for (const e of events) {
    const fold = folds[e.type];
    if (!fold) continue;
    const next = fold(out, e);
    if (next === STALE) return STALE;
    out = next;
  }
  return out;
}
