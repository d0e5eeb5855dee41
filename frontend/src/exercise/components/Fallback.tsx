import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fellBack } from '../language';

/** An object of scenario content as the server sends it in the reader's language. */
export interface Localized {
  lang?: string;
  fallback?: readonly string[] | null;
}

export interface FallbackFields {
  /** The language attribute of `field`: the source language when it fell back, else the object's. */
  lang: (field: string) => string | undefined;
  /** Whether `field` gets its own mark (not when the whole object is marked at once). */
  mark: (field: string) => boolean;
  /** Every field shown fell back: one mark for the object instead of one per field. */
  whole: boolean;
}

/**
 * Which of `fields` (those the page shows) are in the scenario's source language `source`
 * because their translation is missing or stale.
 */
export function fallbackFields(obj: Localized | null | undefined, fields: readonly string[], source = 'en'): FallbackFields {
  const fb = obj?.fallback;
  const back = fields.filter((f) => fellBack(fb, f));
  const whole = back.length > 0 && back.length === fields.length;
  return {
    whole,
    lang: (field) => (fellBack(fb, field) ? source : obj?.lang || undefined),
    mark: (field) => !whole && fellBack(fb, field),
  };
}

/**
 * The quiet mark beside a text shown in the scenario's source language ("English original"):
 * words, not a colour, so a screen reader says it too.
 */
export function FallbackMark({ source }: { source: string }) {
  const { t } = useTranslation('exercise');
  return (
    <span className="ex-fallback-mark" title={t('language.originalHint')} data-fallback={source}>
      {t(`language.original.${source}`, { defaultValue: source.toUpperCase() })}
    </span>
  );
}

/** `children` in an element with the language attribute `lang`; as they are without one. */
export function InLang({ lang, children }: { lang: string | undefined; children: ReactNode }) {
  return lang ? <span lang={lang}>{children}</span> : <>{children}</>;
}
