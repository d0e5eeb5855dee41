import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../components/ApiError';
import type { Team } from '../api';
import type { TeamName } from '../messages/shared';
import { useCloseTour, useNextSpeaker, useOpenTour, useTours, type Statement, type Tour } from './api';
import { DEFAULT_MINUTES, floorOf } from './model';
import { SpeakerOrder } from './SpeakerOrder';
import { useNow } from './useNow';
import './tour.css';

interface Props {
  exerciseId: number;
  /** The phase under way (key and title); null before the first. */
  phase: { key: string; title: string } | null;
  teams: Team[];
  teamName: TeamName;
  /** Whether the caller may run the tour (controllers and the lead). */
  act: boolean;
}

/**
 * The console's tour de table for the phase under way: open it with the order of speakers
 * and the minutes per delegation, give the floor to the next, close it. The countdown is
 * a guide; a delegation that runs over is shown as such, never cut off.
 */
export function TourControl({ exerciseId, phase, teams, teamName, act }: Props) {
  const { t } = useTranslation('exercise');
  const tours = useTours(exerciseId);
  const list = tours.data?.tours ?? [];
  // A tour left open stays in view when the clock moves to the next phase.
  const tour = list.find((x) => !x.closed_at) ?? list.find((x) => x.phase === phase?.key);
  return (
    <section className="card ex-wide tour" aria-labelledby="tour-title">
      <h2 id="tour-title">{t('tour.title')}</h2>
      <p className="field-hint">{t('tour.intro')}</p>
      {!phase && !tour && <p className="muted">{t('tour.noPhase')}</p>}
      {tour ? (
        <>
          <RunningTour exerciseId={exerciseId} tour={tour} skewMs={tours.data?.skewMs ?? 0} teamName={teamName} act={act} />
          <Statements statements={(tours.data?.statements ?? []).filter((s) => s.phase === tour.phase && s.text)} teamName={teamName} />
        </>
      ) : (
        phase && act && <OpenForm exerciseId={exerciseId} phase={phase} teams={teams} teamName={teamName} />
      )}
      {phase && !tour && !act && <p className="muted">{t('tour.notOpen')}</p>}
    </section>
  );
}

function OpenForm({ exerciseId, phase, teams, teamName }: { exerciseId: number; phase: { key: string; title: string }; teams: Team[]; teamName: TeamName }) {
  const { t } = useTranslation('exercise');
  const open = useOpenTour(exerciseId, phase.key);
  const [order, setOrder] = useState<number[]>(() => teams.map((x) => x.id));
  const [minutes, setMinutes] = useState(DEFAULT_MINUTES);
  const valid = order.length > 0 && minutes >= 0.5 && minutes <= 15;
  const move = (i: number, by: number) =>
    setOrder((o) => {
      const next = [...o];
      const [x] = next.splice(i, 1);
      next.splice(i + by, 0, x!);
      return next;
    });
  const absent = teams.filter((x) => !order.includes(x.id));
  return (
    <form
      className="tour-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) open.mutate({ order, seconds: Math.round(minutes * 60) });
      }}
    >
      <p>{t('tour.forPhase', { title: phase.title })}</p>
      <fieldset>
        <legend>{t('tour.order')}</legend>
        <ol className="tour-order" aria-label={t('tour.order')}>
          {order.map((id, i) => (
            <li key={id}>
              <bdi>{teamName(id)}</bdi>
              <span className="tour-order-tools">
                <button type="button" className="button small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('tour.up', { team: teamName(id) })}>
                  ↑
                </button>
                <button type="button" className="button small" disabled={i === order.length - 1} onClick={() => move(i, 1)} aria-label={t('tour.down', { team: teamName(id) })}>
                  ↓
                </button>
                <button type="button" className="button small" onClick={() => setOrder((o) => o.filter((x) => x !== id))} aria-label={t('tour.remove', { team: teamName(id) })}>
                  ×
                </button>
              </span>
            </li>
          ))}
        </ol>
        {absent.map((x) => (
          <button key={x.id} type="button" className="button small" onClick={() => setOrder((o) => [...o, x.id])}>
            {t('tour.add', { team: teamName(x.id) })}
          </button>
        ))}
        {order.length === 0 && <p className="field-error">{t('tour.chooseOne')}</p>}
      </fieldset>
      <label className="tour-minutes">
        {t('tour.minutes')}{' '}
        <input type="number" min={0.5} max={15} step={0.5} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} required />
      </label>
      <ApiError error={open.error} />
      <button type="submit" className="button primary" disabled={!valid || open.isPending}>
        {t('tour.open')}
      </button>
    </form>
  );
}

function RunningTour({ exerciseId, tour, skewMs, teamName, act }: { exerciseId: number; tour: Tour; skewMs: number; teamName: TeamName; act: boolean }) {
  const { t } = useTranslation('exercise');
  const next = useNextSpeaker(exerciseId, tour.phase);
  const close = useCloseTour(exerciseId, tour.phase);
  const floor = floorOf(tour);
  const now = useNow(skewMs, floor !== null);
  const last = floor !== null && floor.index === tour.order.length - 1;
  return (
    <>
      <SpeakerOrder tour={tour} floor={floor} now={now} teamName={teamName} />
      {act && floor && (
        <div className="ex-toolbar">
          <button type="button" className="button primary" disabled={next.isPending} onClick={() => next.mutate(undefined)}>
            {last ? t('tour.finish') : t('tour.next')}
          </button>
          <button type="button" className="button" disabled={close.isPending} onClick={() => close.mutate(undefined)}>
            {t('tour.close')}
          </button>
        </div>
      )}
      <ApiError error={next.error ?? close.error} />
    </>
  );
}

/** The statements the moderator may read out or refer to (staff read them before the tour closes). */
function Statements({ statements, teamName }: { statements: Statement[]; teamName: TeamName }) {
  const { t } = useTranslation('exercise');
  if (statements.length === 0) return null;
  return (
    <>
      <h3>{t('tour.statements')}</h3>
      <ul className="tour-statements">
        {statements.map((s) => (
          <li key={s.team_id}>
            <strong>
              <bdi>{teamName(s.team_id)}</bdi>:
            </strong>{' '}
            <bdi className="ex-pre">{s.text}</bdi>
          </li>
        ))}
      </ul>
    </>
  );
}
