import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../components/ApiError';
import type { TeamName } from '../messages/shared';
import { useSaveStatement, useTours, type Statement } from './api';
import { floorOf, MAX_STATEMENT } from './model';
import { SpeakerOrder } from './SpeakerOrder';
import { useNow } from './useNow';
import './tour.css';

interface Props {
  exerciseId: number;
  /** The viewer's team; 0 for an observer (who reads, writes nothing). */
  teamId: number;
  /** The phase under way (key and title); null before the first. */
  phase: { key: string; title: string } | null;
  teamName: TeamName;
  /** After the end the room is for reading. */
  readOnly: boolean;
}

/**
 * The room's tour de table: the order of speakers, who has the floor and their time,
 * "your turn" for the delegation speaking, and the team's statement for the tour
 * (read by the other delegations once the tour is closed).
 */
export function TourPanel({ exerciseId, teamId, phase, teamName, readOnly }: Props) {
  const { t } = useTranslation('exercise');
  const tours = useTours(exerciseId);
  const list = tours.data?.tours ?? [];
  const tour = list.find((x) => !x.closed_at) ?? list.find((x) => x.phase === phase?.key);
  const floor = floorOf(tour);
  const now = useNow(tours.data?.skewMs ?? 0, floor !== null);
  const key = tour?.phase ?? phase?.key;
  if (!key) return null;
  const statements = (tours.data?.statements ?? []).filter((s) => s.phase === key && s.text);
  const own = statements.find((s) => s.team_id === teamId);
  const closed = Boolean(tour?.closed_at);
  return (
    <section className="card tour" aria-labelledby="tour-room-title">
      <h2 id="tour-room-title">{t('tour.title')}</h2>
      {tour ? <SpeakerOrder tour={tour} floor={floor} now={now} teamName={teamName} self={teamId} /> : <p className="muted">{t('tour.notOpen')}</p>}
      {teamId > 0 && !readOnly && !closed && tours.data && (
        <StatementBox key={`${key}/${own?.updated_at ?? ''}`} exerciseId={exerciseId} phase={key} saved={own} />
      )}
      {closed && statements.length > 0 && (
        <>
          <h3>{t('tour.statements')}</h3>
          <ul className="tour-statements">
            {statements.map((s) => (
              <li key={s.team_id}>
                <strong><bdi>{teamName(s.team_id)}</bdi>:</strong> <bdi className="ex-pre">{s.text}</bdi>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The team's statement: saved on demand; any member may edit it until the tour closes. */
function StatementBox({ exerciseId, phase, saved }: { exerciseId: number; phase: string; saved: Statement | undefined }) {
  const { t } = useTranslation('exercise');
  const id = useId();
  const save = useSaveStatement(exerciseId, phase);
  const [text, setText] = useState(saved?.text ?? '');
  const changed = text !== (saved?.text ?? '');
  const count = [...text].length;
  return (
    <form
      className="tour-statement"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(text);
      }}
    >
      <label htmlFor={id}>{t('tour.statement')}</label>
      <p className="field-hint" id={`${id}-hint`}>
        {t('tour.statementHint')}
      </p>
      <textarea id={id} aria-describedby={`${id}-hint`} value={text} maxLength={MAX_STATEMENT} onChange={(e) => setText(e.target.value)} />
      <div className="ex-toolbar">
        <button type="submit" className="button" disabled={!changed || save.isPending || count > MAX_STATEMENT}>
          {t('tour.save')}
        </button>
        <span className="muted">
          {t('tour.count', { count, max: MAX_STATEMENT })}
          {!changed && saved && <> · {t('tour.saved', { by: saved.by })}</>}
        </span>
      </div>
      <ApiError error={save.error} />
    </form>
  );
}
