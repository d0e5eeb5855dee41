import { useTranslation } from 'react-i18next';
import { ApiError } from '../../components/ApiError';
import { usePhaseAction, type Team } from '../api';
import { fallbackFields, FallbackMark, InLang } from '../components/Fallback';
import type { TeamName } from '../messages/shared';
import { answerKey, type Projection } from '../projection';

/**
 * Every team's answers to the stage questions, phase by phase; staff who steer the
 * discussion (steer, by default all staff) close and share a phase.
 */
export function LiveAnswers({
  exerciseId,
  readOnly,
  steer = !readOnly,
  projection,
  teams,
  teamName,
  source = 'en',
}: {
  exerciseId: number;
  readOnly: boolean;
  steer?: boolean;
  projection: Projection;
  teams: Team[];
  teamName: TeamName;
  /** The scenario's source language, for texts shown untranslated. */
  source?: string;
}) {
  const { t } = useTranslation('exercise');
  const phaseAction = usePhaseAction(exerciseId);
  const phases = [...projection.phases].reverse();
  return (
    <section className="card ex-wide" aria-labelledby="answers-title">
      <h2 id="answers-title">{t('answers.title')}</h2>
      {readOnly && <p className="field-hint">{t('answers.observerHint')}</p>}
      <ApiError error={phaseAction.error} />
      {phases.length === 0 && <p className="muted">{t('questions.none')}</p>}
      {phases.map((ph) => {
        const fb = fallbackFields(ph, ['title', ...ph.questions.map((q) => `questions.${q.key}`)], source);
        return (
          <section key={ph.key} className="ex-phase" aria-labelledby={`answers-${ph.key}`}>
            <h3 id={`answers-${ph.key}`}>
              <InLang lang={fb.lang('title')}>{ph.title}</InLang>{' '}
              {(fb.whole || fb.mark('title')) && <FallbackMark source={source} />}{' '}
              {projection.closedPhases.has(ph.key) && <span className="ex-badge">{t('questions.closed')}</span>}{' '}
              {projection.sharedPhases.has(ph.key) && <span className="ex-badge">{t('answers.shared')}</span>}
            </h3>
            {steer && (
              <div className="ex-toolbar">
                {!projection.closedPhases.has(ph.key) && (
                  <button type="button" className="button small" onClick={() => phaseAction.mutate({ phase: ph.key, action: 'close' })}>
                    {t('answers.close')}
                  </button>
                )}
                {!projection.sharedPhases.has(ph.key) && (
                  <button type="button" className="button small" onClick={() => phaseAction.mutate({ phase: ph.key, action: 'share' })}>
                    {t('answers.share')}
                  </button>
                )}
              </div>
            )}
            {ph.questions.map((q) => (
              <div key={q.key} className="ex-question" data-question={q.key}>
                <p className="ex-question-text">
                  <InLang lang={fb.lang(`questions.${q.key}`)}>{q.text}</InLang>
                  {fb.mark(`questions.${q.key}`) && <> <FallbackMark source={source} /></>}
                </p>
                <ul className="ex-list">
                  {teams.map((tm) => {
                    const a = projection.answers.get(answerKey(tm.id, ph.key, q.key));
                    return (
                      <li key={tm.id} data-team-key={tm.key}>
                        <strong>{teamName(tm.id)}:</strong>{' '}
                        {a?.text ? (
                          <>
                            <span className="ex-answer-text">{a.text}</span>{' '}
                            <span className="muted">
                              ({a.by}
                              {a.submitted ? `, ${t('questions.submitted')}` : ''})
                            </span>
                          </>
                        ) : (
                          <span className="muted">{t('answers.none')}</span>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </section>
        );
      })}
    </section>
  );
}
