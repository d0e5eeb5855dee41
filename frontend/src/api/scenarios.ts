import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Schema } from './client';
import type { paths } from './schema';

/** One stored version of a scenario, as the library lists it. Durations in whole seconds. */
export type ScenarioVersion = Schema<'ScenarioVersion'>;
export type Objective = Schema<'Objective'>;
export type Channel = Schema<'Channel'>;
export type Team = Schema<'ScenarioTeam'>;
export type Phase = Schema<'Phase'>;
export type After = Schema<'After'>;
export type ExpectedAction = Schema<'ExpectedAction'>;
export type Inject = Schema<'Inject'>;
export type Condition = Schema<'Condition'>;
export type Trigger = Schema<'Trigger'>;
export type Criterion = Schema<'Rubric'>['criteria'][number];
/** A parsed scenario. */
export type ParsedScenario = Schema<'ParsedScenario'>;
export type ScenarioDetail = Schema<'ScenarioDetail'>;
export type ValidationResult = Schema<'ValidationResult'>;
export type CBMItem = Schema<'CBMItem'>;
export type CBMCatalogue = Schema<'CBMCatalogue'>;
export type CBMList = Schema<'CBMList'>;

/** The library's search form; empty strings mean "any". */
export interface ScenarioFilters {
  q: string;
  cbm: string;
  theme: string;
  level: string;
  language: string;
  /** Whole minutes, as typed. */
  max_minutes: string;
}

export const EMPTY_FILTERS: ScenarioFilters = { q: '', cbm: '', theme: '', level: '', language: '', max_minutes: '' };

const FILTER_KEYS = ['q', 'cbm', 'theme', 'level', 'language', 'max_minutes'] as const;

type ScenarioQuery = NonNullable<paths['/scenarios']['get']['parameters']['query']>;

/**
 * The query of `GET /scenarios` for the filters. Blank values are left out, text is
 * trimmed, and a maximum duration that is not a positive whole number is ignored (the
 * server would refuse it).
 */
export function scenarioQuery(f: Partial<ScenarioFilters>): ScenarioQuery {
  const out: ScenarioQuery = {};
  for (const key of FILTER_KEYS) {
    const value = (f[key] ?? '').trim();
    if (!value) continue;
    if (key !== 'max_minutes') out[key] = value;
    else if (/^[1-9]\d*$/.test(value)) out.max_minutes = Number(value);
  }
  return out;
}

/** The query string of scenarioQuery, leading "?" included, or "" without filters. */
export function buildScenarioQuery(f: Partial<ScenarioFilters>): string {
  const s = new URLSearchParams(Object.entries(scenarioQuery(f)).map(([k, v]) => [k, String(v)])).toString();
  return s ? `?${s}` : '';
}

/** Reads the filters back from a URL's search parameters (the library keeps them there). */
export function filtersFromParams(params: URLSearchParams): ScenarioFilters {
  const out = { ...EMPTY_FILTERS };
  for (const key of FILTER_KEYS) out[key] = params.get(key) ?? '';
  return out;
}

export const scenarioKeys = {
  all: ['scenarios'] as const,
  list: (query: string) => ['scenarios', 'list', query] as const,
  detail: (id: string, version?: number) => ['scenarios', 'detail', id, version ?? 'latest'] as const,
};

export function useScenarioList(filters: ScenarioFilters) {
  const query = buildScenarioQuery(filters);
  return useQuery<ScenarioVersion[]>({
    queryKey: scenarioKeys.list(query),
    queryFn: ({ signal }) => api.get('/scenarios', { query: scenarioQuery(filters), signal }).then((r) => r.scenarios),
    placeholderData: keepPreviousData,
  });
}

/** Every scenario, unfiltered: the source of the theme list for the filters. */
export function useAllScenarios() {
  return useScenarioList(EMPTY_FILTERS);
}

export function scenarioPath(id: string, version?: number): string {
  const q = version ? `?version=${version}` : '';
  return `/scenarios/${encodeURIComponent(id)}${q}`;
}

export function useScenario(id: string, version?: number) {
  return useQuery({
    queryKey: scenarioKeys.detail(id, version),
    queryFn: ({ signal }) => api.get('/scenarios/{id}', { path: { id }, query: { version: version || undefined }, signal }),
  });
}

/**
 * The CBM catalogues with titles, summaries and guidance in the UI language: the query is
 * per language, so a change of language fetches them again (once per language).
 */
export function useCBMs() {
  const { i18n } = useTranslation();
  const lang = cbmLanguage(i18n.resolvedLanguage ?? i18n.language);
  return useQuery({
    queryKey: ['cbms', lang],
    queryFn: ({ signal }) => api.get('/cbms', { query: { lang }, signal }),
    staleTime: Infinity,
    // The last language's texts stay in view while the new ones load.
    placeholderData: keepPreviousData,
  });
}

type CbmLanguage = NonNullable<NonNullable<paths['/cbms']['get']['parameters']['query']>['lang']>;
const CBM_LANGUAGES: readonly string[] = ['en', 'fr', 'de', 'it', 'ru', 'es'] satisfies CbmLanguage[];

/** One of the six OSCE languages the catalogue is written in; English otherwise. */
function cbmLanguage(lng: string | undefined): CbmLanguage {
  return lng && CBM_LANGUAGES.includes(lng) ? (lng as CbmLanguage) : 'en';
}

/** The catalogue with `id`, else the default one. */
export function catalogueOf(list: CBMList | undefined, id?: string): CBMCatalogue | undefined {
  if (!list) return undefined;
  return list.catalogues.find((c) => c.id === (id || list.default)) ?? list.catalogues.find((c) => c.id === list.default);
}

export function exportURL(id: string, version: number): string {
  return `/api/v1/scenarios/${encodeURIComponent(id)}/export?version=${version}`;
}

/** The file name problems are reported against. */
export function fileNameFor(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '') || 'scenario';
  return `${safe}.yaml`;
}

export function validateScenario(text: string, filename: string, signal?: AbortSignal) {
  return api.post('/scenarios/validate', { query: { filename }, rawBody: text, contentType: 'application/yaml', signal });
}

/** `created` (PUT only) is false when the text equals the latest version (nothing stored). */
export type SaveResult = Schema<'ScenarioCreated'> & Partial<Pick<Schema<'ScenarioSaved'>, 'created'>>;

/** Saves a new scenario (POST) or a new version of `id` (PUT). */
export function useSaveScenario() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, text, filename }: { id?: string; text: string | Blob; filename: string }): Promise<SaveResult> => {
      const file = { query: { filename }, rawBody: text, contentType: 'application/yaml' } as const;
      return id ? api.put('/scenarios/{id}', { path: { id }, ...file }) : api.post('/scenarios', file);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: scenarioKeys.all }),
  });
}

/** The `id:` at the top level of a scenario file, if it can be read without parsing. */
export function idFromSource(text: string): string | undefined {
  const m = /^id:[ \t]*["']?([A-Za-z0-9._-]+)["']?[ \t]*(?:#.*)?$/m.exec(text);
  return m?.[1];
}

/** The source with its top-level `id:` changed (for Duplicate). */
export function withId(text: string, id: string): string {
  if (/^id:.*$/m.test(text)) return text.replace(/^id:.*$/m, `id: ${id}`);
  return `id: ${id}\n${text}`;
}
