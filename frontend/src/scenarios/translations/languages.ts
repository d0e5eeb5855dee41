import { LANGUAGES } from '../../i18n';

/** A language named in its own language ("Русский"), for pickers and lists of languages. */
export function ownName(code: string): string {
  return LANGUAGES.find((l) => l.code === code)?.name ?? code;
}

/** A language named in the UI language `ui` ("Russian", "russe"), for running text. */
export function nameIn(code: string, ui: string): string {
  try {
    return new Intl.DisplayNames([ui], { type: 'language' }).of(code) ?? code;
  } catch {
    return ownName(code);
  }
}
