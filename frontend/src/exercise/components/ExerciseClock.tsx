import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exerciseSeconds, formatHms, formatSpeed, type ClockReading } from '../clock';
import { fallbackFields, InLang } from './Fallback';

interface Props {
  reading: ClockReading | null;
  /** Server time minus local time, in ms (the clock's as_of is server time). */
  skewMs?: number;
  phase?: { title: string; clock: string; lang?: string; fallback?: readonly string[] | null } | null;
  /** The scenario's source language: a phase title without a current translation is in it. */
  source?: string;
}

/** Exercise time (hh:mm:ss), ticking locally while running; status, speed and phase. */
export function ExerciseClock({ reading, skewMs = 0, phase, source }: Props) {
  const { t } = useTranslation('exercise');
  const [now, setNow] = useState(() => Date.now());
  const running = reading?.status === 'running';
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [running]);

  const status = reading?.status ?? 'draft';
  const seconds = reading ? exerciseSeconds(reading, now + skewMs) : 0;
  // Too small a place for a mark: the language attribute says it to screen readers.
  const fb = fallbackFields(phase, ['title', 'clock'], source);
  return (
    <section className={`ex-clock ex-clock-${status}`} aria-label={t('clock.label')}>
      <div className="ex-clock-time" role="timer" aria-label={t('clock.time')}>
        {formatHms(seconds)}
      </div>
      <div className="ex-clock-meta">
        <span className={`ex-badge ex-status-${status}`}>{t(`clock.status.${status}`)}</span>
        {reading && <span className="ex-clock-speed">{t('clock.speed', { speed: formatSpeed(reading.speed) })}</span>}
      </div>
      <div className="ex-clock-phase">
        {phase ? (
          <>
            <strong lang={fb.lang('title')}>{phase.title}</strong>
            {phase.clock && (
              <span className="ex-phase-clock">
                {' · '}
                <InLang lang={fb.lang('clock')}>{phase.clock}</InLang>
              </span>
            )}
          </>
        ) : (
          <span className="muted">{t('clock.noPhase')}</span>
        )}
      </div>
    </section>
  );
}
