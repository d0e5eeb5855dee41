import { useQuery } from '@tanstack/react-query';
import { api, type Schema } from '../../api/client';

/** One of the six OSCE languages, as the API names it. */
export type Language = Schema<'Language'>;
export type TextState = Schema<'TextState'>;
export type TranslationSummary = Schema<'TranslationSummary'>;
export type TranslationList = Schema<'TranslationList'>;
export type TranslationText = Schema<'TranslationText'>;
export type TranslationTable = Schema<'TranslationTable'>;
export type TranslationSaved = Schema<'TranslationSaved'>;
export type XliffImported = Schema<'XliffImported'>;
export type XliffProblem = Schema<'XliffProblem'>;

export const LANGUAGE_CODES: readonly Language[] = ['en', 'fr', 'de', 'it', 'ru', 'es'];

export function isLanguage(code: string | undefined): code is Language {
  return !!code && (LANGUAGE_CODES as readonly string[]).includes(code);
}

export const translationKeys = {
  all: ['translations'] as const,
  /** Every version's list of a scenario, for invalidating them together. */
  lists: (id: string) => ['translations', 'list', id] as const,
  list: (id: string, version?: number) => ['translations', 'list', id, version ?? 'latest'] as const,
  table: (id: string, lang: string, version?: number) => ['translations', 'table', id, lang, version ?? 'latest'] as const,
};

/** How far a version is translated into each other language. */
export function useTranslationList(id: string, version?: number, enabled = true) {
  return useQuery({
    queryKey: translationKeys.list(id, version),
    enabled,
    queryFn: ({ signal }) => api.get('/scenarios/{id}/translations', { path: { id }, query: { version }, signal }),
  });
}

/** Every text of a version beside its translation into `lang`. */
export function useTranslationTable(id: string, lang: Language, version?: number) {
  return useQuery({
    queryKey: translationKeys.table(id, lang, version),
    queryFn: ({ signal }) =>
      api.get('/scenarios/{id}/translations/{lang}', { path: { id, lang }, query: { version }, signal }),
  });
}

/** Saves changed translations into the latest version (a new version when anything changed). */
export function saveTranslations(id: string, lang: Language, texts: Record<string, string>): Promise<TranslationSaved> {
  return api.put('/scenarios/{id}/translations/{lang}', { path: { id, lang }, body: { texts } });
}

export const XLIFF_TYPE = 'application/xliff+xml';

/** Imports a translated XLIFF 2.0 file into the latest version. */
export function importXliff(id: string, lang: Language, file: Blob): Promise<XliffImported> {
  return api.post('/scenarios/{id}/translations/{lang}/xliff', { path: { id, lang }, rawBody: file, contentType: XLIFF_TYPE });
}

const base = (id: string, lang: string) => `/api/v1/scenarios/${encodeURIComponent(id)}/translations/${encodeURIComponent(lang)}`;

/** The XLIFF 2.0 download of a version for one target language. */
export function xliffURL(id: string, lang: string, version: number): string {
  return `${base(id, lang)}/xliff?version=${version}`;
}

/** The translation file (scenario-id.lang.yaml) of a version. */
export function translationFileURL(id: string, lang: string, version: number): string {
  return `${base(id, lang)}/file?version=${version}`;
}

/** The side-by-side view of a language; the latest version unless `version` is given. */
export function translationPath(id: string, lang: string, version?: number): string {
  const q = version ? `?version=${version}` : '';
  return `/scenarios/${encodeURIComponent(id)}/translations/${encodeURIComponent(lang)}${q}`;
}

/**
 * The languages a scenario can be read in: its source language first, then each
 * language with at least one current translation (others would be all source text).
 */
export function readableLanguages(list: TranslationList | undefined): Language[] {
  if (!list) return [];
  return [list.source_language, ...list.translations.filter((s) => s.done > 0).map((s) => s.language)];
}
