import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { scenarioKeys, scenarioPath, useScenario } from '../../api/scenarios';
import { NotFoundPage } from '../../components/NotFoundPage';
import { PageTitle } from '../../components/PageTitle';
import {
  isLanguage,
  saveTranslations,
  translationKeys,
  translationPath,
  useTranslationTable,
  xliffURL,
  type Language,
} from './api';
import { nameIn } from './languages';
import { Progress } from './Progress';
import { TranslationEditor } from './TranslationEditor';
import './translations.css';

/** `/scenarios/:id/translations/:lang[?version=N]`: every text beside its translation, editable in the latest version. */
export function TranslationPage() {
  const { id = '', lang = '' } = useParams();
  const [params] = useSearchParams();
  const requested = Number(params.get('version')) || undefined;
  if (!isLanguage(lang)) return <NotFoundPage />;
  return <TranslationView key={`${id}/${lang}`} id={id} lang={lang} requested={requested} />;
}

function TranslationView({ id, lang, requested }: { id: string; lang: Language; requested?: number }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const scenario = useScenario(id);
  const table = useTranslationTable(id, lang, requested);
  const [saved, setSaved] = useState<{ created: boolean; version: number } | null>(null);

  const failed = scenario.error ?? table.error;
  if (failed) {
    if (isApiError(failed) && failed.status === 404) return <NotFoundPage />;
    if (isApiError(failed) && failed.code === 'source_language') {
      return (
        <>
          <p className="breadcrumb">
            <Link to={scenarioPath(id)}>{t('translations.page.back', { title: scenario.data?.scenario.title ?? id })}</Link>
          </p>
          <p className="alert tr-notice">{t('translations.page.isSource', { language: nameIn(lang, i18n.language) })}</p>
        </>
      );
    }
    return (
      <div className="alert error" role="alert">
        {t('common.loadFailed', { message: failed.message })}{' '}
        <button
          type="button"
          className="button link"
          onClick={() => {
            void scenario.refetch();
            void table.refetch();
          }}
        >
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (!scenario.data || !table.data) return <p role="status">{t('common.loading')}</p>;

  const data = table.data;
  const title = scenario.data.scenario.title;
  // A save makes a version the scenario's query learns of only when it is fetched again.
  const latest = Math.max(scenario.data.versions[0]?.version ?? scenario.data.scenario.version, saved?.version ?? 0);
  const readOnly = data.version !== latest;
  const language = nameIn(lang, i18n.language);

  const onSave = async (texts: Record<string, string>) => {
    const r = await saveTranslations(id, lang, texts);
    qc.setQueryData(translationKeys.table(id, lang), r.translation);
    setSaved({ created: r.created, version: r.scenario.version });
    void qc.invalidateQueries({ queryKey: translationKeys.lists(id) });
    void qc.invalidateQueries({ queryKey: scenarioKeys.all });
    // The page was opened at a version number: show the latest, which now holds the save.
    if (requested) void navigate(translationPath(id, lang), { replace: true });
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to={scenarioPath(id, readOnly ? data.version : undefined)}>
          {t('translations.page.back', { title })}
        </Link>
      </p>
      <PageTitle>{t('translations.page.title', { language, title })}</PageTitle>
      <p className="muted" data-testid="translation-version">
        {t('translations.page.versionInfo', { n: data.version, source: nameIn(data.source_language, i18n.language) })}
      </p>
      <div role="status" aria-live="polite">
        {saved && (
          <div className="alert success" data-testid="translation-saved">
            {saved.created
              ? t('translations.page.saved', { n: saved.version })
              : t('translations.page.savedUnchanged', { n: saved.version })}
          </div>
        )}
      </div>
      {readOnly && (
        <div className="alert tr-notice">
          {t('translations.page.readOnly', { n: data.version, latest })}{' '}
          <Link to={translationPath(id, lang)}>{t('translations.page.openLatest')}</Link>
        </div>
      )}
      <div className="tr-summary">
        <Progress summary={data.summary} />
        <p className="muted">
          {t('translations.page.intro')}{' '}
          <a href={xliffURL(id, lang, data.version)} download={`${id}.${lang}.xlf`}>
            {t('translations.downloadXliff')}
          </a>
        </p>
      </div>
      <TranslationEditor table={data} lang={lang} readOnly={readOnly} onSave={onSave} />
    </>
  );
}
