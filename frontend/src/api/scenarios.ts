import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Problem } from './client';

/** One stored version of a scenario, as the library lists it. Durations in whole seconds. */
export interface ScenarioVersion {
  scenario_id: number;
  version_id: number;
  /** The scenario's slug, as in the file. */
  id: string;
  version: number;
  title: string;
  summary: string;
  level: string;
  duration_seconds: number;
  languages: string[];
  themes: string[];
  cbms: string[];
  team_count: number;
  phase_count: number;
  inject_count: number;
  origin: string;
  created_by: number | null;
  created_at: string;
}

export interface Objective {
  key: string;
  text: string;
  cbms: string[];
}

export interface Channel {
  key: string;
  title: string;
  cbms: string[];
  all_teams: boolean;
  control: boolean;
}

export interface Team {
  key: string;
  name: string;
  kind: string;
  briefing: string;
}

export interface Phase {
  key: string;
  title: string;
  clock: string;
  starts_at_seconds: number;
  situation: string;
  questions: { key: string; text: string }[] | null;
}

export interface After {
  inject: string;
  delay_seconds: number;
}

export interface ExpectedAction {
  key: string;
  team: string;
  text: string;
  cbms: string[];
  within_seconds: number | null;
}

export interface Inject {
  key: string;
  title: string;
  phase: string;
  channel: string;
  from: string;
  audience: { all: boolean; facilitators: boolean; teams: string[] };
  at_seconds: number | null;
  after: After | null;
  contingency: boolean;
  /** When the inject is released, from the exercise start; null when held for a trigger. */
  release_at_seconds: number | null;
  body: string;
  facilitator_notes: string;
  expected_actions: ExpectedAction[];
}

export interface Condition {
  type: string;
  from: string;
  to: string;
  cbm: string;
  channel: string;
  kind: string;
  deadline_at_seconds: number | null;
  deadline_after: After | null;
  prompt: string;
}

export interface Trigger {
  key: string;
  title: string;
  condition: Condition;
  release: string[];
}

export interface Criterion {
  key: string;
  title: string;
  description: string;
  cbms: string[];
  injects: string[];
  objective: string;
}

/** A parsed scenario. Lists the server may send as null are typed so. */
export interface ParsedScenario {
  id: string;
  version: number;
  title: string;
  summary: string;
  languages: string[];
  duration_seconds: number;
  level: string;
  audience: string[];
  themes: string[];
  catalogue: string;
  cbms: string[];
  objectives: Objective[] | null;
  channels: Channel[] | null;
  teams: Team[] | null;
  phases: Phase[] | null;
  injects: Inject[] | null;
  triggers: Trigger[] | null;
  rubric: { scale: string; criteria: Criterion[] | null };
  /** CBM → keys of the injects whose expected actions exercise it. */
  coverage: Record<string, string[]> | null;
}

export interface ScenarioDetail {
  scenario: ScenarioVersion;
  /** Every version, newest first. */
  versions: ScenarioVersion[];
  parsed: ParsedScenario;
  source: string;
}

export interface ValidationResult {
  valid: boolean;
  problems: Problem[];
  parsed?: ParsedScenario;
}

export interface CBMItem {
  key: string;
  title: string;
  summary: string;
  decision?: string;
  /** Notes for facilitators (what to watch for); not shown to participants. */
  guidance?: string;
}

export interface CBMCatalogue {
  id: string;
  title: string;
  items: CBMItem[];
}

export interface CBMList {
  default: string;
  catalogues: CBMCatalogue[];
}

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

/**
 * The query string for `GET /scenarios`, leading "?" included, or "" without filters.
 * Blank values are left out, text is trimmed, and a maximum duration that is not a
 * positive whole number is ignored (the server would refuse it).
 */
export function buildScenarioQuery(f: Partial<ScenarioFilters>): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = (f[key] ?? '').trim();
    if (!value) continue;
    if (key === 'max_minutes' && !/^[1-9]\d*$/.test(value)) continue;
    params.set(key, value);
  }
  const s = params.toString();
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
    queryFn: ({ signal }) => api.get<{ scenarios: ScenarioVersion[] }>(`/scenarios${query}`, signal).then((r) => r.scenarios),
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
    queryFn: ({ signal }) => api.get<ScenarioDetail>(scenarioPath(id, version), signal),
  });
}

export function useCBMs() {
  return useQuery({
    queryKey: ['cbms'],
    queryFn: ({ signal }) => api.get<CBMList>('/cbms', signal),
    staleTime: Infinity,
  });
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
  return api.yaml<ValidationResult>('POST', `/scenarios/validate?filename=${encodeURIComponent(filename)}`, text, signal);
}

export interface SaveResult {
  scenario: ScenarioVersion;
  /** PUT only: false when the text equals the latest version (nothing stored). */
  created?: boolean;
}

/** Saves a new scenario (POST) or a new version of `id` (PUT). */
export function useSaveScenario() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, text, filename }: { id?: string; text: string | Blob; filename: string }) => {
      const q = `?filename=${encodeURIComponent(filename)}`;
      return id
        ? api.yaml<SaveResult>('PUT', `/scenarios/${encodeURIComponent(id)}${q}`, text)
        : api.yaml<SaveResult>('POST', `/scenarios${q}`, text);
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
