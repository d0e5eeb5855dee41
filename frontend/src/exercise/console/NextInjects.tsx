import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../components/ApiError';
import { useInjectAction, useInjects, type ClockStatus, type InjectAction, type InjectRow } from '../api';
import { formatHms, type ClockReading } from '../clock';
import { channelIcon, channelOf } from '../components/channels';
import { SHORTCUT_KEYS, useShortcut } from './shortcuts';
import { useExerciseSeconds } from './useExerciseSeconds';

/**
 * The injects that come next: the held ones first (they wait for a facilitator, and have
 * no time until the hold is lifted), then the pending ones by their time. Injects
 * waiting for a trigger have no time either and are the triggers' business.
 */
export function nextInjects(rows: readonly InjectRow[], n = 3): InjectRow[] {
  const rank = (r: InjectRow) => (r.state === 'held' ? -Infinity : (r.scheduled_seconds ?? Infinity));
  return rows
    .filter((r) => r.state === 'pending' || r.state === 'held')
    .sort((a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key))
    .slice(0, n);
}

/** Exercise seconds as m:ss, or h:mm:ss from an hour on. */
export function formatToGo(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (x: number) => String(x).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/**
 * The next three injects with the exercise time to go, for staff in the console's header;
 * those who run the injects (act) release or hold them from here, and R releases the
 * first while the shortcuts are on.
 */
export function NextInjects({
  exerciseId,
  status,
  reading,
  skewMs,
  act,
  shortcuts,
}: {
  exerciseId: number;
  status: ClockStatus;
  /** The live clock, for the time to go (it ticks here, not in the whole console). */
  reading: ClockReading | null;
  skewMs: number;
  act: boolean;
  shortcuts: boolean;
}) {
  const { t } = useTranslation('exercise');
  const injects = useInjects(exerciseId);
  const action = useInjectAction(exerciseId);
  const [said, setSaid] = useState('');
  const nowSeconds = useExerciseSeconds(reading, skewMs);
  const next = nextInjects(injects.data ?? []);
  const run = (r: InjectRow, a: InjectAction) => {
    setSaid('');
    action.mutate(
      { key: r.key, action: a },
      { onSuccess: () => setSaid(t(`consoleLayout.next.done.${a}`, { title: r.title })) },
    );
  };
  const due = next.find((r) => r.state === 'pending');
  useShortcut(SHORTCUT_KEYS.release, act && shortcuts && status !== 'ended', () => {
    if (due && !action.isPending) run(due, 'release');
  });

  const hold = (r: InjectRow): InjectAction => (r.state === 'held' ? 'unhold' : 'hold');
  const toGo = (r: InjectRow): string => {
    if (r.scheduled_seconds == null) return t('consoleLayout.next.noTime');
    const left = r.scheduled_seconds - nowSeconds;
    if (left > 0) return t('consoleLayout.next.in', { time: formatToGo(left) });
    return status === 'draft' ? t('consoleLayout.next.atStart') : t('consoleLayout.next.due');
  };

  return (
    <section className="ex-next" aria-labelledby="next-title">
      <h2 id="next-title" className="ex-next-title">
        {t('consoleLayout.next.title')}
      </h2>
      {injects.isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : next.length === 0 ? (
        <p className="muted ex-next-none">{t('consoleLayout.next.none')}</p>
      ) : (
        <ol className="ex-next-list">
          {next.map((r) => (
            <li key={r.key} className={`ex-next-item ex-state-${r.state}`} data-next-key={r.key}>
              <span className="ex-next-when">
                <strong className="ex-next-togo">{toGo(r)}</strong>
                {r.scheduled_seconds != null && <span className="muted"> · {formatHms(r.scheduled_seconds)}</span>}
                {r.state === 'held' && <span className="ex-badge ex-inject-held">{t('timeline.states.held')}</span>}
              </span>
              <span className="ex-next-body">
                <span className="ex-next-what">
                  <span aria-hidden="true">{channelIcon(r.channel)} </span>
                  <span className="ex-next-name">{r.title}</span>
                  <span className="visually-hidden"> · {t(`channels.${channelOf(r.channel)}`)}</span>
                </span>
                {act && (
                  <span className="ex-next-actions">
                    <button
                      type="button"
                      className="button small"
                      disabled={action.isPending}
                      aria-label={t('consoleLayout.next.actionOn', { action: t('timeline.do.release'), title: r.title })}
                      aria-keyshortcuts={r === due && shortcuts ? 'R' : undefined}
                      onClick={() => run(r, 'release')}
                    >
                      {t('timeline.do.release')}
                    </button>
                    <button
                      type="button"
                      className="button small secondary"
                      disabled={action.isPending}
                      aria-label={t('consoleLayout.next.actionOn', { action: t(`timeline.do.${hold(r)}`), title: r.title })}
                      onClick={() => run(r, hold(r))}
                    >
                      {t(`timeline.do.${hold(r)}`)}
                    </button>
                  </span>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      <ApiError error={action.error} />
      <p className="visually-hidden" role="status">
        {said}
      </p>
    </section>
  );
}
