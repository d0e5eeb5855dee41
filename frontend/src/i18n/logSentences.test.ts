import { describe, expect, it } from 'vitest';
import { ALL_TRANSLATIONS } from '../test/i18n';

function flatten(o: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flatten(v, key, out);
    else out.set(key, String(v));
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

// The live log is read by every facilitator in their own language: its sentences, the
// release sources and request kinds they use are translated in full, with the same
// placeholders as English.
describe('the live log in every language', () => {
  const english = flatten((ALL_TRANSLATIONS.en!.exercise as Record<string, unknown>).log);
  it.each(['fr', 'de', 'it', 'ru', 'es'])('%s has every sentence of the live log', (lang) => {
    const tr = flatten((ALL_TRANSLATIONS[lang]!.exercise as Record<string, unknown>).log);
    expect([...english.keys()].filter((k) => !tr.has(k))).toEqual([]);
    for (const [k, v] of english) expect(placeholders(tr.get(k)!), k).toEqual(placeholders(v));
  });
});
