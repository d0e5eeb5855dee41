import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../components/ApiError';
import { useInjectAction, useInjects, type Audience, type InjectAction, type InjectRow } from '../api';
import { formatHms } from '../clock';
import { channelIcon, channelOf } from '../components/channels';
import { fallbackFields, FallbackMark, InLang } from '../components/Fallback';
import type { TeamName } from '../messages/shared';
import { InjectLanguages } from './InjectLanguages';
import { JumpNote } from './JumpDialog';

/** Who receives an inject, in words. */
function audienceText(a: Audience | undefined, teamName: TeamName, t: (k: string) => string): string {
  if (!a) return '';
  if (a.all) return t('audience.all');
  if (a.teams && a.teams.length) return a.teams.map(teamName).join(', ');
  if (a.staff) return t('audience.staff');
  return '';
}

/** The actions that fit an inject's state. */
function actionsOf(r: InjectRow): InjectAction[] {
  switch (r.state) {
    case 'pending':
      return ['release', 'hold', 'skip'];
    case 'waiting':
      return ['release', 'skip'];
    case 'held':
      return ['release', 'unhold', 'skip'];
    default:
      return [];
  }
}

interface Props {
  exerciseId: number;
  readOnly: boolean;
  teamName: TeamName;
  /** Staff may open each inject in every language (observers may not). */
  texts?: boolean;
  /** The scenario's source language: titles without a current translation are in it. */
  source?: string;
}

/**
 * The inject timeline: every inject of the scenario with its time and state, and for staff
 * the actions that fit the state (observers get the released injects only) and a
 * "Translations" disclosure (a globe beside the state) with the inject as each language's teams read it.
 */
export function Timeline({ exerciseId, readOnly, teamName, texts = false, source = 'en' }: Props) {
  const { t } = useTranslation('exercise');
  const injects = useInjects(exerciseId);
  const act = useInjectAction(exerciseId);
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set());
  const rows = [...(injects.data ?? [])].sort(
    (a, b) => (a.released_seconds ?? a.scheduled_seconds ?? Infinity) - (b.released_seconds ?? b.scheduled_seconds ?? Infinity),
  );
  const run = (key: string, action: InjectAction) => act.mutate({ key, action });
  const toggle = (key: string) =>
    setOpened((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const columns = readOnly ? 4 : 5;
  return (
    <section className="card ex-wide" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <ApiError error={act.error} />
      {injects.isPending && <p role="status">{t('common.loading')}</p>}
      <div className="table-wrap">
        <table className="ex-timeline">
          <thead>
            <tr>
              <th scope="col">{t('timeline.time')}</th>
              <th scope="col">{t('timeline.inject')}</th>
              <th scope="col">{t('timeline.audience')}</th>
              <th scope="col">{t('timeline.state')}</th>
              {!readOnly && <th scope="col">{t('timeline.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.flatMap((r) => {
              const open = texts && opened.has(r.key);
              const row = (
                <tr key={r.key} data-inject-key={r.key} className={`ex-state-${r.state}`}>
                  <td className="ex-time">
                    {r.released_seconds != null
                      ? formatHms(r.released_seconds)
                      : r.scheduled_seconds != null
                        ? formatHms(r.scheduled_seconds)
                        : '—'}
                  </td>
                  <th scope="row">
                    <InjectTitle row={r} source={source} />
                  </th>
                  <td>{audienceText(r.audience, teamName, t)}</td>
                  <td>
                    <span className={`ex-badge ex-inject-${r.state}`}>{t(`timeline.states.${r.state}`)}</span>
                    {texts && (
                      // Beside the state, not in a column of its own: the timeline has no width to spare.
                      <button
                        type="button"
                        className="button small secondary ex-langs-toggle"
                        aria-expanded={open}
                        aria-controls={open ? `inject-langs-${r.key}` : undefined}
                        aria-label={t('language.textsOf', { title: r.title })}
                        title={t('language.texts')}
                        onClick={() => toggle(r.key)}
                      >
                        <span aria-hidden="true">🌐</span>
                      </button>
                    )}
                    {r.late && <span className="muted"> {t('timeline.late')}</span>}
                    <JumpNote row={r} />
                  </td>
                  {!readOnly && (
                    <td>
                      <div className="row-actions" role="group" aria-label={t('timeline.actionsFor', { title: r.title })}>
                        {actionsOf(r).map((a) => (
                          <button
                            key={a}
                            type="button"
                            className={a === 'skip' ? 'button small danger' : 'button small'}
                            disabled={act.isPending}
                            onClick={() => run(r.key, a)}
                          >
                            {t(`timeline.do.${a}`)}
                          </button>
                        ))}
                      </div>
                    </td>
                  )}
                </tr>
              );
              if (!open) return [row];
              // The texts take the table's whole width, in a row of their own under the inject.
              return [
                row,
                <tr key={`${r.key}-texts`} className="ex-inject-langs-row" data-inject-texts={r.key}>
                  <td colSpan={columns} id={`inject-langs-${r.key}`}>
                    <InjectLanguages exerciseId={exerciseId} injectKey={r.key} />
                  </td>
                </tr>,
              ];
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** An inject's title and channel; marked when the title is in the scenario's source language. */
function InjectTitle({ row, source }: { row: InjectRow; source: string }) {
  const { t } = useTranslation('exercise');
  const fb = fallbackFields(row, ['title'], source);
  return (
    <>
      <span aria-hidden="true">{channelIcon(row.channel)} </span>
      <InLang lang={fb.lang('title')}>{row.title}</InLang>
      {fb.whole && (
        <>
          {' '}
          <FallbackMark source={source} />
        </>
      )}
      <span className="muted"> · {t(`channels.${channelOf(row.channel)}`)}</span>
    </>
  );
}
