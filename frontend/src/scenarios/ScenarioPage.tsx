import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { exportURL, scenarioPath, useScenario, withId } from '../api/scenarios';
import { Field } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { MselTools } from './MselTools';
import { HandbookTools } from './HandbookTools';
import { readableLanguages, useTranslationList } from './translations/api';
import { TranslationsPanel } from './translations/TranslationsPanel';
import { ScenarioOverview } from './ScenarioOverview';
import { NotFoundPage } from '../components/NotFoundPage';
import { isApiError } from '../api/client';

/** `/scenarios/:id[?version=N]`: a readable overview of one version of a scenario. */
export function ScenarioPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const saved = location.state as { saved?: 'created' | 'unchanged'; version?: number } | null;
  const requested = Number(params.get('version')) || undefined;
  const q = useScenario(id, requested);
  const translations = useTranslationList(q.data?.scenario.id ?? id, q.data?.scenario.version, q.isSuccess);

  if (q.isPending) return <p role="status">{t('common.loading')}</p>;
  if (q.isError) {
    if (isApiError(q.error) && q.error.status === 404) return <NotFoundPage />;
    return (
      <div className="alert error" role="alert">
        {t('common.loadFailed', { message: q.error.message })}{' '}
        <button type="button" className="button link" onClick={() => void q.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }

  const { scenario: v, versions, parsed, source } = q.data;
  const latest = versions[0]?.version ?? v.version;
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const duplicate = () => {
    void navigate('/scenarios/new', { state: { source: withId(source, `${v.id}-copy`) } });
  };
  const editTo = v.version === latest ? `${scenarioPath(v.id)}/edit` : `/scenarios/${encodeURIComponent(v.id)}/edit?version=${v.version}`;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/scenarios">{t('scenarios.backToLibrary')}</Link>
      </p>
      <PageTitle>{v.title}</PageTitle>
      <div role="status" aria-live="polite">
        {saved?.saved && saved.version === v.version && (
          <div className="alert success">
            {saved.saved === 'created'
              ? t('scenarios.page.savedCreated', { n: v.version })
              : t('scenarios.page.savedUnchanged', { n: v.version })}
          </div>
        )}
      </div>
      <div className="scenario-header">
        <p className="muted" data-testid="scenario-version">
          {t('scenarios.page.versionInfo', {
            n: v.version,
            date: dateFormat.format(new Date(v.created_at)),
          })}
          {v.version !== latest && <> · {t('scenarios.page.notLatest', { n: latest })}</>}
        </p>
        <div className="toolbar">
          <Field label={t('scenarios.page.version')}>
            <select
              value={v.version}
              onChange={(e) => {
                const n = Number(e.target.value);
                setParams(n === latest ? {} : { version: String(n) });
              }}
            >
              {versions.map((x) => (
                <option key={x.version} value={x.version}>
                  {t('scenarios.page.versionOption', { n: x.version, date: dateFormat.format(new Date(x.created_at)) })}
                </option>
              ))}
            </select>
          </Field>
          <Link className="button primary" to={editTo}>
            {t('scenarios.page.edit')}
          </Link>
          <button type="button" className="button" onClick={duplicate}>
            {t('scenarios.page.duplicate')}
          </button>
          <a className="button" href={exportURL(v.id, v.version)} download={`${v.id}.yaml`}>
            {t('scenarios.page.download')}
          </a>
        </div>
        <MselTools id={v.id} version={v.version} languages={readableLanguages(translations.data)} />
        <HandbookTools id={v.id} version={v.version} languages={readableLanguages(translations.data)} teams={parsed.teams ?? []} />
      </div>
      <TranslationsPanel id={v.id} version={v.version} latest={latest} />
      <ScenarioOverview scenario={parsed} />
    </>
  );
}
