import { useTranslation } from 'react-i18next';
import type { Report } from './api';

/**
 * Says whom the report names. By default a report is non-attributive: teams go by their roles in
 * the scenario (fictional States). When the workshop's organisers turned on attributed results, it
 * says so, with their reason, who turned it on and when, and which delegation played each role.
 */
export function AttributionNotice({ report: r }: { report: Report }) {
  const { t, i18n } = useTranslation('report');
  const a = r.attribution;
  if (!a) {
    return (
      <p className="muted" data-attribution="off">
        {t('attribution.nonAttributive')}
      </p>
    );
  }
  const roles = (r.roles ?? []).filter((x) => x.delegation);
  return (
    <aside className="notice rp-attribution" aria-labelledby="rp-attribution" data-attribution="on">
      <h3 id="rp-attribution">{t('attribution.title')}</h3>
      <p>{t('attribution.lead')}</p>
      <dl className="rp-facts">
        <div>
          <dt>{t('attribution.reason')}</dt>
          <dd className="rp-pre">{a.reason}</dd>
        </div>
        <div>
          <dt>{t('attribution.turnedOn')}</dt>
          <dd>{t('attribution.byAt', { by: a.by || '—', at: new Date(a.at).toLocaleString(i18n.language) })}</dd>
        </div>
      </dl>
      {roles.length > 0 && (
        <table className="compact">
          <caption className="visually-hidden">{t('attribution.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('attribution.role')}</th>
              <th scope="col">{t('attribution.delegation')}</th>
            </tr>
          </thead>
          <tbody>
            {roles.map((x) => (
              <tr key={x.team_id}>
                <th scope="row">{x.name}</th>
                <td>{x.delegation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  );
}
