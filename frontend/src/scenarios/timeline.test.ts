import { describe, expect, it } from 'vitest';
import { formatOffset, layoutTimeline, tickStep, xFor, type TimelineInject } from './timeline';

const phases = [
  { key: 'p1', title: 'One', starts_at_seconds: 0 },
  { key: 'p2', title: 'Two', starts_at_seconds: 3600 },
];
const inject = (key: string, phase: string, at: number | null, contingency = false): TimelineInject => ({
  key,
  title: key.toUpperCase(),
  phase,
  contingency,
  release_at_seconds: at,
});
const opts = { width: 1000, labelWidth: 100, padRight: 0, laneHeight: 20, axisHeight: 30, minGap: 14 };

describe('timeline layout', () => {
  it('places x proportionally to release time over the duration', () => {
    const l = layoutTimeline(7200, phases, [inject('a', 'p1', 0), inject('b', 'p1', 3600), inject('c', 'p2', 7200)], opts);
    const x = Object.fromEntries(l.marks.map((m) => [m.key, m.x]));
    expect(x).toEqual({ a: 100, b: 550, c: 1000 });
    expect(l.span).toBe(7200);
  });

  it('uses one row per phase, in order, and puts each inject in its phase row', () => {
    const l = layoutTimeline(7200, phases, [inject('a', 'p1', 60), inject('c', 'p2', 4000)], opts);
    expect(l.rows.map((r) => r.key)).toEqual(['p1', 'p2']);
    expect(l.rows[0]!.y).toBe(30);
    expect(l.rows[1]!.y).toBe(50);
    expect(l.rows[1]!.startX).toBe(550);
    const c = l.marks.find((m) => m.key === 'c')!;
    expect(c.row).toBe(1);
    expect(c.y).toBe(50 + 10);
    expect(l.height).toBe(30 + 40 + 4);
  });

  it('sets contingency injects and injects without a release time apart', () => {
    const l = layoutTimeline(3600, phases, [inject('a', 'p1', 60), inject('h', 'p1', null, true), inject('n', 'p2', null)], opts);
    expect(l.marks.map((m) => m.key)).toEqual(['a']);
    expect(l.held.map((i) => i.key)).toEqual(['h', 'n']);
  });

  it('also holds a contingency inject that has a computed time', () => {
    const l = layoutTimeline(3600, phases, [inject('h', 'p1', 300, true)], opts);
    expect(l.marks).toHaveLength(0);
    expect(l.held).toHaveLength(1);
  });

  it('moves marks that would overlap to a further lane and grows the row', () => {
    const l = layoutTimeline(7200, phases, [inject('a', 'p1', 600), inject('b', 'p1', 620), inject('c', 'p1', 3000)], opts);
    const lane = Object.fromEntries(l.marks.map((m) => [m.key, m.lane]));
    expect(lane).toEqual({ a: 0, b: 1, c: 0 });
    expect(l.rows[0]!.lanes).toBe(2);
    expect(l.rows[0]!.height).toBe(40);
    expect(l.rows[1]!.y).toBe(70);
  });

  it('stretches the scale when an inject is released after the end', () => {
    const l = layoutTimeline(3600, phases, [inject('late', 'p2', 5400)], opts);
    expect(l.span).toBe(5400);
    expect(l.marks[0]!.x).toBe(1000);
  });

  it('adds a row for injects whose phase is unknown', () => {
    const l = layoutTimeline(3600, phases, [inject('x', 'nowhere', 60)], opts);
    expect(l.rows.map((r) => r.key)).toEqual(['p1', 'p2', '']);
    expect(l.marks[0]!.row).toBe(2);
  });

  it('draws ticks at a round step from 0 to the end', () => {
    const l = layoutTimeline(7200, phases, [], opts);
    expect(l.ticks.map((t) => t.seconds)).toEqual([0, 900, 1800, 2700, 3600, 4500, 5400, 6300, 7200]);
    expect(l.ticks[0]!.x).toBe(100);
    expect(l.ticks.at(-1)!.x).toBe(1000);
  });

  it('picks tick steps that keep the axis readable', () => {
    expect(tickStep(15 * 60)).toBe(120);
    expect(tickStep(2 * 3600)).toBe(900);
    expect(tickStep(8 * 3600)).toBe(3600);
  });

  it('clamps x to the scale and copes with a zero span', () => {
    expect(xFor(-10, 100, 0, 100)).toBe(0);
    expect(xFor(500, 100, 0, 100)).toBe(100);
    expect(xFor(5, 0, 10, 100)).toBe(10);
  });

  it('formats offsets as H:MM', () => {
    expect(formatOffset(0)).toBe('0:00');
    expect(formatOffset(300)).toBe('0:05');
    expect(formatOffset(5400)).toBe('1:30');
  });
});
