/**
 * Every language's translations, imported at once: the tests set up i18next with them so
 * that a test renders in any language without waiting (the app loads them lazily).
 */
import type { Resource } from 'i18next';
import de from '../i18n/locales/de.json';
import en from '../i18n/locales/en.json';
import es from '../i18n/locales/es.json';
import fr from '../i18n/locales/fr.json';
import it from '../i18n/locales/it.json';
import ru from '../i18n/locales/ru.json';
import exDe from '../i18n/locales/exercise/de.json';
import exEn from '../i18n/locales/exercise/en.json';
import exEs from '../i18n/locales/exercise/es.json';
import exFr from '../i18n/locales/exercise/fr.json';
import exIt from '../i18n/locales/exercise/it.json';
import exRu from '../i18n/locales/exercise/ru.json';
import rpDe from '../i18n/locales/report/de.json';
import rpEn from '../i18n/locales/report/en.json';
import rpEs from '../i18n/locales/report/es.json';
import rpFr from '../i18n/locales/report/fr.json';
import rpIt from '../i18n/locales/report/it.json';
import rpRu from '../i18n/locales/report/ru.json';

export const ALL_TRANSLATIONS: Resource = {
  en: { translation: en, exercise: exEn, report: rpEn },
  fr: { translation: fr, exercise: exFr, report: rpFr },
  de: { translation: de, exercise: exDe, report: rpDe },
  it: { translation: it, exercise: exIt, report: rpIt },
  ru: { translation: ru, exercise: exRu, report: rpRu },
  es: { translation: es, exercise: exEs, report: rpEs },
};
