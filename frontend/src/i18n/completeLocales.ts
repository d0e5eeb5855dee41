/**
 * Build-time completion of a language's messages with English, so that the browser
 * loads one language only: a key a translation lacks gets the English text in that
 * language's own file (as it would have shown through i18next's fallback), and English
 * is not fetched beside it. Used by the Vite plugin in vite.config.ts.
 */
type Messages = { [key: string]: string | Messages };

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** The plural suffixes i18next uses for `lang` (e.g. Russian: one, few, many, other). */
function pluralForms(lang: string): string[] {
  return new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];
}

function hasAnyPlural(own: Messages, base: string): boolean {
  return Object.keys(own).some((k) => k.startsWith(`${base}_`) && PLURAL.test(k) && k.replace(PLURAL, '') === base);
}

/** `own` with every key of `en` it lacks, in `lang`'s plural forms where English has plurals. */
export function completeWith(own: Messages, en: Messages, lang: string): Messages {
  const out: Messages = { ...own };
  for (const [key, value] of Object.entries(en)) {
    if (typeof value === 'object') {
      const mine = out[key];
      out[key] = completeWith(typeof mine === 'object' ? mine : {}, value, lang);
      continue;
    }
    if (key in out) continue;
    const plural = PLURAL.exec(key);
    if (!plural) {
      out[key] = value;
      continue;
    }
    const base = key.slice(0, plural.index);
    if (hasAnyPlural(own, base)) continue; // translated, in the language's own forms
    for (const form of pluralForms(lang)) {
      const english = en[`${base}_${form}`] ?? en[`${base}_other`] ?? value;
      if (!(`${base}_${form}` in out) && typeof english === 'string') out[`${base}_${form}`] = english;
    }
  }
  return out;
}
