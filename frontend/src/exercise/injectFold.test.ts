import { describe, expect, it } from 'vitest';
import type { InjectRow, TriggerRow } from './api';
import {
  foldInjectHeld,
  foldInjectReleased,
  foldInjectSkipped,
  foldInjectUnheld,
  foldTriggerDecided,
  foldTriggerFired,
  STALE,
} from './injectFold';
import type { ExerciseEvent } from './stream';
import { injectRow, triggerRow } from '../test/consoleFixtures';

type Fold<Row> = (rows: Row[], e: ExerciseEvent) => Row[] | null;
const INJECT_FOLDS: Record<string, Fold<InjectRow>> = {
  'inject.released': foldInjectReleased,
  'inject.held': foldInjectHeld,
  'inject.unheld': foldInjectUnheld,
  'inject.skipped': foldInjectSkipped,
};
const TRIGGER_FOLDS: Record<string, Fold<TriggerRow>> = {
  'trigger.fired': foldTriggerFired,
  'trigger.decided': foldTriggerDecided,
};

/** Folds `events` in order, as streamCache.ts does: STALE at the first that cannot be applied. */
function foldEvents<Row>(rows: Row[], events: ExerciseEvent[], folds: Record<string, Fold<Row>>): Row[] | null {
  let out: Row[] | null = rows;
  for (const e of events) {
    const fold = folds[e.type];
    if (fold && out) out = fold(out, e);
  }
  return out;
}

let seq = 0;
const ev = (type: string, data: Record<string, unknown>, offset = 0): ExerciseEvent => ({
  seq: ++seq,
  type,
  at: '2026-03-02T09:00:00Z',
  offset_seconds: offset,
  data,
});

const row = injectRow;
const trigger = triggerRow;

const injects = (rows: InjectRow[], ...events: ExerciseEvent[]) => foldEvents(rows, events, INJECT_FOLDS);
const stateOf = (rows: InjectRow[] | null, key: string) => rows?.find((r) => r.key === key)?.state;

describe('inject folds', () => {
  it('release a row with the time, lateness and source the event gives', () => {
    const out = injects([row('a'), row('b')], ev('inject.released', { key: 'a', offset_seconds: 61.5, late: true, source: 'manual' }));
    expect(out?.[0]).toMatchObject({ state: 'released', scheduled_seconds: null, released_seconds: 61.5, late: true, source: 'manual' });
    expect(out?.[1]).toEqual(row('b'));
  });

  it('hold, skip and unhold a contingency inject', () => {
    const rows = [row('a'), row('c', { contingency: true, scheduled_seconds: null, state: 'waiting' })];
    expect(injects(rows, ev('inject.held', { key: 'a' }))?.[0]).toMatchObject({ state: 'held', scheduled_seconds: null });
    expect(stateOf(injects(rows, ev('inject.skipped', { key: 'a' })), 'a')).toBe('skipped');
    expect(stateOf(injects(rows, ev('inject.held', { key: 'c' }), ev('inject.unheld', { key: 'c' })), 'c')).toBe('waiting');
  });

  it('keep the server’s order of states, so that an event the list already shows changes nothing', () => {
    const rows = [row('a', { state: 'released', released_seconds: 60, scheduled_seconds: null }), row('s', { state: 'skipped' })];
    const again = injects(
      rows,
      ev('inject.held', { key: 'a' }),
      ev('inject.released', { key: 'a', offset_seconds: 99 }),
      ev('inject.held', { key: 's' }),
      ev('inject.unheld', { key: 's' }),
    );
    expect(again).toBe(rows);
  });

  it('add an inject the list lacks from the event (an ad-hoc one, or a newly released one for observers)', () => {
    const out = injects([row('a')], ev('inject.released', { key: 'adhoc-x', title: 'Storm', channel: 'email', teams: [12], all: false, source: 'adhoc', offset_seconds: 70 }));
    expect(out?.[1]).toMatchObject({ key: 'adhoc-x', title: 'Storm', state: 'released', audience: { teams: [12] }, released_seconds: 70, source: 'adhoc' });
  });

  it('need the server for what only it knows: a timed inject back from held, a row the list lacks, a time after a release', () => {
    expect(injects([row('a', { state: 'held', scheduled_seconds: null })], ev('inject.unheld', { key: 'a' }))).toBe(STALE);
    expect(injects([row('a')], ev('inject.held', { key: 'zzz' }))).toBe(STALE);
    // b is timed after some inject: when a goes out, b may get its time.
    const afterOne = [row('a'), row('b', { scheduled_seconds: null })];
    expect(injects(afterOne, ev('inject.released', { key: 'a', offset_seconds: 60 }))).toBe(STALE);
  });

  it('ignore the events that are not about injects', () => {
    const rows = [row('a')];
    expect(injects(rows, ev('phase.started', { key: 'p2' }), ev('exercise.clock', { action: 'pause' }))).toBe(rows);
  });
});

describe('trigger folds', () => {
  it('record a decision and a firing', () => {
    const out = foldEvents(
      [trigger('t1'), trigger('t2')],
      [ev('trigger.decided', { key: 't1', yes: true }), ev('trigger.fired', { key: 't1', releases: ['b'] }), ev('trigger.decided', { key: 't2', yes: false })],
      TRIGGER_FOLDS,
    );
    expect(out).toEqual([trigger('t1', { decision: true, fired: true }), trigger('t2', { decision: false })]);
  });

  it('need the server for a trigger the list lacks', () => {
    expect(foldEvents([trigger('t1')], [ev('trigger.fired', { key: 'nope' })], TRIGGER_FOLDS)).toBe(STALE);
  });
});
