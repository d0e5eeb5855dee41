import { createInstance, type BackendModule } from 'i18next';
import { describe, expect, it } from 'vitest';
import { i18nOptions, lazyLocales, NAMESPACES } from '.';

/** The app's lazy backend, noting what it is asked for. */
function countingBackend(asked: string[]): BackendModule {
  return {
    type: 'backend',
    callbackApi: false,
    init() {},
    read(lng: string, ns: string) {
      asked.push(`${lng}/${ns}`);
      return (lazyLocales.read as (l: string, n: string) => Promise<unknown>)(lng, ns);
    },
  };
}

describe('translations', () => {
  it('are loaded for the chosen language and English only, and for a language when it is chosen', async () => {
    const asked: string[] = [];
    const i18n = createInstance().use(countingBackend(asked));
    await i18n.init(i18nOptions('ru'));
    expect(asked.sort()).toEqual(['en', 'ru'].flatMap((l) => NAMESPACES.map((ns) => `${l}/${ns}`)).sort());
    expect(i18n.t('exercise:timeline.title')).toBe('График вводных');

    asked.length = 0;
    await i18n.changeLanguage('de');
    expect(asked.sort()).toEqual(NAMESPACES.map((ns) => `de/${ns}`).sort());
    expect(i18n.t('nav.home')).toBe('Startseite');
  });
});
