#!/usr/bin/env node
// Compares every locale in src/i18n/locales with English (en.json).
// Prints, per language, the keys it is missing and interpolation placeholders that
// differ. Exits 1 when a language lacks a key of English (the interface would show
// English there: every language must stay complete), when placeholders differ, when
// a language has a key English lacks, or when the source uses a literal key
// (t('a.b')) that English lacks.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const localesDir = join(root, 'src', 'i18n', 'locales');

function flatten(obj, prefix = '', out = new Map()) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, key, out);
    else out.set(key, String(v));
  }
  return out;
}

const placeholders = (s) => [...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort().join(',');

// Plural forms differ by language (Russian has _one, _few, _many, _other where English
// has _one, _other): a plural key is fine when the other file has some form of it.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const isPlural = (k) => PLURAL.test(k);
const hasPluralOf = (map, k) => {
  const base = k.replace(PLURAL, '');
  return ['zero', 'one', 'two', 'few', 'many', 'other'].some((f) => map.has(`${base}_${f}`));
};

let failed = false;
// The default namespace ("translation") is src/i18n/locales/<lang>.json; every other
// namespace is a folder src/i18n/locales/<namespace>/<lang>.json, checked the same way.
const namespaces = new Map(); // namespace → English keys
function checkNamespace(ns, dir) {
const load = (file) => flatten(JSON.parse(readFileSync(join(dir, file), 'utf8')));
const en = load('en.json');
namespaces.set(ns, en);
const others = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== 'en.json')
  .sort();

console.log(`${ns === 'translation' ? '' : `\n== namespace ${ns} ==\n`}English: ${en.size} keys`);

for (const file of others) {
  const lang = file.replace(/\.json$/, '');
  const tr = load(file);
  const missing = [...en.keys()].filter((k) => !tr.has(k) && !(isPlural(k) && hasPluralOf(tr, k)));
  const extra = [...tr.keys()].filter((k) => !en.has(k) && !(isPlural(k) && hasPluralOf(en, k)));
  const badVars = [...tr.keys()].filter((k) => en.has(k) && placeholders(en.get(k)) !== placeholders(tr.get(k)));
  const status = missing.length || extra.length || badVars.length ? '' : ' — complete';
  console.log(`\n${lang}: ${tr.size - extra.length}/${en.size} keys${status}`);
  for (const k of missing) console.log(`  ERROR missing (falls back to English): ${k}`);
  for (const k of badVars) console.log(`  ERROR placeholders differ from English: ${k}`);
  for (const k of extra) console.log(`  ERROR key not in English: ${k}`);
  if (missing.length || badVars.length || extra.length) failed = true;
}
}
checkNamespace('translation', localesDir);
for (const name of readdirSync(localesDir).sort()) {
  if (statSync(join(localesDir, name)).isDirectory()) checkNamespace(name, join(localesDir, name));
}

// Literal keys used in the source must exist in English.
function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) yield p;
  }
}
// A key is looked up in its `ns:` prefix's namespace, else in the namespace the file
// asks for with useTranslation('ns'), else in the default one.
const used = new Map();
for (const file of sourceFiles(join(root, 'src'))) {
  const text = readFileSync(file, 'utf8');
  const fileNs = text.match(/useTranslation\(\s*'([a-zA-Z0-9_]+)'/)?.[1] ?? 'translation';
  const qualify = (k) => (k.includes(':') ? k : `${fileNs}:${k}`);
  for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.:]+)'/g)) used.set(qualify(m[1]), relative(root, file));
  for (const m of text.matchAll(/labelKey:\s*'([a-zA-Z0-9_.:]+)'/g)) {
    used.set(m[1].includes(':') ? m[1] : `translation:${m[1]}`, relative(root, file));
  }
}
const unknown = [...used].filter(([q]) => {
  const [ns, k] = q.split(':');
  const en = namespaces.get(ns);
  return !en || (!en.has(k) && !hasPluralOf(en, `${k}_other`));
});
console.log(`\nSource: ${used.size} literal keys used${unknown.length ? '' : ', all present in English'}`);
for (const [k, f] of unknown) console.log(`  ERROR used in ${f} but missing in English: ${k}`);
if (unknown.length) failed = true;

// Every event type the server writes has a live-log sentence in English
// (log.say.<type>, or variants of it such as log.say.request.updated_answered).
const catalogue = readFileSync(join(root, 'src', 'exercise', 'eventCatalogue.ts'), 'utf8');
const exerciseEn = namespaces.get('exercise');
const unsaid = [...catalogue.matchAll(/type: '([a-z._]+)'/g)]
  .map((m) => m[1])
  .filter((type) => {
    const key = `log.say.${type}`;
    return !exerciseEn.has(key) && ![...exerciseEn.keys()].some((k) => k.startsWith(`${key}_`) || k.startsWith(`${key}.`));
  });
console.log(`\nEvent catalogue: ${unsaid.length ? `${unsaid.length} event types without a sentence` : 'every event type has a live-log sentence'}`);
for (const type of unsaid) console.log(`  ERROR no sentence log.say.${type} in exercise/en.json`);
if (unsaid.length) failed = true;

process.exit(failed ? 1 : 0);
