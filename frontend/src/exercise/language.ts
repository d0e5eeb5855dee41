/**
 * The language a viewer reads an exercise's scenario content in.
 *
 * Participants and observers read in the language stored for them on the server (chosen
 * when joining, changed with PUT /exercises/{id}/language): their reads carry no `lang`,
 * so `viewer.language` tells the browser their choice and the UI language follows it.
 * Staff read in their UI language: every read of theirs asks for it with `?lang=`.
 * Texts without a current translation come in the scenario's source language and are
 * listed in the object's `fallback`; the browser marks them (see Fallback.tsx).
 */
import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../api/client';
import { asGuestSession } from '../auth/guest';
import { sessionQuery } from '../auth/session';
import i18n, { LANGUAGES } from '../i18n';

export type Language = Schema<'Language'>;

const CODES: readonly string[] = LANGUAGES.map((l) => l.code);

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && CODES.includes(v);
}

/** The UI language as one of the six, English when i18next has none of them. */
export function uiLanguage(lng: string | undefined = i18n.resolvedLanguage ?? i18n.language): Language {
  return isLanguage(lng) ? lng : 'en';
}

/** The UI language, re-rendering when it changes. */
export function useUiLanguage(): Language {
  const { i18n: inst } = useTranslation();
  return uiLanguage(inst.resolvedLanguage ?? inst.language);
}

/** The language's name in itself ("Русский"), as pickers show it. */
export function nativeName(code: string): string {
  return LANGUAGES.find((l) => l.code === code)?.name ?? code;
}

/** Whether the caller is a participant or observer (who read in their stored language). */
export function readsStoredLanguage(client: QueryClient): boolean {
  return asGuestSession(client.getQueryData(sessionQuery.queryKey)) !== null;
}

/**
 * The `lang` to send on a read of scenario content: the UI language for staff, none for
 * participants and observers (the server uses their stored choice).
 */
export function readLang(client: QueryClient): { lang?: Language } {
  return readsStoredLanguage(client) ? {} : { lang: uiLanguage() };
}

/**
 * Whether `field` of an object is shown in the source language: listed in its `fallback`
 * itself or by one of its parts (`questions.q1` for `questions.q1.text`).
 */
export function fellBack(fallback: readonly string[] | null | undefined, field: string): boolean {
  if (!fallback?.length) return false;
  return fallback.some((f) => f === field || f.startsWith(`${field}.`));
}
