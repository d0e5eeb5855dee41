import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import it from './locales/it.json';
import ru from './locales/ru.json';
import exDe from './locales/exercise/de.json';
import exEn from './locales/exercise/en.json';
import exEs from './locales/exercise/es.json';
import exFr from './locales/exercise/fr.json';
import exIt from './locales/exercise/it.json';
import exRu from './locales/exercise/ru.json';
import rpDe from './locales/report/de.json';
import rpEn from './locales/report/en.json';
import rpEs from './locales/report/es.json';
import rpFr from './locales/report/fr.json';
import rpIt from './locales/report/it.json';
import rpRu from './locales/report/ru.json';

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

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: en, exercise: exEn, report: rpEn },
    fr: { translation: fr, exercise: exFr, report: rpFr },
    de: { translation: de, exercise: exDe, report: rpDe },
    it: { translation: it, exercise: exIt, report: rpIt },
    ru: { translation: ru, exercise: exRu, report: rpRu },
    es: { translation: es, exercise: exEs, report: rpEs },
  },
  // Workshops, the participant room and the console have their own namespace.
  ns: ['translation', 'exercise', 'report'],
  defaultNS: 'translation',
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...CODES],
  interpolation: { escapeValue: false }, // React escapes already.
  returnNull: false,
  initAsync: false,
});

applyToDocument(i18n.language);

i18n.on('languageChanged', (lng) => {
  applyToDocument(lng);
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this page only.
  }
});

export default i18n;
