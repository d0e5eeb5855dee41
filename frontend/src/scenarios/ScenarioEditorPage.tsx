import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError, type Problem } from '../api/client';
import {
  fileNameFor,
  idFromSource,
  scenarioPath,
  useSaveScenario,
  useScenario,
  validateScenario,
  type ParsedScenario,
} from '../api/scenarios';
import { Dialog } from '../components/Dialog';
import { PageTitle } from '../components/PageTitle';
import { ProblemList } from './ProblemList';
import { ScenarioOverview } from './ScenarioOverview';
import { YamlEditor, type YamlEditorHandle } from './YamlEditor';
import { SCENARIO_TEMPLATE } from './template';
import { NotFoundPage } from '../components/NotFoundPage';

export const VALIDATE_DELAY_MS = 400;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * What a failed save says: the file's problems (422 invalid_scenario), or per-field
 * messages, of which one about the id is placed at the `id:` line.
 */
export function saveProblems(err: unknown, text: string, filename: string): { message: string; problems: Problem[] } {
  const message = err instanceof Error ? err.message : String(err);
  if (!isApiError(err)) return { message, problems: [] };
  if (err.problems.length > 0) return { message, problems: err.problems };
  const idMessage = err.fields.id;
  if (idMessage) {
    const lines = text.split('\n');
    const idx = lines.findIndex((l) => /^id:/.test(l));
    return { message, problems: [{ file: filename, line: idx + 1 || 1, column: idx >= 0 ? 5 : 1, message: idMessage }] };
  }
  const details = Object.values(err.fields);
  return { message: details.length ? `${message} ${details.join(' ')}` : message, problems: [] };
}

/** `/scenarios/new`: the editor with a starter file, or with the text Duplicate passed along. */
export function NewScenarioPage() {
  const location = useLocation();
  const state = location.state as { source?: unknown } | null;
  const initial = typeof state?.source === 'string' ? state.source : SCENARIO_TEMPLATE;
  return <ScenarioEditor initialText={initial} />;
}

/** `/scenarios/:id/edit[?version=N]`: edits the latest (or the given) version; saving adds a version. */
export function EditScenarioPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const version = Number(params.get('version')) || undefined;
  const q = useScenario(id, version);
  if (q.isPending) return <p role="status">{t('common.loading')}</p>;
  if (q.isError) {
    if (isApiError(q.error) && q.error.status === 404) return <NotFoundPage />;
    return (
      <div className="alert error" role="alert">
        {t('common.loadFailed', { message: q.error.message })}
      </div>
    );
  }
  return (
    <ScenarioEditor
      key={`${id}@${q.data.scenario.version}`}
      id={q.data.scenario.id}
      title={q.data.scenario.title}
      baseVersion={q.data.scenario.version}
      initialText={q.data.source}
    />
  );
}

interface EditorProps {
  /** The scenario being edited; absent for a new one. */
  id?: string;
  title?: string;
  baseVersion?: number;
  initialText: string;
}

interface Checked {
  text: string;
  valid: boolean;
  problems: Problem[];
  parsed?: ParsedScenario;
}

function ScenarioEditor({ id, title, baseVersion, initialText }: EditorProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const editor = useRef<YamlEditorHandle>(null);
  const [text, setText] = useState(initialText);
  const [saveError, setSaveError] = useState<{ text: string; message: string; problems: Problem[] } | null>(null);
  const save = useSaveScenario();
  const leaving = useRef(false);
  // The preview keeps showing the last valid state of the file while the author types.
  const [lastParsed, setLastParsed] = useState<ParsedScenario | null>(null);

  const fileId = id ?? idFromSource(text) ?? 'scenario';
  const filename = fileNameFor(fileId);
  const debounced = useDebounced(text, VALIDATE_DELAY_MS);
  const check = useQuery({
    queryKey: ['scenario-validate', filename, debounced],
    queryFn: ({ signal }): Promise<Checked> =>
      validateScenario(debounced, filename, signal).then((r) => {
        if (r.valid && r.parsed) setLastParsed(r.parsed);
        return { ...r, problems: r.problems ?? [], text: debounced };
      }),
    enabled: debounced.trim() !== '',
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
  });

  const dirty = text !== initialText;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      !leaving.current && dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  // What the editor marks: the save's problems while the text is the one saved, else the last check's.
  const shown: Checked | null =
    saveError && saveError.text === text
      ? { text: saveError.text, valid: false, problems: saveError.problems }
      : (check.data ?? null);
  const current = shown?.text === text;
  const problems = shown?.problems ?? [];
  const checking = check.isFetching || debounced !== text;

  const onSave = () => {
    setSaveError(null);
    const saved = text;
    save.mutate(
      { id, text: saved, filename },
      {
        onSuccess: (r) => {
          leaving.current = true;
          void navigate(scenarioPath(r.scenario.id, r.scenario.version), {
            state: { saved: r.created === false ? 'unchanged' : 'created', version: r.scenario.version },
          });
        },
        onError: (err) => setSaveError({ text: saved, ...saveProblems(err, saved, filename) }),
      },
    );
  };

  const pageTitle = id ? t('scenarios.editor.editTitle', { title: title ?? id }) : t('scenarios.editor.newTitle');
  const cancelTo = id ? scenarioPath(id) : '/scenarios';
  const statusId = 'editor-status';
  const listId = 'editor-problems';

  return (
    <>
      <p className="breadcrumb">
        <Link to="/scenarios">{t('scenarios.backToLibrary')}</Link>
      </p>
      <PageTitle>{pageTitle}</PageTitle>
      <p className="muted">
        {id
          ? t('scenarios.editor.introEdit', { n: baseVersion ?? 1 })
          : t('scenarios.editor.introNew')}
      </p>

      <div className="toolbar">
        <button type="button" className="button primary" onClick={onSave} disabled={save.isPending || text.trim() === ''}>
          {save.isPending ? t('scenarios.editor.saving') : t('scenarios.editor.save')}
        </button>
        <Link className="button" to={cancelTo}>
          {t('common.cancel')}
        </Link>
        {dirty && <span className="muted">{t('scenarios.editor.unsaved')}</span>}
      </div>

      {saveError && saveError.problems.length === 0 && (
        <div className="alert error" role="alert">
          {saveError.message}
        </div>
      )}

      <section className="card editor-card" aria-labelledby="editor-heading">
        <h2 id="editor-heading">{t('scenarios.editor.fileHeading', { file: filename })}</h2>
        <YamlEditor
          ref={editor}
          initialText={initialText}
          onChange={setText}
          problems={shown}
          label={t('scenarios.editor.editorLabel')}
          describedBy={statusId}
        />
        <div id={statusId} role="status" aria-live="polite" className="editor-status" data-testid="editor-status">
          {check.isError && !saveError ? (
            <span className="warn">{t('scenarios.editor.checkFailed', { message: check.error.message })}</span>
          ) : checking && !current ? (
            t('scenarios.editor.checking')
          ) : shown?.valid && shown.parsed ? (
            <span className="ok">
              {t('scenarios.editor.valid', {
                injects: t('scenarios.library.injects', { count: shown.parsed.injects?.length ?? 0 }),
                phases: t('scenarios.editor.phases', { count: shown.parsed.phases?.length ?? 0 }),
              })}
            </span>
          ) : shown && !shown.valid ? (
            <span className="warn">
              {saveError && saveError.text === text ? `${t('scenarios.editor.notSaved')} ` : ''}
              {t('scenarios.problems.count', { count: problems.length })}
            </span>
          ) : null}
        </div>
        {!shown?.valid && <ProblemList id={listId} problems={problems} onSelect={(p) => editor.current?.goTo(p)} />}
      </section>

      <section className="card preview" aria-labelledby="preview-heading">
        <h2 id="preview-heading">{t('scenarios.editor.preview')}</h2>
        {lastParsed ? (
          <>
            {!(shown?.valid && current) && <p className="muted">{t('scenarios.editor.previewStale')}</p>}
            <ScenarioOverview scenario={lastParsed} headingLevel={3} />
          </>
        ) : (
          <p className="muted">{t('scenarios.editor.previewNone')}</p>
        )}
      </section>

      {blocker.state === 'blocked' && (
        <Dialog open title={t('scenarios.editor.leaveTitle')} onClose={() => blocker.reset()}>
          <p>{t('scenarios.editor.leaveBody')}</p>
          <div className="form-actions">
            <button type="button" className="button primary" autoFocus onClick={() => blocker.reset()}>
              {t('scenarios.editor.stay')}
            </button>
            <button type="button" className="button danger" onClick={() => blocker.proceed()}>
              {t('scenarios.editor.leave')}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
