import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiError, type Problem } from '../api/client';
import {
  EMPTY_FILTERS,
  buildScenarioQuery,
  catalogueOf,
  filtersFromParams,
  scenarioPath,
  useAllScenarios,
  useCBMs,
  useSaveScenario,
  useScenarioList,
  type ScenarioFilters,
  type ScenarioVersion,
} from '../api/scenarios';
import { apiErrorText } from '../components/ApiError';
import { Field } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { CbmChips } from '../components/CbmChip';
import { ProblemList } from './ProblemList';
import { LANGUAGES } from '../i18n';
import { formatDuration } from './format';
import { levelLabel } from './labels';

const LEVELS = ['introductory', 'intermediate', 'advanced'] as const;
const CBM_NUMBERS = Array.from({ length: 16 }, (_, i) => String(i + 1));

export function ScenarioLibraryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const applied = useMemo(() => filtersFromParams(params), [params]);
  const [draft, setDraft] = useState<ScenarioFilters>(applied);
  const list = useScenarioList(applied);

  // The form drives the URL (so Back and shared links keep the search), typing debounced.
  useEffect(() => {
    if (buildScenarioQuery(draft) === buildScenarioQuery(applied)) return;
    const timer = window.setTimeout(() => {
      setParams(new URLSearchParams(buildScenarioQuery(draft).slice(1)), { replace: true });
    }, 300);
    return () => window.clearTimeout(timer);
  }, [draft, applied, setParams]);

  const set = (key: keyof ScenarioFilters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));
  const hasFilters = buildScenarioQuery(draft) !== '';

  return (
    <>
      <PageTitle>{t('scenarios.title')}</PageTitle>
      <p className="muted">{t('scenarios.library.intro')}</p>

      <div className="toolbar">
        <Link className="button primary" to="/scenarios/new">
          {t('scenarios.library.newFromTemplate')}
        </Link>
        <ImportButton />
      </div>

      <section className="card" aria-labelledby="library-search-title">
        <h2 id="library-search-title">{t('scenarios.library.searchTitle')}</h2>
        <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <Field label={t('scenarios.library.search')}>
            <input type="search" value={draft.q} onChange={set('q')} placeholder={t('scenarios.library.searchPlaceholder')} />
          </Field>
          <CbmSelect value={draft.cbm} onChange={set('cbm')} />
          <ThemeSelect value={draft.theme} onChange={set('theme')} />
          <Field label={t('scenarios.fields.level')}>
            <select value={draft.level} onChange={set('level')}>
              <option value="">{t('scenarios.library.any')}</option>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`scenarios.level.${l}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('scenarios.fields.language')}>
            <select value={draft.language} onChange={set('language')}>
              <option value="">{t('scenarios.library.any')}</option>
              {LANGUAGES.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('scenarios.library.maxMinutes')}>
            <input type="number" inputMode="numeric" min={1} step={1} value={draft.max_minutes} onChange={set('max_minutes')} />
          </Field>
          <div className="form-actions">
            <button type="button" className="button secondary" disabled={!hasFilters} onClick={() => setDraft(EMPTY_FILTERS)}>
              {t('scenarios.library.clear')}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="library-results-title" aria-busy={list.isFetching}>
        <h2 id="library-results-title">{t('scenarios.library.results')}</h2>
        {list.isPending && <p role="status">{t('common.loading')}</p>}
        {list.isError && (
          <div className="alert error" role="alert">
            {t('common.loadFailed', { message: apiErrorText(list.error, 'none') })}{' '}
            <button type="button" className="button link" onClick={() => void list.refetch()}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {list.data && (
          <p role="status" className="muted">
            {t('scenarios.library.count', { count: list.data.length })}
          </p>
        )}
        {list.data && list.data.length > 0 && (
          <ul className="scenario-cards">
            {list.data.map((s) => (
              <ScenarioCard key={s.scenario_id} scenario={s} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function ScenarioCard({ scenario: s }: { scenario: ScenarioVersion }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="card scenario-card" data-scenario={s.id}>
      <h3>
        <Link to={scenarioPath(s.id)}>{s.title}</Link>
      </h3>
      <p className="card-meta">
        <span>{formatDuration(s.duration_seconds, i18n.language)}</span>
        <span>{levelLabel(t, s.level)}</span>
        <span>{t('scenarios.library.teams', { count: s.team_count })}</span>
        <span>{t('scenarios.library.injects', { count: s.inject_count })}</span>
        <span className="version-badge">{t('scenarios.versionN', { n: s.version })}</span>
      </p>
      <CbmChips cbms={s.cbms} />
    </li>
  );
}

function CbmSelect({ value, onChange }: { value: string; onChange: (e: { target: { value: string } }) => void }) {
  const { t } = useTranslation();
  const cbms = useCBMs();
  const cat = catalogueOf(cbms.data);
  return (
    <Field label={t('scenarios.fields.cbm')}>
      <select value={value} onChange={onChange}>
        <option value="">{t('scenarios.library.any')}</option>
        {CBM_NUMBERS.map((n) => {
          const title = cat?.items.find((i) => i.key === n)?.title;
          return (
            <option key={n} value={n}>
              {title ? `${n} — ${title}` : n}
            </option>
          );
        })}
      </select>
    </Field>
  );
}

function ThemeSelect({ value, onChange }: { value: string; onChange: (e: { target: { value: string } }) => void }) {
  const { t } = useTranslation();
  const all = useAllScenarios();
  const themes = useMemo(() => [...new Set((all.data ?? []).flatMap((s) => s.themes))].sort(), [all.data]);
  return (
    <Field label={t('scenarios.fields.theme')}>
      <select value={value} onChange={onChange}>
        <option value="">{t('scenarios.library.any')}</option>
        {value && !themes.includes(value) && <option value={value}>{value}</option>}
        {themes.map((th) => (
          <option key={th} value={th}>
            {th}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Picks a .yaml file and stores it as a new scenario; shows the file's problems if any. */
function ImportButton() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const save = useSaveScenario();
  const navigate = useNavigate();
  const [error, setError] = useState<{ message: string; problems: Problem[]; file: string } | null>(null);

  const onFile = (file: File | undefined) => {
    if (!file) return;
    setError(null);
    save.mutate(
      { text: file, filename: file.name },
      {
        onSuccess: (r) => void navigate(scenarioPath(r.scenario.id, r.scenario.version)),
        onError: (err) =>
          setError({ message: apiErrorText(err, 'none'), problems: isApiError(err) ? err.problems : [], file: file.name }),
      },
    );
    if (input.current) input.current.value = '';
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".yaml,.yml,application/yaml,text/yaml"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-file"
        onChange={(e) => onFile(e.target.files?.[0])}
      />
      <button type="button" className="button" disabled={save.isPending} onClick={() => input.current?.click()}>
        {save.isPending ? t('scenarios.library.importing') : t('scenarios.library.import')}
      </button>
      {error && (
        <div className="alert error import-error" role="alert">
          <p>{t('scenarios.library.importFailed', { file: error.file, message: error.message })}</p>
          <ProblemList problems={error.problems} />
        </div>
      )}
    </>
  );
}
