import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { isApiError } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import type { Language, TextState, TranslationTable, TranslationText } from './api';
import { ownName } from './languages';
import { StateBadge } from './StateBadge';

export type Filter = 'work' | TextState | 'all';
export const FILTERS: readonly Filter[] = ['work', 'missing', 'stale', 'done', 'all'];

export function matches(filter: Filter, state: TextState): boolean {
  if (filter === 'all') return true;
  if (filter === 'work') return state !== 'done';
  return filter === state;
}

/**
 * The texts to send: every text whose target was changed, and every stale text the
 * facilitator confirmed as still right (sent unchanged, which records the current
 * source's fingerprint). Nothing else, so a save never overwrites what it did not touch.
 */
export function pendingTexts(
  texts: readonly TranslationText[],
  drafts: Readonly<Record<string, string>>,
  kept: ReadonlySet<string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const x of texts) {
    const draft = drafts[x.key];
    if (draft !== undefined && draft !== x.target) out[x.key] = draft;
    else if (x.state === 'stale' && kept.has(x.key)) out[x.key] = x.target;
  }
  return out;
}

/**
 * A Markdown text as it reads: the line breaks inside a paragraph (a YAML block is
 * wrapped at 80 columns) become spaces, as they do when the text is shown; blank lines,
 * list items, headings and quotes keep theirs, so the markup stays visible.
 */
export function unwrapLines(text: string): string {
  return text.replace(/([^\n])\n(?!\n|\s*(?:[-*+]\s|\d+[.)]\s|#|>|\|))[ \t]*/g, '$1 ');
}

/** Rows for a textarea holding the longer of `texts`, at about 45 characters a line. */
export function rowsFor(...texts: string[]): number {
  const lines = (s: string) => s.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 45)), 0);
  return Math.min(20, Math.max(2, ...texts.map(lines)));
}

interface EditorProps {
  table: TranslationTable;
  lang: Language;
  readOnly: boolean;
  /** Stores the texts; rejects with the server's error. */
  onSave: (texts: Record<string, string>) => Promise<unknown>;
}

/**
 * The side-by-side table of a translation: each text's key, source, editable target and
 * state, filtered by state (what needs work first), with Save sending only what changed.
 */
export function TranslationEditor({ table, lang, readOnly, onSave }: EditorProps) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('work');
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [kept, setKept] = useState<ReadonlySet<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string[] | null>(null);

  const pending = useMemo(() => pendingTexts(table.texts, drafts, kept), [table.texts, drafts, kept]);
  const dirtyCount = Object.keys(pending).length;
  const dirty = dirtyCount > 0;

  const counts = useMemo(() => {
    const c: Record<Filter, number> = { work: 0, missing: 0, stale: 0, done: 0, all: table.texts.length };
    for (const x of table.texts) {
      c[x.state]++;
      if (x.state !== 'done') c.work++;
    }
    return c;
  }, [table.texts]);
  const rows = table.texts.filter((x) => matches(filter, x.state));

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && !saving && currentLocation.pathname !== nextLocation.pathname,
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

  const save = async () => {
    if (!dirty || saving || readOnly) return;
    setSaving(true);
    setError(null);
    try {
      await onSave(pending);
      setDrafts({});
      setKept(new Set());
    } catch (err) {
      const lines = [err instanceof Error ? err.message : String(err)];
      if (isApiError(err)) lines.push(...Object.entries(err.fields).map(([k, v]) => `${k}: ${v}`));
      setError(lines);
    } finally {
      setSaving(false);
    }
  };

  // Ctrl+S (⌘S) saves from anywhere in the table, as in a text editor.
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void save();
    }
  };

  const toggleKept = (key: string) =>
    setKept((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <div className="tr-editor" onKeyDown={onKeyDown}>
      <div className="tr-toolbar">
        <fieldset className="tr-filter">
          <legend>{t('translations.editor.show')}</legend>
          <div className="tr-filter-options">
            {FILTERS.map((f) => (
              <label key={f} className="tr-filter-option">
                <input type="radio" name="tr-filter" value={f} checked={filter === f} onChange={() => setFilter(f)} />
                {t(`translations.editor.filter.${f}`)} <span className="tr-filter-count">({counts[f]})</span>
              </label>
            ))}
          </div>
        </fieldset>
        {!readOnly && (
          <div className="tr-save">
            <span className="muted" data-testid="unsaved-count">
              {dirty ? t('translations.editor.unsaved', { count: dirtyCount }) : t('translations.editor.noChanges')}
            </span>
            <button type="button" className="button primary" disabled={!dirty || saving} onClick={() => void save()}>
              {saving ? t('translations.editor.saving') : t('translations.editor.save')}
            </button>
          </div>
        )}
      </div>

      <p role="status" aria-live="polite" className="tr-shown" data-testid="shown-count">
        {t('translations.editor.shown', { shown: rows.length, total: table.texts.length })}
      </p>

      {error && (
        <div className="alert error" role="alert">
          <p>{t('translations.editor.saveFailed')}</p>
          <ul>
            {error.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </div>
      )}

      {rows.length === 0 ? (
        <p className="tr-empty">
          {filter === 'work' ? t('translations.editor.nothingToDo') : t('translations.editor.none')}
        </p>
      ) : (
        <>
          <div className="tr-head" aria-hidden="true">
            <span>{t('translations.editor.sourceColumn', { language: ownName(table.source_language) })}</span>
            <span>{t('translations.editor.targetColumn', { language: ownName(lang) })}</span>
            <span>{t('translations.editor.stateColumn')}</span>
          </div>
          <ol className="tr-rows">
            {rows.map((x) => (
              <Row
                key={x.key}
                text={x}
                sourceLang={table.source_language}
                lang={lang}
                value={drafts[x.key] ?? x.target}
                kept={kept.has(x.key)}
                readOnly={readOnly}
                onChange={(v) => setDrafts((d) => ({ ...d, [x.key]: v }))}
                onKeep={() => toggleKept(x.key)}
              />
            ))}
          </ol>
        </>
      )}

      {blocker.state === 'blocked' && (
        <Dialog open title={t('translations.editor.leaveTitle')} onClose={() => blocker.reset()}>
          <p>{t('translations.editor.leaveBody', { count: dirtyCount })}</p>
          <div className="form-actions">
            <button type="button" className="button primary" autoFocus onClick={() => blocker.reset()}>
              {t('translations.editor.stay')}
            </button>
            <button type="button" className="button danger" onClick={() => blocker.proceed()}>
              {t('translations.editor.leave')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

interface RowProps {
  text: TranslationText;
  sourceLang: Language;
  lang: Language;
  value: string;
  kept: boolean;
  readOnly: boolean;
  onChange: (value: string) => void;
  onKeep: () => void;
}

function Row({ text: x, sourceLang, lang, value, kept, readOnly, onChange, onKeep }: RowProps) {
  const { t } = useTranslation();
  const id = useId();
  const changed = value !== x.target;
  return (
    <li className={`tr-row tr-row-${x.state}${changed || kept ? ' tr-row-dirty' : ''}`} data-key={x.key}>
      <div className="tr-key">
        <code className="mono">{x.key}</code>
        {x.markdown && (
          <span className="tr-md" title={t('translations.editor.markdownHint')}>
            {t('translations.editor.markdown')}
          </span>
        )}
      </div>
      <div className="tr-source">
        <span className="tr-cell-label" aria-hidden="true">
          {ownName(sourceLang)}
        </span>
        <div id={`${id}-source`} lang={sourceLang} className="tr-source-text">
          {x.markdown ? unwrapLines(x.source) : x.source}
        </div>
      </div>
      <div className="tr-target">
        <span className="tr-cell-label" aria-hidden="true">
          {ownName(lang)}
        </span>
        <textarea
          lang={lang}
          aria-label={t('translations.editor.targetLabel', { key: x.key })}
          aria-describedby={`${id}-source`}
          rows={rowsFor(x.source, value)}
          // Where the browser sizes a textarea to its content, it is at least as tall as the source.
          style={{ minHeight: `calc(${rowsFor(x.source)} * 1.45em + 1rem)` }}
          value={value}
          readOnly={readOnly}
          spellCheck
          onChange={(e) => onChange(e.target.value)}
        />
      </div>
      <div className="tr-status">
        <StateBadge state={x.state} />
      </div>
      <div className="tr-row-actions">
        {x.state === 'stale' && <p className="tr-hint">{t('translations.editor.staleHint')}</p>}
        {changed && <p className="tr-edited">{t('translations.editor.edited')}</p>}
        {x.state === 'stale' && !changed && !readOnly && (
          <button type="button" className="button small tr-keep" aria-pressed={kept} onClick={onKeep}>
            {kept && <span aria-hidden="true">✓ </span>}
            {t('translations.editor.keep')}
          </button>
        )}
        {kept && !changed && <p className="tr-edited">{t('translations.editor.kept')}</p>}
      </div>
    </li>
  );
}
