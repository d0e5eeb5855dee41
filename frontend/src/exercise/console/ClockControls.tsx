import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../components/ApiError';
import { useClockAction, type ClockAction, type Exercise } from '../api';
import { exerciseSeconds, formatHms, formatSpeed, SPEEDS, type ClockReading } from '../clock';
import { JumpDialog } from './JumpDialog';
import { SHORTCUT_KEYS, useShortcut } from './shortcuts';

/**
 * Start, pause, resume and end the exercise, change its speed, jump to a phase; with the
 * shortcuts on, P pauses and resumes.
 */
export function ClockControls({
  exercise,
  status,
  speed,
  reading,
  skewMs = 0,
  shortcuts = false,
}: {
  exercise: Exercise;
  status: string;
  speed: number;
  /** The live clock, for the time a jump starts from. */
  reading?: ClockReading | null;
  skewMs?: number;
  /** Whether the console's single-key shortcuts are on. */
  shortcuts?: boolean;
}) {
  const { t } = useTranslation('exercise');
  const action = useClockAction(exercise.id);
  const [phase, setPhase] = useState('');
  const [confirming, setConfirming] = useState<number | null>(null); // the time the jump would start from
  const target = (exercise.scenario.phases ?? []).find((p) => p.key === phase);
  const run = (a: ClockAction) => action.mutate(a);
  const busy = action.isPending;
  const pauseKey = shortcuts && (status === 'running' || status === 'paused') ? SHORTCUT_KEYS.pause.toUpperCase() : undefined;
  useShortcut(SHORTCUT_KEYS.pause, shortcuts && (status === 'running' || status === 'paused'), () => {
    if (!busy) run({ action: status === 'running' ? 'pause' : 'resume' });
  });
  return (
    <section className="ex-controls" aria-labelledby="controls-title">
      <h2 id="controls-title" className="visually-hidden">
        {t('console.controls')}
      </h2>
      <div className="ex-toolbar">
        {status === 'draft' && (
          <button type="button" className="button primary" disabled={busy} onClick={() => run({ action: 'start' })}>
            {t('console.start')}
          </button>
        )}
        {status === 'running' && (
          <button type="button" className="button" disabled={busy} aria-keyshortcuts={pauseKey} onClick={() => run({ action: 'pause' })}>
            {t('console.pause')}
          </button>
        )}
        {status === 'paused' && (
          <button
            type="button"
            className="button primary"
            disabled={busy}
            aria-keyshortcuts={pauseKey}
            onClick={() => run({ action: 'resume' })}
          >
            {t('console.resume')}
          </button>
        )}
        {(status === 'running' || status === 'paused') && (
          <button
            type="button"
            className="button danger"
            disabled={busy}
            onClick={() => {
              if (window.confirm(t('console.endConfirm'))) run({ action: 'end' });
            }}
          >
            {t('console.end')}
          </button>
        )}
        <label className="ex-inline">
          {t('console.speed')}{' '}
          <select
            aria-label={t('console.speed')}
            value={String(speed)}
            disabled={busy || status === 'ended'}
            onChange={(e) => run({ action: 'speed', speed: Number(e.target.value) })}
          >
            {[...new Set([...SPEEDS, speed])]
              .sort((a, b) => a - b)
              .map((s) => (
                <option key={s} value={String(s)}>
                  {formatSpeed(s)}
                </option>
              ))}
          </select>
        </label>
        {(status === 'running' || status === 'paused') && (
          <form
            className="ex-inline"
            onSubmit={(e) => {
              e.preventDefault();
              if (phase) setConfirming(reading ? exerciseSeconds(reading, Date.now() + skewMs) : 0);
            }}
          >
            <label>
              {t('console.jumpTo')}{' '}
              <select aria-label={t('console.jumpTo')} value={phase} onChange={(e) => setPhase(e.target.value)}>
                <option value="">{t('console.choosePhase')}</option>
                {(exercise.scenario.phases ?? []).map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.title} ({formatHms(p.starts_at_seconds)})
                  </option>
                ))}
              </select>
            </label>{' '}
            <button type="submit" className="button" disabled={busy || !phase}>
              {t('console.jump')}
            </button>
          </form>
        )}
      </div>
      {target && confirming !== null && (
        <JumpDialog
          exerciseId={exercise.id}
          target={target}
          nowSeconds={confirming}
          busy={busy}
          onClose={() => setConfirming(null)}
          onConfirm={(overtaken) => {
            setConfirming(null);
            run({ action: 'jump', phase, overtaken });
          }}
        />
      )}
      <ApiError error={action.error} />
    </section>
  );
}
