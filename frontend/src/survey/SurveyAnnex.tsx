import { useTranslation } from 'react-i18next';
import { useExercise } from '../exercise/api';
import { useSurveyResults } from './api';
import { SurveySummaryTable } from './SurveyResults';

/** The report's annex (staff): the feedback survey of this exercise, counts and medians. */
export function SurveyAnnex({ exerciseId, lang }: { exerciseId: number; lang?: string }) {
  const { t } = useTranslation('exercise');
  const workshopId = useExercise(exerciseId).data?.workshop_id ?? 0;
  const results = useSurveyResults(workshopId, exerciseId, lang);
  return (
    <section className="card rp-section" aria-labelledby="rp-survey">
      <h2 id="rp-survey">{t('survey.annexTitle')}</h2>
      <p className="muted">{t('survey.annexIntro')}</p>
      {results.isError && (
        <p className="alert error" role="alert">
          {results.error.message}
        </p>
      )}
      {results.data && <SurveySummaryTable summary={results.data} />}
    </section>
  );
}
