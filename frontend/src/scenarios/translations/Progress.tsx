import { useTranslation } from 'react-i18next';
import type { TranslationSummary } from './api';

/**
 * How far a language is translated: a bar (done, stale, missing, in that order, each
 * with its own pattern as well as its colour) and the counts in words, which are what
 * a screen reader reads (the bar is decoration).
 */
export function Progress({ summary }: { summary: TranslationSummary }) {
  const { t } = useTranslation();
  const { total, done, stale, missing } = summary;
  const pct = (n: number) => (total > 0 ? `${(100 * n) / total}%` : '0%');
  return (
    <div className="tr-progress">
      <div className="tr-bar" aria-hidden="true">
        {done > 0 && <span className="tr-bar-done" style={{ width: pct(done) }} />}
        {stale > 0 && <span className="tr-bar-stale" style={{ width: pct(stale) }} />}
      </div>
      <p className="tr-counts" data-testid={`progress-${summary.language}`}>
        {t('translations.counts', { done, stale, missing, total })}
      </p>
    </div>
  );
}
