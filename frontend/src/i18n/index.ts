import i18n, { type BackendModule, type InitOptions, type Resource, type ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';

/** The six OSCE languages, each named in its own language. English is the fallback. */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
  { code: 'de', name: 'Deutsch' },
  { code: 'it', name: 'Italiano' },
  { code: 'ru', name: 'Русский' },
  { code: 'es', name: 'Español' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export const LANGUAGE_STORAGE_KEY = 'cbmex.language';

const CODES: readonly string[] = LANGUAGES.map((l) => l.code);

function isSupported(code: string | null | undefined): code is LanguageCode {
  return !!code && CODES.includes(code);
}

function storedLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The stored choice, else the first supported browser language, else English. */
export function initialLanguage(): LanguageCode {
  const stored = storedLanguage();
  if (isSupported(stored)) return stored;
  const preferred = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
  for (const tag of preferred) {
    const base = tag?.toLowerCase().split('-')[0];
    if (isSupported(base)) return base;
  }
  return 'en';
}

function applyToDocument(lng: string) {
  document.documentElement.lang = lng;
  document.documentElement.dir = i18n.dir(lng);
}

/**
 * The namespaces: the default one ("translation", src/i18n/locales/<lang>.json) and one
 * folder each for the exercise screens (workshops, room, console) and the report screens.
 */
export const NAMESPACES = ['translation', 'exercise', 'report'] as const;

/**
 * The namespaces loaded before the first page shows: the report's are loaded when a
 * report screen (or a link to it) first asks for them, so a participant's way from the
 * join link into the room does not wait for them.
 */
export const FIRST_NAMESPACES = ['translation', 'exercise'] as const;

/** Where a language's namespace is, as import.meta.glob names it. */
export const localeFile = (lng: string, ns: string) =>
  ns === 'translation' ? `./locales/${lng}.json` : `./locales/${ns}/${lng}.json`;

// Every file becomes a chunk of its own, fetched only when its language is used.
const LOCALE_FILES = import.meta.glob<{ default: ResourceLanguage }>(['./locales/*.json', './locales/*/*.json']);

/** An i18next backend that loads a language's namespace on demand (a dynamic import). */
export const lazyLocales: BackendModule = {
  type: 'backend',
  callbackApi: false,
  init() {},
  read(lng: string, ns: string) {
    const load = LOCALE_FILES[localeFile(lng, ns)];
    if (!load) return Promise.reject(new Error(`no translations for ${lng}/${ns}`));
    return load().then((m) => m.default);
  },
};

/** The options of the app's i18next, for the language `lng`. */
export function i18nOptions(lng: string): InitOptions {
  return {
    // Workshops, the participant room and the console have their own namespace.
    ns: [...FIRST_NAMESPACES],
    defaultNS: 'translation',
    lng,
    // Each language's files are built complete, English where a text is not translated
    // yet (vite.config.ts, completeLocales), so English need not be fetched beside them.
    fallbackLng: false,
    supportedLngs: [...CODES],
    interpolation: { escapeValue: false }, // React escapes already.
    returnNull: false,
  };
}

function followLanguage() {
  applyToDocument(i18n.language);
  i18n.on('languageChanged', (lng) => {
    applyToDocument(lng);
    try {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this page only.
    }
  });
}

/**
 * Sets up the app's i18next: the browser loads the chosen language lazily (one language
 * only: its files are complete), and a language the user switches to before it is shown; the
 * returned promise settles once the first ones are in. Tests pass every language's
 * `resources` instead, which are then there at once.
 */
export function setUpI18n(resources?: Resource): Promise<unknown> {
  if (resources) {
    const ready = i18n
      .use(initReactI18next)
      .init({ ...i18nOptions(initialLanguage()), ns: [...NAMESPACES], fallbackLng: 'en', resources, initAsync: false });
    followLanguage();
    return ready;
  }
  return i18n
    .use(lazyLocales)
    .use(initReactI18next)
    .init(i18nOptions(initialLanguage()))
    .then(followLanguage);
}

export default i18n;
