import { useTranslation } from 'react-i18next';
import type { Schema } from '../api/client';
import './agreement.css';

export type Agreement = Schema<'RaterAgreement'>;

/** Formats a kappa with two decimals, or says it is not defined. */
export function formatKappa(kappa: number | null, lang: string, notDefined: string): string {
  if (kappa === null) return notDefined;
  return new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(kappa);
}

/** Formats a percentage agreement without decimals (a rubric has a handful of criteria). */
export function formatPercent(percent: number, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(percent / 100);
}

/**
 * How far the facilitators who scored a team agree across the rubric, shown beside the
 * agreed scores: percentage agreement and Cohen's kappa (for more than two, the mean
 * over every pair: Light's kappa), and the criteria they scored differently.
 */
export function RaterAgreement({ agreement: a, titleOf }: { agreement: Agreement; titleOf: (criterion: string) => string }) {
  const { t, i18n } = useTranslation('report');
  const lang = i18n.language;
  const notDefined = t('agreement.notDefined');
  const light = a.method === 'light';
  return (
    <div className="rp-agreement" data-method={a.method}>
      <h4>{t('agreement.title')}</h4>
      <p>{t('agreement.raters', { names: a.raters.map((r) => r.name).join(', ') })}</p>
      <dl className="rp-agreement-figures">
        <div>
          <dt>{t('agreement.criteria')}</dt>
          <dd data-testid="agreement-criteria">{a.criteria}</dd>
        </div>
        <div>
          <dt>{light ? t('agreement.percentMean') : t('agreement.percent')}</dt>
          <dd data-testid="agreement-percent">{formatPercent(a.percent, lang)}</dd>
        </div>
        <div>
          <dt>{light ? t('agreement.light') : t('agreement.cohen')}</dt>
          <dd data-testid="agreement-kappa">{formatKappa(a.kappa, lang, notDefined)}</dd>
        </div>
      </dl>
      {a.kappa === null && <p className="muted">{t('agreement.notDefinedWhy')}</p>}
      {light && <p className="muted">{t('agreement.lightHint')}</p>}
      {a.differing.length > 0 ? (
        <p>
          {t('agreement.differ')}{' '}
          <span data-testid="agreement-differing">{a.differing.map(titleOf).join('; ')}</span>
        </p>
      ) : (
        <p>{t('agreement.same')}</p>
      )}
      {light && (
        <details className="rp-agreement-pairs">
          <summary>{t('agreement.pairs')}</summary>
          <div className="table-wrap">
            <table className="compact">
              <thead>
                <tr>
                  <th scope="col">{t('agreement.pair')}</th>
                  <th scope="col">{t('agreement.items')}</th>
                  <th scope="col">{t('agreement.percent')}</th>
                  <th scope="col">{t('agreement.cohen')}</th>
                </tr>
              </thead>
              <tbody>
                {a.pairs.map((p) => (
                  <tr key={`${p.a.user_id}-${p.b.user_id}`}>
                    <th scope="row">
                      {p.a.name} · {p.b.name}
                    </th>
                    <td>{p.items}</td>
                    <td>{formatPercent(p.percent, lang)}</td>
                    <td>{formatKappa(p.kappa, lang, notDefined)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </div>
  );
}
