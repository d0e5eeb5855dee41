import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { reportKeys } from './api';

/** The console's links to scoring, the report and the replay. */
export function ConsoleReportLinks({ exerciseId }: { exerciseId: number }) {
  const { t } = useTranslation('report');
  return (
    <nav aria-label={t('links.afterAction')} className="rp-console-links">
      <Link to={`/exercises/${exerciseId}/scoring`} className="button secondary">
        {t('links.scoring')}
      </Link>{' '}
      <Link to={`/exercises/${exerciseId}/report`} className="button secondary">
        {t('links.report')}
      </Link>{' '}
      <Link to={`/exercises/${exerciseId}/replay`} className="button secondary">
        {t('links.replay')}
      </Link>
    </nav>
  );
}

/** The room's link to the after-action report (it says there when it is not published yet). */
export function RoomReportLink({ exerciseId }: { exerciseId: number }) {
  const { t } = useTranslation('report');
  return (
    <Link to={`/exercises/${exerciseId}/report`} className="button secondary">
      {t('links.report')}
    </Link>
  );
}

/**
 * Tells a participant's room that the after-action report is out (the stream's
 * report.published), with the way to it. A report answer cached from before (403 "not
 * published") is thrown away, so the link opens the report itself.
 */
export function RoomReportPublished({ exerciseId }: { exerciseId: number }) {
  const { t } = useTranslation('report');
  const qc = useQueryClient();
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: reportKeys.report(exerciseId) });
  }, [qc, exerciseId]);
  return (
    <div className="card ex-report-published" role="status">
      <p>{t('links.publishedNotice')}</p>
      <Link to={`/exercises/${exerciseId}/report`} className="button primary">
        {t('links.readReport')}
      </Link>
    </div>
  );
}
