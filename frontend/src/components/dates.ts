/**
 * Dates and times in the UI language (not the browser's, not ISO). A calendar day
 * ("2026-03-02", a workshop's first day) is a day, not an instant: it is read and
 * written in UTC so that no time zone moves it to the day before.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day "YYYY-MM-DD" as a Date at UTC midnight; null when it is not such a day. */
export function parseDay(day: string): Date | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) || d.getUTCDate() !== Number(m[3]) ? null : d;
}

function dayFormat(lang: string, style: 'medium' | 'full'): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(lang, { dateStyle: style, timeZone: 'UTC' });
}

/** One day in the UI language ("2 Mar 2026", "2 мар. 2026 г."); the text as given when it is not a day. */
export function formatDay(day: string, lang: string, style: 'medium' | 'full' = 'medium'): string {
  const d = parseDay(day);
  return d ? dayFormat(lang, style).format(d) : day;
}

/** From one day to another in the UI language ("2–3 Mar 2026"); one of them alone when the other is missing. */
export function formatDayRange(start: string, end: string, lang: string): string {
  const a = parseDay(start);
  const b = parseDay(end);
  if (a && b && b > a) return dayFormat(lang, 'medium').formatRange(a, b);
  return formatDay(start || end, lang);
}

/** An instant (an RFC 3339 time from the server) as date and time in the UI language. */
export function formatDateTime(iso: string, lang: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
