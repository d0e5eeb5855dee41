import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, formatDayRange, parseDay } from './dates';

// ICU puts thin and no-break spaces in dates; the tests read them as plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u2009\u202f]/g, ' ');

describe('dates in the UI language', () => {
  it('write a workshop’s days in the chosen language, never as ISO dates', () => {
    expect(plain(formatDayRange('2026-03-02', '2026-03-03', 'en'))).toBe('Mar 2 – 3, 2026');
    expect(plain(formatDayRange('2026-03-02', '2026-03-03', 'ru'))).toBe('2–3 мар. 2026 г.');
    expect(plain(formatDayRange('2026-03-02', '2026-04-01', 'fr'))).toBe('2 mars – 1 avr. 2026');
    expect(plain(formatDayRange('2026-03-02', '2026-03-02', 'de'))).toBe('02.03.2026');
    expect(plain(formatDayRange('2026-03-02', '', 'en'))).toBe('Mar 2, 2026');
    expect(plain(formatDayRange('', '2026-03-03', 'en'))).toBe('Mar 3, 2026');
    expect(plain(formatDayRange('', '', 'en'))).toBe('');
  });

  it('keep a calendar day on its day whatever the time zone, and leave what is not a day as it is', () => {
    expect(parseDay('2026-03-02')?.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('02/03/2026')).toBeNull();
    expect(formatDay('soon', 'en')).toBe('soon');
    expect(plain(formatDay('2026-03-02', 'ru', 'full'))).toBe('понедельник, 2 марта 2026 г.');
  });

  it('write an instant with its time', () => {
    expect(plain(formatDateTime('2026-03-02T09:05:00Z', 'ru'))).toMatch(/^2 мар\. 2026 г\., \d\d:\d\d$/);
    expect(formatDateTime('not a time', 'en')).toBe('not a time');
  });
});
