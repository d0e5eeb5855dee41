import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, isApiError } from '../api/client';
import { scenarioPath } from '../api/scenarios';
import { ownName } from './translations/languages';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The MSEL download URL of a scenario version (XLSX), in `lang` when given (else the source language). */
export function mselURL(id: string, version: number, lang?: string): string {
  const l = lang ? `&lang=${encodeURIComponent(lang)}` : '';
  return `/api/v1/scenarios/${encodeURIComponent(id)}/msel.xlsx?version=${version}${l}`;
}

/**
 * Master Scenario Events List tools: download the injects as a spreadsheet,
 * and import a CSV or XLSX MSEL as a new version (all rows or none; every
 * refused row is listed by the server with its row number).
 */
export function MselTools({ id, version, languages = [] }: { id: string; version: number; languages?: readonly string[] }) {
  const { t } = useTranslation();
  const langId = useId();
  // The languages the scenario can be read in, its source language first.
  const [chosen, setChosen] = useState('');
  const lang = languages.includes(chosen) ? chosen : languages[0];
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [notice, setNotice] = useState('');

  const upload = async (file: File) => {
    setBusy(true);
    setProblems([]);
    setNotice('');
    try {
      // The server reads CSV or XLSX by content; the type only follows the document.
      const contentType = file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX_TYPE;
      const res = await api.post('/scenarios/{id}/msel', { path: { id }, query: { filename: file.name }, rawBody: file, contentType });
      if (res.created) {
        void navigate(scenarioPath(res.scenario.id) + `?version=${res.scenario.version}`, {
          state: { saved: 'created', version: res.scenario.version },
        });
      } else {
        setNotice(t('scenarios.msel.unchanged'));
      }
    } catch (err) {
      if (isApiError(err) && err.problems.length > 0) setProblems(err.problems.map((p) => p.message));
      else setProblems([err instanceof Error ? err.message : String(err)]);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="msel-tools">
      {languages.length > 1 && (
        <span className="msel-language">
          <label htmlFor={langId}>{t('translations.mselLanguage')}</label>{' '}
          <select id={langId} value={lang} onChange={(e) => setChosen(e.target.value)}>
            {languages.map((l) => (
              <option key={l} value={l} lang={l}>
                {ownName(l)}
              </option>
            ))}
          </select>
        </span>
      )}
      <a
        className="button"
        href={mselURL(id, version, lang !== languages[0] ? lang : undefined)}
        download={lang && lang !== languages[0] ? `${id}-msel.${lang}.xlsx` : `${id}-msel.xlsx`}
      >
        {t('scenarios.msel.download')}
      </a>
      <label className="button">
        {busy ? t('scenarios.msel.importing') : t('scenarios.msel.import')}
        <input
          ref={input}
          type="file"
          className="visually-hidden"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void upload(f);
          }}
        />
      </label>
      <div role="status" aria-live="polite">
        {notice && <p className="muted">{notice}</p>}
      </div>
      {problems.length > 0 && (
        <div className="alert error" role="alert">
          <p>{t('scenarios.msel.failed')}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
