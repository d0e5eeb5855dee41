/**
 * The one way the browser follows an exercise's stream: for every event type of the
 * server's catalogue, the change it makes to the cached REST views (TanStack Query).
 * The clock, phases, injects, answers, notes and team names are folded from the events
 * themselves by projection.ts; this table covers the views that were fetched.
 *
 * A fold updates a view from the event's payload, with no request; an invalidation
 * refetches the view (kept for views a payload cannot rebuild, such as the
 * communication checks' per-team rows).
 */
import { hashKey, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { foldMessageSent, foldPocUpdated, foldRequestUpdated, foldRetagged } from './messages/fold';
import { messageKeys } from './messages/api';
import type { EventType, ExerciseEvent } from './stream';

/** What one event does to one cached view of its exercise. */
export type CacheUpdate =
  | { key: (exerciseId: number) => QueryKey; fold: (data: unknown, e: ExerciseEvent) => unknown }
  | { key: (exerciseId: number) => QueryKey; invalidate: true };

type Fold = Extract<CacheUpdate, { fold: unknown }>;

/** Folds the event into the view under `key` (left alone while it is not loaded). */
export function foldInto<D>(key: (exerciseId: number) => QueryKey, fold: (data: D, e: ExerciseEvent) => D): CacheUpdate {
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
  // Released injects are folded by projection.ts. The console's MSEL, triggers and
  // participants views follow these events in ConsolePage (its own folds).
  'inject.released': [],
  'inject.held': [],
  'inject.unheld': [],
  'inject.skipped': [],
  'trigger.fired': [],
  'trigger.decided': [],
  'participant.joined': [],
  'participant.removed': [],
  // Messaging: folded from the payloads.
  'message.sent': [foldInto(messageKeys.messages, foldMessageSent)],
  'request.updated': [foldInto(messageKeys.messages, foldRequestUpdated)],
  'message.retagged': [foldInto(messageKeys.messages, foldRetagged)],
  'poc.updated': [foldInto(messageKeys.poc, foldPocUpdated)],
  'commcheck.sent': [invalidate(messageKeys.commchecks)],
  'commcheck.acked': [invalidate(messageKeys.commchecks)],
  // Scores are the facilitators' report pages, read when opened.
  'score.set': [],
  'team.assessed': [],
  'improvement.added': [],
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
    if (old === undefined) continue; // not loaded: the fetch, then refoldAfterFetch, covers it
    const next = steps.reduce<unknown>((d, [u, e]) => u.fold(d, e), old);
    if (next !== old) qc.setQueryData(key, next);
  }
  for (const key of refetch.values()) void qc.invalidateQueries({ queryKey: key });
}

/**
 * Keeps the cached views of an exercise in step with its stream, by the table: every new
 * event is applied once; and whenever a fetch replaces a folded view (its first load, a
 * retry), every event seen so far is folded into it again — the fetch may have been
 * answered before some of them were written.
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

  useEffect(
    () =>
      qc.getQueryCache().subscribe((n) => {
        if (n.type !== 'updated' || n.action.type !== 'success' || n.action.manual) return;
        const seen = applied.current;
        if (seen.id !== exerciseId || !seen.events.length) return;
        const h = hashKey(n.query.queryKey);
        const only = (t: readonly CacheUpdate[]) => t.filter((u) => 'fold' in u && hashKey(u.key(exerciseId)) === h);
        const narrowed = Object.fromEntries(Object.entries(table).map(([type, us]) => [type, only(us)])) as unknown as StreamCacheTable;
        applyEvents(qc, exerciseId, seen.events.filter((e) => e.seq <= seen.seq), narrowed);
      }),
    [qc, exerciseId, table],
  );
}
