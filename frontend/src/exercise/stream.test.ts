import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { project } from './projection';
import { backoffMs, mergeEvents, STALL_MS, streamUrl, useExerciseStream, type ExerciseEvent } from './stream';

const ev = (seq: number, type = 'inject.released'): ExerciseEvent => ({
  seq,
  type,
  at: '2026-01-01T00:00:00Z',
  offset_seconds: seq,
  data: { key: `k${seq}` },
});

/** A scriptable stand-in for the browser's EventSource. */
class MockEventSource {
  static instances: MockEventSource[] = [];
  readyState = 0;
  closed = false;
  private listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  constructor(public url: string) {
    MockEventSource.instances.push(this);
  }
  addEventListener(type: string, fn: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data?: unknown) {
    const e = new MessageEvent<string>(type, { data: data === undefined ? '' : JSON.stringify(data) });
    for (const fn of this.listeners.get(type) ?? []) fn(e);
  }
  open() {
    this.readyState = 1;
    this.emit('open');
  }
  send(e: ExerciseEvent) {
    this.emit(e.type, e);
  }
  fail(permanently: boolean) {
    this.readyState = permanently ? 2 : 0;
    this.emit('error');
  }
  static last() {
    return MockEventSource.instances[MockEventSource.instances.length - 1]!;
  }
}

const factory = (url: string) => new MockEventSource(url) as unknown as EventSource;

function setup(id = 7) {
  return renderHook(({ id }) => useExerciseStream(id, { factory }), { initialProps: { id } });
}

/** Lets the hook's 25 ms batching run. */
const flush = () => act(() => vi.advanceTimersByTime(30));

beforeEach(() => {
  vi.useFakeTimers();
  MockEventSource.instances = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('mergeEvents', () => {
  it('keeps events in seq order without duplicates', () => {
    const a = mergeEvents([], [ev(1), ev(3), ev(2)]);
    expect(a.map((e) => e.seq)).toEqual([1, 2, 3]);
    const b = mergeEvents(a, [ev(3), ev(5), ev(4), ev(5)]);
    expect(b.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('returns the same array when nothing is new', () => {
    const a = mergeEvents([], [ev(1), ev(2)]);
    expect(mergeEvents(a, [ev(2), ev(1)])).toBe(a);
    expect(mergeEvents(a, [])).toBe(a);
  });

  it('puts a late, older event in its place', () => {
    const a = mergeEvents([], [ev(1), ev(4)]);
    expect(mergeEvents(a, [ev(2)]).map((e) => e.seq)).toEqual([1, 2, 4]);
  });
});

describe('helpers', () => {
  it('builds the resume URL and backs off up to 15 s', () => {
    expect(streamUrl(3, 0)).toBe('/api/v1/exercises/3/events');
    expect(streamUrl(3, 42)).toBe('/api/v1/exercises/3/events?last_event_id=42');
    expect(streamUrl(3, 42, 'ru')).toBe('/api/v1/exercises/3/events?lang=ru&last_event_id=42');
    expect([1, 2, 3, 4, 5, 9].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 15000, 15000]);
  });
});

describe('useExerciseStream', () => {
  it('connects, goes live and keeps events ordered and unique', async () => {
    const { result } = setup();
    expect(result.current.state).toBe('connecting');
    const es = MockEventSource.last();
    expect(es.url).toBe('/api/v1/exercises/7/events');
    act(() => es.open());
    expect(result.current.state).toBe('live');
    act(() => {
      es.send(ev(2, 'exercise.clock'));
      es.send(ev(1, 'phase.started'));
      es.send(ev(2, 'exercise.clock'));
      es.send(ev(3, 'note.added'));
    });
    flush();
    expect(result.current.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(result.current.lastSeq).toBe(3);
    // Events that are not JSON events are ignored.
    act(() => es.emit('inject.released', 'nonsense'));
    flush();
    expect(result.current.events).toHaveLength(3);
  });

  it('delivers the report publication and the scoring events, and the room learns the report is out', () => {
    const { result } = setup();
    const es = MockEventSource.last();
    act(() => {
      es.open();
      es.send(ev(1, 'exercise.clock'));
    });
    flush();
    expect(project(result.current.events).reportPublished).toBe(false);
    act(() => {
      es.send(ev(2, 'score.set'));
      es.send(ev(3, 'team.assessed'));
      es.send(ev(4, 'improvement.added'));
      es.send(ev(5, 'report.published'));
    });
    flush();
    expect(result.current.events.map((e) => e.type)).toEqual([
      'exercise.clock',
      'score.set',
      'team.assessed',
      'improvement.added',
      'report.published',
    ]);
    expect(project(result.current.events).reportPublished).toBe(true);
  });

  it('shows reconnecting while the browser retries, then live again without a new EventSource', () => {
    const { result } = setup();
    const es = MockEventSource.last();
    act(() => es.open());
    act(() => es.fail(false));
    expect(result.current.state).toBe('reconnecting');
    act(() => es.open());
    expect(result.current.state).toBe('live');
    expect(MockEventSource.instances).toHaveLength(1);
  });

  it('recreates a failed stream after a pause, resuming after the last event', () => {
    const { result } = setup();
    const es = MockEventSource.last();
    act(() => {
      es.open();
      es.send(ev(1));
      es.send(ev(2));
    });
    flush();
    act(() => es.fail(true));
    expect(result.current.state).toBe('reconnecting');
    expect(MockEventSource.instances).toHaveLength(1);
    act(() => vi.advanceTimersByTime(backoffMs(1)));
    const next = MockEventSource.last();
    expect(MockEventSource.instances).toHaveLength(2);
    expect(next.url).toBe('/api/v1/exercises/7/events?last_event_id=2');
    act(() => {
      next.open();
      next.send(ev(2)); // a repeat is dropped
      next.send(ev(3));
    });
    flush();
    expect(result.current.state).toBe('live');
    expect(result.current.events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('reconnects when the server closes the stream for another reason than removal', () => {
    const { result } = setup();
    const es = MockEventSource.last();
    act(() => {
      es.open();
      es.send(ev(5));
    });
    flush();
    act(() => es.emit('close', { reason: 'shutdown' }));
    expect(es.closed).toBe(true);
    expect(result.current.state).toBe('reconnecting');
    act(() => vi.advanceTimersByTime(1000));
    expect(MockEventSource.last().url).toBe('/api/v1/exercises/7/events?last_event_id=5');
  });

  it('stops for good when the participant was removed', () => {
    const { result } = setup();
    const es = MockEventSource.last();
    act(() => {
      es.open();
      es.send(ev(1));
      es.emit('close', { reason: 'removed' });
    });
    expect(result.current.state).toBe('removed');
    expect(result.current.events.map((e) => e.seq)).toEqual([1]);
    act(() => vi.advanceTimersByTime(60_000));
    expect(MockEventSource.instances).toHaveLength(1);
  });

  it.each(['signed_out', 'expired', 'access_removed'] as const)('stops for good when access ends (%s)', (reason) => {
    const { result } = setup();
    const es = MockEventSource.last();
    act(() => {
      es.open();
      es.send(ev(1));
      es.emit('close', { reason });
    });
    expect(result.current.state).toBe(reason);
    act(() => vi.advanceTimersByTime(60_000));
    expect(MockEventSource.instances).toHaveLength(1);
  });

  it('reconnects after a close for slowness', () => {
    const { result } = setup();
    const es = MockEventSource.last();
    act(() => {
      es.open();
      es.emit('close', { reason: 'slow' });
    });
    expect(result.current.state).toBe('reconnecting');
    act(() => vi.advanceTimersByTime(1000));
    expect(MockEventSource.instances).toHaveLength(2);
  });

  it('closes its EventSource on unmount and starts afresh for another exercise', () => {
    const { result, rerender, unmount } = setup(7);
    const first = MockEventSource.last();
    act(() => {
      first.open();
      first.send(ev(9));
    });
    flush();
    rerender({ id: 8 });
    expect(first.closed).toBe(true);
    expect(result.current.events).toEqual([]);
    const second = MockEventSource.last();
    expect(second.url).toBe('/api/v1/exercises/8/events');
    unmount();
    expect(second.closed).toBe(true);
  });
});

describe('a stalled link', () => {
  it('counts as offline after two missed heartbeats, and reopens where it left off', async () => {
    const { result } = setup();
    const first = MockEventSource.last();
    act(() => first.open());
    act(() => first.send(ev(1)));
    await flush();
    expect(result.current.state).toBe('live');
    // Heartbeats keep it live.
    for (let i = 0; i < 4; i++) {
      act(() => vi.advanceTimersByTime(15_000));
      act(() => first.emit('ping', {}));
    }
    expect(result.current.state).toBe('live');
    expect(MockEventSource.instances).toHaveLength(1);
    // Then nothing, while the browser still believes it is connected.
    act(() => vi.advanceTimersByTime(STALL_MS));
    expect(result.current.state).toBe('offline');
    expect(first.closed).toBe(true);
    act(() => vi.advanceTimersByTime(10_000));
    const second = MockEventSource.last();
    expect(second).not.toBe(first);
    expect(second.url).toContain('last_event_id=1');
    act(() => second.open());
    expect(result.current.state).toBe('live');
  });
});

describe('another reading language', () => {
  const said = (seq: number, title: string): ExerciseEvent => ({ ...ev(seq), data: { key: `k${seq}`, title } });

  it('asks for the language, and on a change reads the stream again from the start; its events replace the old ones', () => {
    const { result, rerender } = renderHook(({ lang }) => useExerciseStream(7, { factory, lang }), { initialProps: { lang: 'en' } });
    const first = MockEventSource.last();
    expect(first.url).toBe('/api/v1/exercises/7/events?lang=en');
    act(() => {
      first.open();
      first.send(said(1, 'Phishing wave'));
      first.send(said(2, 'Servers found'));
    });
    flush();
    expect(result.current.events.map((e) => e.data.title)).toEqual(['Phishing wave', 'Servers found']);

    rerender({ lang: 'ru' });
    expect(first.closed).toBe(true);
    const second = MockEventSource.last();
    // From the start (no last_event_id): the events kept are in the old language.
    expect(second.url).toBe('/api/v1/exercises/7/events?lang=ru');
    // Until the replay comes, the old events stay in view.
    expect(result.current.events).toHaveLength(2);
    act(() => {
      second.open();
      second.send(said(1, 'Волна фишинга'));
      second.send(said(2, 'Серверы найдены'));
    });
    flush();
    expect(result.current.events.map((e) => e.data.title)).toEqual(['Волна фишинга', 'Серверы найдены']);
    act(() => second.send(said(3, 'Заявление')));
    flush();
    expect(result.current.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    // A reconnect in the new language resumes where it left off.
    act(() => second.fail(true));
    act(() => vi.advanceTimersByTime(1_000));
    expect(MockEventSource.last().url).toBe('/api/v1/exercises/7/events?lang=ru&last_event_id=3');
  });

  it('a reader whose language the server stores sends none, and still reads the stream again on a change', () => {
    const { rerender } = renderHook(({ reading }) => useExerciseStream(7, { factory, reading }), { initialProps: { reading: 'en' } });
    const first = MockEventSource.last();
    act(() => first.open());
    act(() => first.send(ev(4)));
    flush();
    rerender({ reading: 'fr' });
    expect(first.closed).toBe(true);
    expect(MockEventSource.last().url).toBe('/api/v1/exercises/7/events');
  });
});
