/**
 * The live event stream of one exercise (Server-Sent Events on
 * /api/v1/exercises/{id}/events), kept in order by sequence number.
 */
import { useEffect, useRef, useState } from 'react';
import { API_BASE, type Schema } from '../api/client';
import { EVENT_CATALOGUE, type EventType } from './eventCatalogue';

export type { EventType } from './eventCatalogue';

/** An event of the log (the Event schema), its payload typed as `D` where the type is known. */
export type ExerciseEvent<D = Record<string, unknown>> = Omit<Schema<'Event'>, 'data'> & { data: D };

/**
 * Every event type the server sends, from the server's catalogue (eventCatalogue.ts is
 * generated from it; a Go test fails when it is stale). EventSource only delivers named
 * events we listen for, so a type missing here would be silently dropped.
 */
export const EVENT_TYPES: readonly EventType[] = EVENT_CATALOGUE.map((k) => k.type);

const LABEL_KEYS = new Map<string, string>(EVENT_CATALOGUE.map((k) => [k.type, k.labelKey]));

/** The translation key ("namespace:key") of an event type's name; the type itself when unknown. */
export function eventLabelKey(type: string): string {
  return LABEL_KEYS.get(type) ?? type;
}

/** Why the server ended a stream for good: the client must not reconnect. */
export const FINAL_REASONS = ['removed', 'signed_out', 'expired', 'access_removed'] as const;
export type FinalReason = (typeof FINAL_REASONS)[number];

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline' | FinalReason;

/**
 * How long the stream may stay silent before it counts as dead: the server sends a
 * heartbeat (`ping`) every 15 s, so this is two missed beats and a margin. A stalled
 * link (the browser still thinks it is connected) is then closed and opened again.
 */
export const STALL_MS = 35_000;

/** Whether the stream has ended for good (access ended); the page says why. */
export function isFinal(state: ConnectionState): state is FinalReason {
  return (FINAL_REASONS as readonly string[]).includes(state);
}

/**
 * Merges `incoming` into `events` (sorted by seq, no duplicates). Returns the same
 * array when nothing new arrived, so React can skip a render.
 */
export function mergeEvents(events: readonly ExerciseEvent[], incoming: readonly ExerciseEvent[]): ExerciseEvent[] {
  if (incoming.length === 0) return events as ExerciseEvent[];
  const seen = new Set(events.map((e) => e.seq));
  const fresh: ExerciseEvent[] = [];
  for (const e of incoming) {
    if (!Number.isFinite(e.seq) || seen.has(e.seq)) continue;
    seen.add(e.seq);
    fresh.push(e);
  }
  if (fresh.length === 0) return events as ExerciseEvent[];
  const last = events.length ? events[events.length - 1]!.seq : 0;
  fresh.sort((a, b) => a.seq - b.seq);
  if (fresh[0]!.seq > last) return [...events, ...fresh];
  return [...events, ...fresh].sort((a, b) => a.seq - b.seq);
}

/** Parses one SSE `data:` payload; null when it is not an event. */
export function parseEvent(raw: string): ExerciseEvent | null {
  try {
    const v: unknown = JSON.parse(raw);
    if (!v || typeof v !== 'object') return null;
    const e = v as Partial<ExerciseEvent>;
    if (typeof e.seq !== 'number' || typeof e.type !== 'string') return null;
    return {
      seq: e.seq,
      type: e.type,
      at: typeof e.at === 'string' ? e.at : '',
      offset_seconds: typeof e.offset_seconds === 'number' ? e.offset_seconds : 0,
      data: e.data && typeof e.data === 'object' ? (e.data as Record<string, unknown>) : {},
    };
  } catch {
    return null;
  }
}

/** The stream URL; `lastSeq` > 0 resumes after that event; `lang` asks for scenario content in that language. */
export function streamUrl(exerciseId: number, lastSeq: number, lang?: string): string {
  const q = new URLSearchParams();
  if (lang) q.set('lang', lang);
  if (lastSeq > 0) q.set('last_event_id', String(lastSeq));
  const query = q.toString();
  return `${API_BASE}/exercises/${exerciseId}/events${query ? `?${query}` : ''}`;
}

/** Delay before the n-th (1-based) reconnect we make ourselves: 1 s, 2 s, 4 s … at most 15 s. */
export function backoffMs(attempt: number): number {
  return Math.min(15_000, 1_000 * 2 ** Math.max(0, attempt - 1));
}

export type EventSourceFactory = (url: string) => EventSource;

const defaultFactory: EventSourceFactory = (url) => new EventSource(url, { withCredentials: true });

export interface ExerciseStream {
  events: ExerciseEvent[];
  state: ConnectionState;
  lastSeq: number;
}

export interface StreamOptions {
  factory?: EventSourceFactory;
  /** Sent as `?lang=` (staff read in their UI language). */
  lang?: string;
  /**
   * The language the viewer reads in. The server writes scenario content into the events
   * in it, so a change reads the stream again from the start: the events then replace
   * the ones kept (the seqs stay the same, the texts change).
   */
  reading?: string;
}

/**
 * Subscribes to an exercise's event stream. The browser's EventSource resumes with
 * Last-Event-ID on its own reconnects; when the stream fails for good, or the server
 * closes it (other than for removal), a new EventSource resumes with ?last_event_id.
 * Events are kept in seq order without duplicates.
 */
export function useExerciseStream(exerciseId: number, options: StreamOptions = {}): ExerciseStream {
  const { factory = defaultFactory, lang, reading = lang ?? '' } = options;
  const [events, setEvents] = useState<ExerciseEvent[]>([]);
  const [state, setState] = useState<ConnectionState>('connecting');
  // Where to resume: the highest seq handed to React for this exercise and language.
  const cursor = useRef({ id: exerciseId, reading, seq: 0, replace: false });
  const factoryRef = useRef(factory);
  // Reset when the exercise changes (state adjusted during render, as React recommends).
  const [forId, setForId] = useState(exerciseId);
  if (forId !== exerciseId) {
    setForId(exerciseId);
    setEvents([]);
    setState('connecting');
  }

  useEffect(() => {
    if (cursor.current.id !== exerciseId) cursor.current = { id: exerciseId, reading, seq: 0, replace: false };
    // Another language: read from the start, and let the first events replace the old
    // ones (no empty page in between).
    else if (cursor.current.reading !== reading) cursor.current = { id: exerciseId, reading, seq: 0, replace: true };
    let es: EventSource | null = null;
    let stopped = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let buffer: ExerciseEvent[] = [];
    let stallTimer: ReturnType<typeof setTimeout> | undefined;

    const flush = () => {
      flushTimer = undefined;
      const batch = buffer;
      buffer = [];
      if (stopped || !batch.length) return;
      for (const e of batch) if (e.seq > cursor.current.seq) cursor.current.seq = e.seq;
      if (cursor.current.replace) {
        cursor.current.replace = false;
        setEvents(mergeEvents([], batch));
      } else setEvents((prev) => mergeEvents(prev, batch));
    };

    // Anything from the server (an event, a heartbeat, the open) proves the link alive.
    const alive = () => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(stalled, STALL_MS);
    };
    const stalled = () => {
      if (stopped) return;
      es?.close();
      es = null;
      scheduleReconnect('offline');
    };

    const onEvent = (ev: MessageEvent<string>) => {
      alive();
      const e = parseEvent(ev.data);
      if (!e) return;
      buffer.push(e);
      // Coalesce bursts (the replay after a reload) into one render.
      flushTimer ??= setTimeout(flush, 25);
    };

    const scheduleReconnect = (state: ConnectionState = 'reconnecting') => {
      if (stopped) return;
      attempts += 1;
      setState(state);
      clearTimeout(stallTimer);
      retryTimer = setTimeout(connect, backoffMs(attempts));
    };

    const onClose = (ev: MessageEvent<string>) => {
      let reason = '';
      try {
        reason = (JSON.parse(ev.data) as { reason?: string }).reason ?? '';
      } catch {
        // no reason given
      }
      es?.close();
      es = null;
      if ((FINAL_REASONS as readonly string[]).includes(reason)) {
        flush();
        stopped = true;
        setState(reason as FinalReason);
        return;
      }
      scheduleReconnect();
    };

    function connect() {
      if (stopped) return;
      const source = factoryRef.current(streamUrl(exerciseId, cursor.current.seq, lang));
      es = source;
      alive(); // a connection that never opens is stalled too
      source.addEventListener('open', () => {
        attempts = 0;
        alive();
        setState('live');
      });
      source.addEventListener('ping', alive);
      source.addEventListener('error', () => {
        if (source.readyState === 2 /* CLOSED: failed for good */) {
          if (es === source) es = null;
          scheduleReconnect();
        } else {
          setState('reconnecting'); // the browser reconnects with Last-Event-ID
        }
      });
      source.addEventListener('message', onEvent);
      for (const type of EVENT_TYPES) source.addEventListener(type, onEvent as EventListener);
      source.addEventListener('close', onClose as EventListener);
    }

    setState(cursor.current.seq > 0 ? 'reconnecting' : 'connecting');
    connect();
    return () => {
      // Unflushed events are dropped; the next subscription resumes before them.
      stopped = true;
      clearTimeout(retryTimer);
      clearTimeout(flushTimer);
      clearTimeout(stallTimer);
      es?.close();
    };
  }, [exerciseId, lang, reading]);

  return { events, state, lastSeq: events.length ? events[events.length - 1]!.seq : 0 };
}
