import { describe, expect, it } from 'vitest';
import type { ExerciseEvent } from '../exercise/stream';
import type { HeatMap, TimelineEntry } from './api';
import { filterTimeline, foldLog, formatSeconds, heatLevel, heatRows, isScaleValue, median, scaleValues, scoreRatio } from './model';

describe('score picker values', () => {
  it('offers P, S, M, U on the psmu scale with their HSEEP meaning', () => {
    expect(scaleValues('psmu').map((v) => v.value)).toEqual(['P', 'S', 'M', 'U']);
    expect(scaleValues('psmu')[0]!.meaningKey).toBe('scale.psmu.P');
  });
  it('offers 4 to 0 on the numeric scale', () => {
    expect(scaleValues('numeric').map((v) => v.value)).toEqual(['4', '3', '2', '1', '0']);
  });
  it('knows which values belong to a scale', () => {
    expect(isScaleValue('psmu', 'M')).toBe(true);
    expect(isScaleValue('psmu', '3')).toBe(false);
    expect(isScaleValue('numeric', '0')).toBe(true);
    expect(isScaleValue('numeric', '5')).toBe(false);
  });
  it('turns scores into ratios for charts', () => {
    expect(scoreRatio('P')).toBe(1);
    expect(scoreRatio('U')).toBe(0);
    expect(scoreRatio('2')).toBe(0.5);
    expect(scoreRatio('x')).toBeNull();
    expect(scoreRatio('')).toBeNull();
  });
});

describe('heat-map colour scale', () => {
  it('keeps zero at step 0 and never shows a single use as none', () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(1, 100)).toBe(1);
    expect(heatLevel(10, 10)).toBe(4);
    expect(heatLevel(5, 10)).toBe(2);
    expect(heatLevel(3, 0)).toBe(0);
  });
  it('builds rows per CBM with counts and expected marks', () => {
    const h: HeatMap = {
      cbms: ['3', '8'],
      teams: [4, 5],
      counts: { '8': { '4': 2, '5': 1 } },
      expected: { '3': { '5': true }, '8': { '4': true } },
    };
    const rows = heatRows(h);
    expect(rows.map((r) => r.cbm)).toEqual(['3', '8']);
    expect(rows[0]!.cells).toEqual([
      { cbm: '3', team: 4, count: 0, expected: false, level: 0 },
      { cbm: '3', team: 5, count: 0, expected: true, level: 0 },
    ]);
    expect(rows[1]!.cells.map((c) => [c.count, c.level, c.expected])).toEqual([
      [2, 4, true],
      [1, 2, false],
    ]);
  });
});

describe('timeline filtering', () => {
  const tl: TimelineEntry[] = [
    { seq: 1, at_seconds: 0, kind: 'phase', title: 'Start' },
    { seq: 2, at_seconds: 1, kind: 'inject', title: 'Welcome', teams: [4, 5, 6] },
    { seq: 3, at_seconds: 60, kind: 'inject', title: 'Only 6', teams: [6] },
    { seq: 4, at_seconds: 70, kind: 'request', title: 'Help', team_id: 4, teams: [5] },
    { seq: 5, at_seconds: 80, kind: 'message', title: 'Re: Help', team_id: 5, teams: [4] },
  ];
  it('keeps everything without a filter', () => {
    expect(filterTimeline(tl, { team: 0, kinds: new Set() })).toHaveLength(5);
  });
  it('keeps what a team did or received, and entries for everyone', () => {
    expect(filterTimeline(tl, { team: 6, kinds: new Set() }).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(filterTimeline(tl, { team: 5, kinds: new Set() }).map((e) => e.seq)).toEqual([1, 2, 4, 5]);
  });
  it('filters by kind, combined with the team', () => {
    expect(filterTimeline(tl, { team: 0, kinds: new Set(['inject']) }).map((e) => e.seq)).toEqual([2, 3]);
    expect(filterTimeline(tl, { team: 4, kinds: new Set(['inject', 'message']) }).map((e) => e.seq)).toEqual([2, 5]);
  });
});

describe('formatting', () => {
  it('writes exercise seconds as m:ss or h:mm:ss', () => {
    expect(formatSeconds(22.2)).toBe('0:22');
    expect(formatSeconds(125)).toBe('2:05');
    expect(formatSeconds(3725)).toBe('1:02:05');
    expect(formatSeconds(null)).toBe('—');
  });
  it('takes medians', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('replay folding', () => {
  const ev = (seq: number, type: string, offset: number, data: Record<string, unknown>): ExerciseEvent => ({
    seq,
    type,
    at: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
    offset_seconds: offset,
    data,
  });
  const log = [
    ev(1, 'exercise.created', 0, { title: 'T' }),
    ev(2, 'exercise.clock', 0, { action: 'start', status: 'running', speed: 10, offset_seconds: 0 }),
    ev(3, 'phase.started', 0.5, { key: 'p1', title: 'Getting started', clock: '09:00', situation: '', questions: [] }),
    ev(4, 'inject.released', 0.6, { key: 'welcome', title: 'Welcome', teams: [4, 5], all: true, offset_seconds: 0.6 }),
    ev(5, 'message.sent', 30, { from: 4, from_name: 'Val', to: [5], channel: 'poc_hotline', subject: 'Help', kind: 'information', cbms: ['8'] }),
    ev(6, 'request.updated', 41, { message: 5, status: 'acknowledged', team_id: 5 }),
    ev(7, 'phase.started', 300, { key: 'p2', title: 'A first incident', clock: '11:30', situation: '', questions: [] }),
    ev(8, 'message.sent', 310, { from: 5, from_name: 'Est', to: [4], channel: 'poc_hotline', subject: 'Re: Help', reply_to: 5 }),
    ev(9, 'request.updated', 310, { message: 5, status: 'answered', team_id: 5, answer: 8 }),
  ];
  it('shows nothing before the first event', () => {
    const s = foldLog(log, 0);
    expect(s.event).toBeNull();
    expect(s.projection.injects).toHaveLength(0);
    expect(s.messages).toHaveLength(0);
    expect(s.offsetSeconds).toBe(0);
  });
  it('folds the events up to the step: time, phase, injects, messages and request status', () => {
    const s = foldLog(log, 6);
    expect(s.event?.seq).toBe(6);
    expect(s.offsetSeconds).toBe(41);
    expect(s.projection.currentPhase).toBe('p1');
    expect(s.projection.injects.map((i) => i.key)).toEqual(['welcome']);
    expect(s.messages.map((m) => [m.seq, m.subject, m.status])).toEqual([[5, 'Help', 'acknowledged']]);
    expect(s.projection.clock?.status).toBe('running');
  });
  it('reaches the end state and clamps steps out of range', () => {
    const s = foldLog(log, 99);
    expect(s.step).toBe(9);
    expect(s.projection.currentPhase).toBe('p2');
    expect(s.messages.map((m) => m.status)).toEqual(['answered', '']);
    expect(foldLog(log, -3).step).toBe(0);
  });
  it('does not change earlier steps when later ones are folded', () => {
    const early = foldLog(log, 5);
    foldLog(log, 9);
    expect(early.messages[0]!.status).toBe('open');
  });
});
