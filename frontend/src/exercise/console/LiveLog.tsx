import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useInjects, useTriggers, type Exercise } from '../api';
import { formatHms } from '../clock';
import type { Message } from '../messages/api';
import type { TeamName } from '../messages/shared';
import type { Projection } from '../projection';
import type { ExerciseEvent } from '../stream';
import { describeEvent, type SentenceContext } from './eventSentence';

/** Names for the live log's sentences, from what the console already holds. */
function useSentenceContext(exercise: Exercise, projection: Projection, messages: readonly Message[], teamName: TeamName, staff: boolean): SentenceContext {
  const injects = useInjects(exercise.id);
  const triggers = useTriggers(exercise.id, staff);
  const { t } = useTranslation('exercise');
  return useMemo(() => {
    const injectTitles = new Map((injects.data ?? []).map((i) => [i.key, i.title]));
    for (const r of projection.injects) injectTitles.set(r.key, r.title);
    const triggerTitles = new Map((triggers.data ?? []).map((tr) => [tr.key, tr.title]));
    const phaseTitles = new Map(exercise.scenario.phases.map((p) => [p.key, p.title]));
    const questions = new Map(projection.phases.flatMap((p) => p.questions.map((q) => [`${p.key}/${q.key}`, q.text] as const)));
    const bySeq = new Map(messages.map((m) => [m.id, m]));
    const actorNames = new Map((exercise.scenario.actors ?? []).map((a) => [a.key, a.name]));
    return {
      team: (id: number) => (id === 0 ? t('messages.control') : teamName(id)),
      inject: (k: string) => injectTitles.get(k),
      phase: (k: string) => phaseTitles.get(k),
      trigger: (k: string) => triggerTitles.get(k),
      question: (phase: string, k: string) => questions.get(`${phase}/${k}`),
      message: (seq: number) => bySeq.get(seq),
      actor: (k: string) => actorNames.get(k),
    };
  }, [injects.data, triggers.data, exercise, projection, messages, teamName, t]);
}

/** The latest events, newest first, each as a sentence in the UI language. */
export function LiveLog({
  exercise,
  projection,
  messages,
  events,
  teamName,
  staff,
}: {
  exercise: Exercise;
  projection: Projection;
  messages: readonly Message[];
  events: ExerciseEvent[];
  teamName: TeamName;
  staff: boolean;
}) {
  const { t } = useTranslation('exercise');
  const ctx = useSentenceContext(exercise, projection, messages, teamName, staff);
  const recent = events.slice(-300).reverse();
  return (
    <section className="card ex-wide" aria-labelledby="log-title">
      <h2 id="log-title">{t('log.title')}</h2>
      <ol className="ex-log" aria-live="off">
        {recent.map((e) => (
          <li key={e.seq} data-type={e.type}>
            <span className="ex-log-time">{formatHms(e.offset_seconds)}</span> <span>{describeEvent(e, ctx, t)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
