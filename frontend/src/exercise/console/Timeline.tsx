import { useTranslation } from 'react-i18next';
import { ApiError } from '../../components/ApiError';
import { useInjectAction, useInjects, type Audience, type InjectAction, type InjectRow } from '../api';
import { formatHms } from '../clock';
import { channelIcon, channelOf } from '../components/channels';
import type { TeamName } from '../messages/shared';
import { JumpNote } from './JumpDialog';

/** Who receives an inject, in words. */
function audienceText(a: Audience | undefined, teamName: TeamName, t: (k: string) => string): string {
  if (!a) return '';
  if (a.all) return t('audience.all');
  if (a.teams && a.teams.length) return a.teams.map(teamName).join(', ');
  if (a.staff) return t('audience.staff');
  return '';
}

/**
 * The inject timeline: every inject of the scenario with its time and state, and for staff
 * the actions that fit the state (observers get the released injects only).
 */
export function Timeline({ exerciseId, readOnly, teamName }: { exerciseId: number; readOnly: boolean; teamName: TeamName }) {
  const { t } = useTranslation('exercise');
  const injects = useInjects(exerciseId);
  const act = useInjectAction(exerciseId);
  const rows = [...(injects.data ?? [])].sort(
    (a, b) => (a.released_seconds ?? a.scheduled_seconds ?? Infinity) - (b.released_seconds ?? b.scheduled_seconds ?? Infinity),
  );
  const run = (key: string, action: InjectAction) => act.mutate({ key, action });
  const actions = (r: InjectRow): InjectAction[] => {
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
  };
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
            {rows.map((r) => (
              <tr key={r.key} data-inject-key={r.key} className={`ex-state-${r.state}`}>
                <td className="ex-time">
                  {r.released_seconds != null
                    ? formatHms(r.released_seconds)
                    : r.scheduled_seconds != null
                      ? formatHms(r.scheduled_seconds)
                      : '—'}
                </td>
                <th scope="row">
                  <span aria-hidden="true">{channelIcon(r.channel)} </span>
                  {r.title}
                  <span className="muted"> · {t(`channels.${channelOf(r.channel)}`)}</span>
                </th>
                <td>{audienceText(r.audience, teamName, t)}</td>
                <td>
                  <span className={`ex-badge ex-inject-${r.state}`}>{t(`timeline.states.${r.state}`)}</span>
                  {r.late && <span className="muted"> {t('timeline.late')}</span>}
                  <JumpNote row={r} />
                </td>
                {!readOnly && (
                  <td>
                    <div className="row-actions" role="group" aria-label={t('timeline.actionsFor', { title: r.title })}>
                      {actions(r).map((a) => (
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
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
