import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

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
