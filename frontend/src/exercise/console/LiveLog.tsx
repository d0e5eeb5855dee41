import { useTranslation } from 'react-i18next';
import { formatHms, formatSpeed } from '../clock';
import type { TeamName } from '../messages/shared';
import type { ExerciseEvent } from '../stream';

/** One line about an event for the live log. */
export function describeEvent(e: ExerciseEvent, teamName: TeamName, t: (k: string, o?: Record<string, unknown>) => string): string {
  const d = e.data;
  const s = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  switch (e.type) {
    case 'exercise.clock':
      return t('log.clock', { action: s(d.action), status: s(d.status), speed: formatSpeed(Number(d.speed) || 1) });
    case 'phase.started':
    case 'phase.closed':
      return s(d.title) || s(d.key);
    case 'inject.released':
      return `${s(d.title)} (${s(d.source)})`;
    case 'answer.updated':
    case 'answer.submitted':
      return `${teamName(Number(d.team_id))} · ${s(d.phase)}/${s(d.question)} · ${s(d.by)}`;
    case 'answers.shared':
      return s(d.phase);
    case 'note.added':
      return `${s(d.by)}: ${s(d.text)}`;
    case 'team.renamed':
      return s(d.name);
    case 'participant.joined':
    case 'participant.removed':
      return d.team_id ? `${s(d.name)} (${teamName(Number(d.team_id))})` : s(d.name);
    default:
      return [s(d.key), s(d.by)].filter(Boolean).join(' · ');
  }
}

/** The latest events, newest first, with what each says. */
export function LiveLog({ events, teamName }: { events: ExerciseEvent[]; teamName: TeamName }) {
  const { t } = useTranslation('exercise');
  const recent = events.slice(-300).reverse();
  return (
    <section className="card ex-wide" aria-labelledby="log-title">
      <h2 id="log-title">{t('log.title')}</h2>
      <ol className="ex-log" aria-live="off">
        {recent.map((e) => (
          <li key={e.seq} data-type={e.type}>
            <span className="ex-log-seq">#{e.seq}</span> <span className="ex-log-time">{formatHms(e.offset_seconds)}</span>{' '}
            <span className="ex-log-type">{t(`log.types.${e.type}`, { defaultValue: e.type })}</span>{' '}
            <span>{describeEvent(e, teamName, t)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
