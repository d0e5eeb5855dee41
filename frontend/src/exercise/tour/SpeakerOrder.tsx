import { useTranslation } from 'react-i18next';
import type { TeamName } from '../messages/shared';
import type { Tour } from './api';
import { minutesSeconds, secondsLeft, type Floor } from './model';

/**
 * The order of speakers of a tour: who has spoken, who has the floor with the time left
 * (or how far over), who is still to speak. Shared by the console and the room.
 */
export function SpeakerOrder({ tour, floor, now, teamName, self }: { tour: Tour; floor: Floor | null; now: number; teamName: TeamName; self?: number }) {
  const { t } = useTranslation('exercise');
  const spoken = new Set(tour.turns.map((x) => x.index));
  const left = floor ? secondsLeft(tour, floor, now) : 0;
  return (
    <>
      <p className="tour-meta">
        {t('tour.perDelegation', { time: minutesSeconds(tour.seconds) })}
        {tour.closed_at && <> · <span className="ex-badge">{t('tour.closed')}</span></>}
      </p>
      {floor && (
        <p className="tour-floor" role="status">
          <span>
            {t('tour.hasFloor')} <strong><bdi>{teamName(floor.teamId)}</bdi></strong>
          </span>{' '}
          <span className={left < 0 ? 'tour-clock tour-over' : 'tour-clock'} data-testid="tour-countdown">
            {left < 0 ? t('tour.over', { time: minutesSeconds(-left) }) : t('tour.left', { time: minutesSeconds(left) })}
          </span>
        </p>
      )}
      {floor && self === floor.teamId && (
        <p className="alert info tour-your-turn" role="alert">
          {t('tour.yourTurn')}
        </p>
      )}
      <ol className="tour-order" aria-label={t('tour.order')}>
        {tour.order.map((id, i) => {
          const state = floor?.index === i ? 'speaking' : spoken.has(i) ? 'spoken' : 'waiting';
          return (
            <li key={id} className={`tour-${state}`} aria-current={state === 'speaking' ? 'true' : undefined}>
              <bdi>{teamName(id)}</bdi> <span className="muted">· {t(`tour.state.${state}`)}</span>
            </li>
          );
        })}
      </ol>
    </>
  );
}
