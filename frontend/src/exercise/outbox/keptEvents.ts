/**
 * The room's last events, kept in the browser's storage: the injects, phases, questions
 * and answers a participant sees are folded from the event stream, so a page opened
 * without network shows the events kept from its last connection until the stream
 * brings them again.
 */
import { useEffect, useState } from 'react';
import type { ExerciseEvent } from '../stream';
import { roomStore } from './store';

/** How long the stream stays quiet before its events are written (a replay is one write). */
export const KEEP_DELAY_MS = 1_500;

const key = (exerciseId: number, reading: string) => `events:${exerciseId}:${reading}`;

const NONE: ExerciseEvent[] = [];

/**
 * The stream's events once it has any; before that, those kept from the last time
 * (none when `enabled` is false: the console does not keep them).
 */
export function useKeptEvents(exerciseId: number, reading: string, events: ExerciseEvent[], enabled: boolean): ExerciseEvent[] {
  const [kept, setKept] = useState<{ key: string; events: ExerciseEvent[] } | null>(null);
  const k = key(exerciseId, reading);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void roomStore()
      .get<ExerciseEvent[]>(k)
      .then((evs) => {
        if (live && Array.isArray(evs)) setKept({ key: k, events: evs });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [k, enabled]);
  useEffect(() => {
    if (!enabled || events.length === 0) return;
    const timer = setTimeout(() => void roomStore().set(k, events).catch(() => undefined), KEEP_DELAY_MS);
    return () => clearTimeout(timer);
  }, [k, events, enabled]);
  if (events.length > 0 || !enabled) return events;
  return kept?.key === k ? kept.events : NONE;
}
