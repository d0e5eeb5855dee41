import { describe, expect, it } from 'vitest';
import { completeWith } from './completeLocales';

describe('completeWith', () => {
  it('fills the keys a translation lacks with English, keeping its own', () => {
    const en = { common: { save: 'Save', cancel: 'Cancel' }, title: 'Home' };
    const fr = { common: { save: 'Enregistrer' } };
    expect(completeWith(fr, en, 'fr')).toEqual({ common: { save: 'Enregistrer', cancel: 'Cancel' }, title: 'Home' });
  });

  it('gives a missing plural every form of the language, and leaves a translated one alone', () => {
    const en = { files_one: '{{count}} file', files_other: '{{count}} files', days_one: 'a day', days_other: '{{count}} days' };
    const ru = { days_one: '{{count}} день', days_few: '{{count}} дня', days_many: '{{count}} дней', days_other: '{{count}} дня' };
    const out = completeWith(ru, en, 'ru');
    expect(out).toMatchObject({ files_one: '{{count}} file', files_few: '{{count}} files', files_many: '{{count}} files', files_other: '{{count}} files' });
    expect(out).toMatchObject(ru);
    expect(Object.keys(out).filter((k) => k.startsWith('days_'))).toHaveLength(4);
  });
});
