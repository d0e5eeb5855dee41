import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { isApiError, type Problem } from '../../api/client';
import { scenarioKeys, scenarioPath } from '../../api/scenarios';
import { ProblemList } from '../ProblemList';
import {
  importXliff,
  translationFileURL,
  translationKeys,
  translationPath,
  useTranslationList,
  xliffURL,
  type Language,
  type XliffImported,
} from './api';
import { nameIn, ownName } from './languages';
import { Progress } from './Progress';
import { XliffProblemList } from './XliffProblemList';
import './translations.css';

/** What an XLIFF import answered, kept in the location state across the reload of a new version. */
export interface ImportOutcome {
  lang: Language;
  result: XliffImported;
}

interface ImportFailure {
  lang: Language;
  message: string;
  problems: Problem[];
}

/**
 * The "Translations" section of a scenario version: for every other OSCE language, how
 * far it is translated, the side-by-side view, the XLIFF and translation-file downloads
 * and (in the latest version) the upload of a translated XLIFF file.
 */
export function TranslationsPanel({ id, version, latest }: { id: string; version: number; latest: number }) {
  const { t, i18n } = useTranslation();
  const q = useTranslationList(id, version);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState<Language | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const isLatest = version === latest;

  // After an import that made a new version, the page shows that version; the answer
  // comes along in the location state.
  const carried = (location.state as { translationImport?: ImportOutcome } | null)?.translationImport;
  const shown = outcome ?? (carried && carried.result.scenario.version === version ? carried : null);

  const upload = async (lang: Language, file: File) => {
    setBusy(lang);
    setOutcome(null);
    setFailure(null);
    try {
      const result = await importXliff(id, lang, file);
      await Promise.all([
        qc.invalidateQueries({ queryKey: translationKeys.all }),
        qc.invalidateQueries({ queryKey: scenarioKeys.all }),
      ]);
      if (result.created) {
        void navigate(scenarioPath(result.scenario.id), { state: { translationImport: { lang, result } } });
      } else {
        setOutcome({ lang, result });
      }
    } catch (err) {
      setFailure({
        lang,
        message: err instanceof Error ? err.message : String(err),
        problems: isApiError(err) ? err.problems : [],
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="ov-section tr-panel" aria-labelledby="tr-heading">
      <h2 id="tr-heading">{t('translations.heading')}</h2>
      {q.isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : q.isError ? (
        <div className="alert error" role="alert">
          {t('common.loadFailed', { message: q.error.message })}{' '}
          <button type="button" className="button link" onClick={() => void q.refetch()}>
            {t('common.retry')}
          </button>
        </div>
      ) : (
        <>
          <p className="muted">
            {t('translations.intro', { language: nameIn(q.data.source_language, i18n.language) })}
            {!isLatest && <> {t('translations.olderVersion', { n: version, latest })}</>}
          </p>
          <ul className="tr-languages">
            {q.data.translations.map((s) => (
              <li key={s.language} className="tr-language" data-testid={`translation-${s.language}`}>
                <h3 lang={s.language}>{ownName(s.language)}</h3>
                <Progress summary={s} />
                <div className="tr-actions">
                  <Link className="button small" to={translationPath(id, s.language, isLatest ? undefined : version)}>
                    {t('translations.open')}{' '}
                    <LanguageSuffix lang={s.language} />
                  </Link>
                  <a className="button small" href={xliffURL(id, s.language, version)} download={`${id}.${s.language}.xlf`}>
                    {t('translations.downloadXliff')}{' '}
                    <LanguageSuffix lang={s.language} />
                  </a>
                  <a
                    className="button small"
                    href={translationFileURL(id, s.language, version)}
                    download={`${id}.${s.language}.yaml`}
                  >
                    {t('translations.downloadFile')}{' '}
                    <LanguageSuffix lang={s.language} />
                  </a>
                  {isLatest && (
                    <label className="button small tr-upload">
                      {busy === s.language ? t('translations.uploading') : t('translations.uploadXliff')}{' '}
                      <LanguageSuffix lang={s.language} />
                      <input
                        type="file"
                        className="visually-hidden"
                        accept=".xlf,.xliff,.xml,application/xliff+xml,application/xml"
                        disabled={busy !== null}
                        onChange={(e) => {
                          const f = e.target.files?.[0];
                          e.target.value = '';
                          if (f) void upload(s.language, f);
                        }}
                      />
                    </label>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <div role="status" aria-live="polite">
        {shown && <ImportResult outcome={shown} />}
      </div>
      {failure && (
        <div className="alert error" role="alert">
          <p>{t('translations.upload.failed', { language: nameIn(failure.lang, i18n.language), message: failure.message })}</p>
          <ProblemList problems={failure.problems} />
        </div>
      )}
    </section>
  );
}

/** "(Русский)" for screen readers, so that each language's links have names of their own. */
function LanguageSuffix({ lang }: { lang: Language }) {
  return (
    <span className="visually-hidden" lang={lang}>
      ({ownName(lang)})
    </span>
  );
}

/** The answer to an XLIFF import: the version, the counts, and each unit that could not be used. */
export function ImportResult({ outcome }: { outcome: ImportOutcome }) {
  const { t, i18n } = useTranslation();
  const { lang, result } = outcome;
  const language = nameIn(lang, i18n.language);
  const { done, stale, missing, total } = result.summary;
  return (
    <div className={result.problems.length > 0 ? 'alert tr-result tr-result-partial' : 'alert success tr-result'} data-testid="xliff-result">
      <p>
        {result.created
          ? t('translations.upload.created', { language, n: result.scenario.version })
          : t('translations.upload.unchanged', { language, n: result.scenario.version })}{' '}
        {t('translations.counts', { done, stale, missing, total })}
      </p>
      {result.problems.length > 0 && (
        <>
          <p>{t('translations.upload.problemsIntro', { count: result.problems.length })}</p>
          <XliffProblemList problems={result.problems} />
        </>
      )}
    </div>
  );
}
