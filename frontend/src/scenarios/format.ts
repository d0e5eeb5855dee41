/** Formats a whole number of seconds as hours and minutes in `lang`, e.g. "1 hr, 30 min". */
export function formatDuration(seconds: number, lang: string): string {
  const total = Math.max(0, Math.round(seconds / 60));
  const h = Math.floor(total / 60);
  const m = total % 60;
  const unit = (unit: 'hour' | 'minute', n: number) =>
    new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short' }).format(n);
  if (h === 0) return unit('minute', m);
  if (m === 0) return unit('hour', h);
  return `${unit('hour', h)} ${unit('minute', m)}`;
}
