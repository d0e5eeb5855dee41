import { useTranslation } from 'react-i18next';
import { formatSeconds } from './model';
import { speakers, type ReplayTour } from './tourReplay';

/**
 * The tours de table at the replay's step: per phase the order of speakers, who has the
 * floor, how long each spoke and its statement (those the log shows the reader).
 */
export function ReplayTours({
  tours,
  phaseTitle,
  teamName,
}: {
  tours: readonly ReplayTour[];
  phaseTitle: (key: string) => string;
  teamName: (id: number) => string;
}) {
  const { t } = useTranslation('report');
  if (tours.length === 0) return null;
  return (
    <section className="card" aria-labelledby="rp-replay-tours">
      <h2 id="rp-replay-tours">{t('tourExport.replayTitle')}</h2>
      {tours.map((tour) => (
        <section key={tour.phase} className="rp-replay-tour" aria-label={t('tourExport.phase', { phase: phaseTitle(tour.phase) })} data-tour={tour.phase}>
          <h3>
            {phaseTitle(tour.phase)}{' '}
            <span className="muted">
              · {tour.closedSeconds == null ? t('tourExport.open') : t('tourExport.closed')} ·{' '}
              {t('tourExport.perDelegation', { time: formatSeconds(tour.seconds) })}
            </span>
          </h3>
          <ol className="rp-replay-list">
            {speakers(tour).map((s) => (
              <li key={s.team} data-team={s.team} aria-current={s.speaking ? 'true' : undefined}>
                <strong>{teamName(s.team)}</strong>{' '}
                <span className="muted">
                  {s.speaking
                    ? t('tourExport.speaking')
                    : s.spokeSeconds == null
                      ? t('tourExport.waiting')
                      : t('tourExport.spoke', { time: formatSeconds(s.spokeSeconds), count: s.turns })}
                </span>
                {s.statement && (
                  <p className="rp-pre">
                    {s.statement.text} {s.statement.by && <span className="muted">— {s.statement.by}</span>}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </section>
  );
}
