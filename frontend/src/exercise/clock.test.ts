import { describe, expect, it } from 'vitest';
import { exerciseSeconds, formatHms, formatSpeed, readingFromState, type ClockReading } from './clock';
import { project } from './projection';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const reading = (over: Partial<ClockReading>): ClockReading => ({
  status: 'running',
  speed: 1,
  offsetSeconds: 0,
  asOfMs: T0,
  ...over,
});

describe('exercise clock', () => {
  it('runs at its speed from the reading', () => {
    expect(exerciseSeconds(reading({}), T0 + 5_000)).toBe(5);
    expect(exerciseSeconds(reading({ speed: 10, offsetSeconds: 60 }), T0 + 3_000)).toBe(90);
    expect(exerciseSeconds(reading({ speed: 0.5, offsetSeconds: 10 }), T0 + 4_000)).toBe(12);
  });

  it('stands still when paused, not started or ended', () => {
    for (const status of ['paused', 'draft', 'ended'] as const) {
      expect(exerciseSeconds(reading({ status, offsetSeconds: 42, speed: 10 }), T0 + 60_000)).toBe(42);
    }
  });

  it('never goes back before the reading (a local clock behind the server)', () => {
    expect(exerciseSeconds(reading({ offsetSeconds: 30 }), T0 - 10_000)).toBe(30);
  });

  it('reads the REST clock', () => {
    expect(readingFromState({ status: 'paused', speed: 2, offset_seconds: 7.5, as_of: '2026-03-02T09:00:00Z' })).toEqual(
      reading({ status: 'paused', speed: 2, offsetSeconds: 7.5 }),
    );
  });

  it('formats hh:mm:ss and speeds', () => {
    expect(formatHms(0)).toBe('00:00:00');
    expect(formatHms(59.9)).toBe('00:00:59');
    expect(formatHms(3725)).toBe('01:02:05');
    expect(formatHms(90_000)).toBe('25:00:00');
    expect(formatHms(-5)).toBe('00:00:00');
    expect(formatSpeed(0.5)).toBe('0.5×');
    expect(formatSpeed(10)).toBe('10×');
  });

  it('takes the latest clock event from the stream', () => {
    const p = project([
      { seq: 1, type: 'exercise.clock', at: '2026-03-02T09:00:00Z', offset_seconds: 0, data: { action: 'start', status: 'running', speed: 1, offset_seconds: 0 } },
      { seq: 2, type: 'exercise.clock', at: '2026-03-02T09:01:00Z', offset_seconds: 60, data: { action: 'pause', status: 'paused', speed: 1, offset_seconds: 60 } },
    ]);
    expect(p.clock).toEqual(reading({ status: 'paused', offsetSeconds: 60, asOfMs: T0 + 60_000 }));
    expect(exerciseSeconds(p.clock!, T0 + 600_000)).toBe(60);
  });
});

describe('projection', () => {
  it('rebuilds phases, injects (newest first), answers and sharing from events', () => {
    const at = '2026-03-02T09:00:00Z';
    const p = project([
      { seq: 1, type: 'phase.started', at, offset_seconds: 0, data: { key: 'p1', title: 'One', clock: 'Day 1', situation: '', questions: [{ key: 'q1', text: 'Why?' }] } },
      { seq: 2, type: 'inject.released', at, offset_seconds: 5, data: { key: 'a', title: 'A', channel: 'news', teams: [], all: true } },
      { seq: 3, type: 'inject.released', at, offset_seconds: 9, data: { key: 'b', title: 'B', channel: 'email', teams: [1], all: false } },
      { seq: 4, type: 'answer.updated', at, offset_seconds: 10, data: { team_id: 1, phase: 'p1', question: 'q1', text: 'draft', by: 'Ann' } },
      { seq: 5, type: 'answer.submitted', at, offset_seconds: 11, data: { team_id: 1, phase: 'p1', question: 'q1', text: 'final', by: 'Bob' } },
      { seq: 6, type: 'answers.shared', at, offset_seconds: 12, data: { phase: 'p1', answers: [{ team_id: 2, phase: 'p1', question: 'q1', text: 'theirs', by: 'Cy' }] } },
      { seq: 7, type: 'phase.closed', at, offset_seconds: 13, data: { key: 'p1' } },
      { seq: 8, type: 'team.renamed', at, offset_seconds: 14, data: { team_id: 2, name: 'Ruritania' } },
    ]);
    expect(p.currentPhase).toBe('p1');
    expect(p.phases[0]!.questions).toEqual([{ key: 'q1', text: 'Why?' }]);
    expect(p.injects.map((i) => i.key)).toEqual(['b', 'a']);
    expect(p.answers.get('1|p1|q1')).toMatchObject({ text: 'final', by: 'Bob', submitted: true });
    expect(p.answers.get('2|p1|q1')).toMatchObject({ text: 'theirs', by: 'Cy' });
    expect(p.sharedPhases.has('p1')).toBe(true);
    expect(p.closedPhases.has('p1')).toBe(true);
    expect(p.teamNames.get(2)).toBe('Ruritania');
  });
});
