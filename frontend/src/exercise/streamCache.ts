/**
 * The one way the browser follows an exercise's stream: for every event type of the
 * server's catalogue, the change it makes to the cached REST views (TanStack Query).
 * The clock, phases, injects, answers, notes and team names are folded from the events
 * themselves by projection.ts; this table covers the views that were fetched.
 *
 * A fold updates a view from the event's payload, with no request; an invalidation
 * refetches the view (kept for views a payload cannot rebuild, such as the
 * communication checks' per-team rows). A fold that cannot apply its event returns null
 * (STALE in injectFold.ts), and the view is refetched instead.
 */
import { hashKey, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { exerciseKeys } from './api';
import {
  foldInjectHeld,
  foldInjectReleased,
  foldInjectSkipped,
  foldInjectUnheld,
  foldTriggerDecided,
  foldTriggerFired,
} from './injectFold';
import { foldMessageSent, foldPocUpdated, foldRequestUpdated, foldRetagged } from './messages/fold';
import { messageKeys } from './messages/api';
import { tourKeys } from './tour/api';
import type { EventType, ExerciseEvent } from './stream';
import { foldVoiced } from './whitecell';

/** What one event does to one cached view of its exercise. */
export type CacheUpdate =
  | { key: (exerciseId: number) => QueryKey; fold: (data: unknown, e: ExerciseEvent) => unknown }
  | { key: (exerciseId: number) => QueryKey; invalidate: true };

type Fold = Extract<CacheUpdate, { fold: unknown }>;

/** Folds the event into the view under `key` (left alone while it is not loaded); null from `fold` refetches the view. */
export function foldInto<D>(key: (exerciseId: number) => QueryKey, fold: (data: D, e: ExerciseEvent) => D | null): CacheUpdate {
  return { key, fold: fold as (data: unknown, e: ExerciseEvent) => unknown };
}

/** Refetches the view under `key`, if a page shows it. */
export function invalidate(key: (exerciseId: number) => QueryKey): CacheUpdate {
  return { key, invalidate: true };
}

export type StreamCacheTable = { readonly [T in EventType]: readonly CacheUpdate[] };

/**
 * Event type → the cache updates it causes. Typed over the catalogue: a new event
 * type does not compile until it has a row here.
 */
export const STREAM_CACHE_UPDATES: StreamCacheTable = {
  // Folded by projection.ts (clock, phases, answers, notes, team names, publication).
  'exercise.created': [],
  'exercise.clock': [],
  'phase.started': [],
  'phase.closed': [],
  'answer.updated': [],
  'answer.submitted': [],
  'answers.shared': [],
  'note.added': [],
  'team.renamed': [],
  'report.published': [],
  // The room's inject feed is folded by projection.ts; the console's timeline (/injects)
  // and trigger list (/triggers) are folded here. Who is connected only the server knows.
  'inject.released': [foldInto(exerciseKeys.injects, foldInjectReleased)],
  'inject.held': [foldInto(exerciseKeys.injects, foldInjectHeld)],
  'inject.unheld': [foldInto(exerciseKeys.injects, foldInjectUnheld)],
  'inject.skipped': [foldInto(exerciseKeys.injects, foldInjectSkipped)],
  'trigger.fired': [foldInto(exerciseKeys.triggers, foldTriggerFired)],
  'trigger.decided': [foldInto(exerciseKeys.triggers, foldTriggerDecided)],
  'participant.joined': [invalidate(exerciseKeys.participants)],
  'participant.removed': [invalidate(exerciseKeys.participants)],
  // Messaging: folded from the payloads.
  'message.sent': [foldInto(messageKeys.messages, foldMessageSent)],
  'request.updated': [foldInto(messageKeys.messages, foldRequestUpdated)],
  'message.retagged': [foldInto(messageKeys.messages, foldRetagged)],
  'poc.updated': [foldInto(messageKeys.poc, foldPocUpdated)],
  'commcheck.sent': [invalidate(messageKeys.commchecks)],
  'commcheck.acked': [invalidate(messageKeys.commchecks)],
  // Staff only: who wrote as a simulated actor (the white cell).
  'actor.voiced': [foldInto(messageKeys.messages, foldVoiced)],
  // Scores are the facilitators' report pages, read when opened.
  'score.set': [],
  'team.assessed': [],
  'improvement.added': [],
  'evidence.judged': [],
  // The tour de table: who has the floor is read again (the view carries server time).
  'tour.opened': [invalidate(tourKeys.tours)],
  'tour.speaker': [invalidate(tourKeys.tours)],
  'tour.closed': [invalidate(tourKeys.tours)],
  'statement.updated': [invalidate(tourKeys.tours)],
};

function updatesOf(table: StreamCacheTable, type: string): readonly CacheUpdate[] {
  return (table as Record<string, readonly CacheUpdate[] | undefined>)[type] ?? [];
}

/** Applies events (in seq order) to the cache: each view folded once, each refetched at most once. */
export function applyEvents(qc: QueryClient, exerciseId: number, events: readonly ExerciseEvent[], table: StreamCacheTable = STREAM_CACHE_UPDATES) {
  const folds = new Map<string, { key: QueryKey; steps: [Fold, ExerciseEvent][] }>();
  const refetch = new Map<string, QueryKey>();
  for (const e of events) {
    for (const u of updatesOf(table, e.type)) {
      const key = u.key(exerciseId);
      const h = hashKey(key);
      if ('invalidate' in u) refetch.set(h, key);
      else {
        const f = folds.get(h) ?? { key, steps: [] };
        f.steps.push([u, e]);
        folds.set(h, f);
      }
    }
  }
  for (const { key, steps } of folds.values()) {
    const old = qc.getQueryData(key);
    if (old === undefined) continue; // not loaded: the fetch, then the refold after it, covers it
    let next: unknown = old;
    for (const [u, e] of steps) {
      next = u.fold(next, e);
      if (next === null) break;
    }
    if (next === null) refetch.set(hashKey(key), key);
    else if (next !== old) qc.setQueryData(key, next);
  }
  for (const key of refetch.values()) void qc.invalidateQueries({ queryKey: key });
}

/**
 * Keeps the cached views of an exercise in step with its stream, by the table: every new
 * event is applied once; and whenever a fetch replaces a folded view (its first load, a
 * retry, a refetch), the events seen since that fetch began are folded into it again —
 * the fetch may have been answered before they were written, while the events seen
 * before it began are in its answer (the server sends an event once it is committed).
 * Of a fetch that began before this hook listened, every event seen is folded again.
 */
export function useStreamCache(exerciseId: number, events: readonly ExerciseEvent[], table: StreamCacheTable = STREAM_CACHE_UPDATES) {
  const qc = useQueryClient();
  const applied = useRef({ id: exerciseId, seq: 0, events: [] as readonly ExerciseEvent[] });

  useEffect(() => {
    if (applied.current.id !== exerciseId) applied.current = { id: exerciseId, seq: 0, events: [] };
    const seen = applied.current;
    const fresh = events.filter((e) => e.seq > seen.seq);
    seen.events = events;
    if (!fresh.length) return;
    seen.seq = fresh[fresh.length - 1]!.seq;
    applyEvents(qc, exerciseId, fresh, table);
  }, [qc, exerciseId, events, table]);

  useEffect(() => {
    const fetchedFrom = new Map<string, number>(); // query hash → the last seq seen when its fetch began
    return qc.getQueryCache().subscribe((n) => {
      if (n.type !== 'updated') return;
      const seen = applied.current;
      const h = hashKey(n.query.queryKey);
      if (n.action.type === 'fetch' && seen.id === exerciseId) fetchedFrom.set(h, seen.seq);
      if (n.action.type !== 'success' || n.action.manual) return;
      if (seen.id !== exerciseId || !seen.events.length) return;
      const from = fetchedFrom.get(h) ?? 0;
      const only = (t: readonly CacheUpdate[]) => t.filter((u) => 'fold' in u && hashKey(u.key(exerciseId)) === h);
      const narrowed = Object.fromEntries(Object.entries(table).map(([type, us]) => [type, only(us)])) as unknown as StreamCacheTable;
      applyEvents(qc, exerciseId, seen.events.filter((e) => e.seq > from && e.seq <= seen.seq), narrowed);
    });
  }, [qc, exerciseId, table]);
}
