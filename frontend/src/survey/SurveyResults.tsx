import { useTranslation } from 'react-i18next';
import { formatMedian, type SurveySummary } from './api';
import './survey.css';

/**
 * Counts and medians per question (per CBM before and after): the report's annex and the
 * workshop's results. Written answers are only counted here; their text is in the CSV.
 */
export function SurveySummaryTable({ summary }: { summary: SurveySummary }) {
  const { t, i18n } = useTranslation('exercise');
  const lang = i18n.language;
  if (summary.responses === 0) return <p>{t('survey.noAnswers')}</p>;
  return (
    <>
      <p data-testid="survey-responses">{t('survey.responses', { count: summary.responses })}</p>
      <div className="table-wrap">
        <table className="sv-stats">
          <thead>
            <tr>
              <th scope="col">{t('survey.questionText')}</th>
              <th scope="col">{t('survey.answers')}</th>
              <th scope="col">{t('survey.median')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.questions.map((q) => {
              const qLang = q.lang !== lang ? q.lang : undefined;
              if (q.kind === 'scale') {
                return (
                  <tr key={q.key} data-question={q.key}>
                    <th scope="row" lang={qLang}>
                      {q.text}
                    </th>
                    <td className="num">{q.scale?.count ?? 0}</td>
                    <td className="num" data-testid={`median-${q.key}`}>
                      {formatMedian(q.scale?.median, lang)}
                    </td>
                  </tr>
                );
              }
              if (q.kind === 'cbm_scale') {
                return [
                  <tr key={q.key}>
                    <th scope="rowgroup" colSpan={3} lang={qLang}>
                      {q.text}
                    </th>
                  </tr>,
                  ...(q.cbms ?? []).flatMap((c) => [
                    <tr key={`${q.key}-${c.cbm}-b`} data-question={`${q.key}-${c.cbm}-before`}>
                      <th scope="row" className="sv-sub">
                        {t('survey.cbm', { key: c.cbm })} — {t('survey.before')}
                      </th>
                      <td className="num">{c.before.count}</td>
                      <td className="num" data-testid={`median-${q.key}-${c.cbm}-before`}>
                        {formatMedian(c.before.median, lang)}
                      </td>
                    </tr>,
                    <tr key={`${q.key}-${c.cbm}-a`} data-question={`${q.key}-${c.cbm}-after`}>
                      <th scope="row" className="sv-sub">
                        {t('survey.cbm', { key: c.cbm })} — {t('survey.after')}
                      </th>
                      <td className="num">{c.after.count}</td>
                      <td className="num" data-testid={`median-${q.key}-${c.cbm}-after`}>
                        {formatMedian(c.after.median, lang)}
                      </td>
                    </tr>,
                  ]),
                ];
              }
              return (
                <tr key={q.key} data-question={q.key}>
                  <th scope="row" lang={qLang}>
                    {q.text}
                  </th>
                  <td className="num" colSpan={2}>
                    {t('survey.written', { count: q.count })}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
