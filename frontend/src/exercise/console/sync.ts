/** Keeps the console's REST answers in step with the exercise's stream. */
import { hashKey, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { exerciseKeys, type InjectRow, type TriggerRow } from '../api';
import type { ExerciseEvent } from '../stream';
import { foldEvents, INJECT_FOLDS, STALE, TRIGGER_FOLDS, type Folds } from './folds';

/**
 * Applies the stream's events to the list cached under `queryKey`, each event once, and
 * fetches the list again only when an event cannot be applied.
 *
 * Which events a list already reflects: every event this page had received when its
 * fetch began (the server sends an event after committing it). The events after that
 * point are applied to each newly fetched list; applying one the list already reflects
 * changes nothing (see folds.ts).
 */
export function useStreamFold<Row>(queryKey: QueryKey, events: readonly ExerciseEvent[], folds: Folds<Row>) {
  const qc = useQueryClient();
  const lastSeq = events.length ? events[events.length - 1]!.seq : 0;
  const received = useRef(0); // the last seq this page has rendered
  const applied = useRef(0); // the cached list reflects the events up to this seq
  const [fetches, setFetches] = useState(0); // counts the lists the server sent
  const hash = hashKey(queryKey);

  useEffect(() => {
    received.current = lastSeq;
  }, [lastSeq]);

  useEffect(() => {
    applied.current = 0; // another list (another exercise): nothing applied to it yet
    let fetchFrom = received.current;
    return qc.getQueryCache().subscribe((ev) => {
      if (ev.type !== 'updated' || ev.query.queryHash !== hash) return;
      if (ev.action.type === 'fetch') fetchFrom = received.current;
      if (ev.action.type === 'success' && !ev.action.manual) {
        applied.current = fetchFrom;
        setFetches((n) => n + 1);
      }
    });
  }, [qc, hash]);

  useEffect(() => {
    const query = qc.getQueryCache().get<Row[]>(hash);
    const rows = query?.state.data;
    // Nothing cached yet: the fetch under way brings the current list.
    if (!query || !rows) return;
    const fresh = events.filter((e) => e.seq > applied.current);
    applied.current = lastSeq;
    if (fresh.length === 0) return;
    const next = foldEvents(rows, fresh, folds);
    if (next === STALE) void qc.invalidateQueries({ queryKey: query.queryKey, exact: true });
    else if (next !== rows) qc.setQueryData(query.queryKey, next);
  }, [qc, hash, events, lastSeq, folds, fetches]);
}

/**
 * The console's lists follow the stream: injects and triggers by folding their events
 * in; the participants (whose "connected" only the server knows) and the exercise (a
 * renamed team) are fetched again when their events arrive.
 */
export function useConsoleSync(exerciseId: number, events: readonly ExerciseEvent[]) {
  const qc = useQueryClient();
  useStreamFold<InjectRow>(exerciseKeys.injects(exerciseId), events, INJECT_FOLDS);
  useStreamFold<TriggerRow>(exerciseKeys.triggers(exerciseId), events, TRIGGER_FOLDS);

  const peopleVersion = events.filter((e) => e.type.startsWith('participant.')).length;
  const teamVersion = events.filter((e) => e.type === 'team.renamed').length;
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: exerciseKeys.participants(exerciseId) });
  }, [qc, exerciseId, peopleVersion]);
  useEffect(() => {
    if (teamVersion) void qc.invalidateQueries({ queryKey: exerciseKeys.exercise(exerciseId) });
  }, [qc, exerciseId, teamVersion]);
}
