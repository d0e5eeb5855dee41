import type { ScenarioVersion } from '../../api/scenarios';
import type { TranslationList, TranslationTable, TranslationText } from './api';

export const version = (n: number, extra: Partial<ScenarioVersion> = {}): ScenarioVersion => ({
  scenario_id: 7,
  version_id: 100 + n,
  id: 'grid',
  version: n,
  title: 'Grid cascade',
  summary: '',
  level: 'intermediate',
  duration_seconds: 5400,
  languages: ['en'],
  themes: [],
  cbms: [],
  team_count: 2,
  phase_count: 1,
  inject_count: 1,
  origin: 'bundled',
  created_by: null,
  created_at: '2026-01-01T00:00:00Z',
  ...extra,
});

/** The scenario as GET /scenarios/{id} answers it, versions newest first (only what the view reads is filled in). */
export function detail(latest: number) {
  const versions = Array.from({ length: latest }, (_, i) => version(latest - i));
  return { scenario: versions[0], versions, parsed: {}, source: '' };
}

export const TEXTS: TranslationText[] = [
  { key: 'title', source: 'Grid cascade', target: 'Каскад в энергосистеме', state: 'done', markdown: false },
  { key: 'summary', source: 'A **regional** blackout.', target: '', state: 'missing', markdown: true },
  { key: 'injects.power-cut.title', source: 'Power cut in the capital', target: 'Отключение', state: 'stale', markdown: false },
  { key: 'injects.power-cut.from', source: 'Grid operator', target: '', state: 'missing', markdown: false },
];

export function table(n: number, texts: TranslationText[] = TEXTS, lang: TranslationTable['summary']['language'] = 'ru'): TranslationTable {
  const count = (s: string) => texts.filter((x) => x.state === s).length;
  return {
    scenario_id: 'grid',
    version: n,
    source_language: 'en',
    summary: { language: lang, total: texts.length, done: count('done'), missing: count('missing'), stale: count('stale') },
    texts,
  };
}

export const LIST: TranslationList = {
  source_language: 'en',
  translations: [
    { language: 'fr', total: 40, done: 0, missing: 40, stale: 0 },
    { language: 'de', total: 40, done: 0, missing: 40, stale: 0 },
    { language: 'it', total: 40, done: 0, missing: 40, stale: 0 },
    { language: 'ru', total: 40, done: 30, missing: 6, stale: 4 },
    { language: 'es', total: 40, done: 40, missing: 0, stale: 0 },
  ],
};
