import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { exerciseKeys, useExercise } from './api';
import { readingFromState, type ClockReading } from './clock';
import { readLang, useUiLanguage } from './language';
import { project } from './projection';
import { useKeptEvents } from './outbox/keptEvents';
import { useExerciseStream } from './stream';

/**
 * The exercise (REST), its live stream and what the events say, together. With
 * `keepEvents` (the room) the events are kept in the browser, and shown while the
 * stream has not brought them yet (a page opened without network).
 */
export function useLiveExercise(id: number, keepEvents = false) {
  const exercise = useExercise(id);
  const qc = useQueryClient();
  const reading = useUiLanguage();
  useLanguageRefresh(id, reading);
  // Scenario content in the events is in the reader's language: a change reads them again.
  const stream = useExerciseStream(id, { ...readLang(qc), reading });
  const events = useKeptEvents(id, reading, stream.events, keepEvents);
  const projection = useMemo(() => project(events), [events]);
  const ex = exercise.data;

  // The latest clock change in the stream wins; before any, the REST answer.
  const clock: ClockReading | null = projection.clock ?? (ex ? readingFromState(ex.clock) : null);
  // as_of is server time: estimate how far the server's clock is from ours.
  const skewMs = ex ? Date.parse(ex.clock.as_of) - exercise.dataUpdatedAt : 0;

  const phaseKey = projection.currentPhase ?? (ex?.current_phase || null);
  const started = projection.phases.find((p) => p.key === phaseKey);
  const info = ex?.scenario.phases?.find((p) => p.key === phaseKey);
  const phase = started ?? info ?? null;

  const teamName = (teamId: number) =>
    projection.teamNames.get(teamId) ?? ex?.teams?.find((t) => t.id === teamId)?.name ?? `#${teamId}`;

  return { exercise, stream, projection, clock, skewMs: Number.isFinite(skewMs) ? skewMs : 0, phase, teamName };
}

/**
 * Refetches what an exercise page shows in the reader's language when that changes (a
 * participant's change is stored on the server first, see LanguagePicker): the exercise,
 * its briefing and its injects.
 */
export function useLanguageRefresh(exerciseId: number, reading: string) {
  const qc = useQueryClient();
  const last = useRef(reading);
  useEffect(() => {
    if (last.current === reading) return;
    last.current = reading;
    for (const key of [exerciseKeys.exercise(exerciseId), exerciseKeys.briefing(exerciseId), exerciseKeys.injects(exerciseId)]) {
      void qc.invalidateQueries({ queryKey: key, exact: true });
    }
  }, [qc, exerciseId, reading]);
}
