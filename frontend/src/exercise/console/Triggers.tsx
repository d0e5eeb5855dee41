import { useTranslation } from 'react-i18next';
import { ApiError } from '../../components/ApiError';
import { useDecideTrigger, useInjects, useTriggers } from '../api';

/**
 * The scenario's triggers: armed, fired, and the facilitators' decisions they wait for
 * (taken by those who run the play; readOnly shows the triggers without the buttons).
 */
export function Triggers({ exerciseId, readOnly = false }: { exerciseId: number; readOnly?: boolean }) {
  const { t } = useTranslation('exercise');
  const triggers = useTriggers(exerciseId);
  const decide = useDecideTrigger(exerciseId);
  const list = triggers.data ?? [];
  // What a trigger releases, by the injects' titles (the MSEL is loaded by the timeline).
  const injects = useInjects(exerciseId);
  const titleOf = (key: string) => injects.data?.find((i) => i.key === key)?.title ?? key;
  return (
    <section className="card" aria-labelledby="triggers-title">
      <h2 id="triggers-title">{t('triggers.title')}</h2>
      <ApiError error={decide.error} />
      {list.length === 0 && !triggers.isPending && <p className="muted">{t('triggers.none')}</p>}
      <ul className="ex-list">
        {list.map((tr) => {
          const needsDecision = !readOnly && tr.condition?.type === 'facilitator_decision' && tr.decision === null && !tr.fired;
          return (
            <li key={tr.key}>
              <strong>{tr.title || tr.key}</strong>{' '}
              <span className="ex-badge">
                {tr.fired
                  ? t('triggers.fired')
                  : tr.decision === true
                    ? t('triggers.yes')
                    : tr.decision === false
                      ? t('triggers.no')
                      : t('triggers.armed')}
              </span>
              {tr.release && tr.release.length > 0 && (
                <span className="muted"> → {tr.release.map((k) => `“${titleOf(k)}”`).join(', ')}</span>
              )}
              {needsDecision && (
                <span className="row-actions" role="group" aria-label={t('triggers.decide', { title: tr.title || tr.key })}>
                  <button type="button" className="button small" onClick={() => decide.mutate({ key: tr.key, yes: true })}>
                    {t('triggers.answerYes')}
                  </button>
                  <button type="button" className="button small" onClick={() => decide.mutate({ key: tr.key, yes: false })}>
                    {t('triggers.answerNo')}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
