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
  // The room does not wait for the report's messages: the link shows once they are in.
  const { t, ready } = useTranslation('report', { useSuspense: false });
  if (!ready) return null;
  return (
    <Link to={`/exercises/${exerciseId}/report`} className="button secondary">
      {t('links.report')}
    </Link>
  );
}

/**
 * Tells a participant's room that the after-action report is out (the stream's
 * report.published), with the way to it. A "not published" answer cached from before is
 * an error without data, which the report page asks for again when it opens, so the link
 * leads to the report itself.
 */
export function RoomReportPublished({ exerciseId }: { exerciseId: number }) {
  const { t, ready } = useTranslation('report', { useSuspense: false });
  if (!ready) return null;
  return (
    <div className="card ex-report-published" role="status">
      <p>{t('links.publishedNotice')}</p>
      <Link to={`/exercises/${exerciseId}/report`} className="button primary">
        {t('links.readReport')}
      </Link>
    </div>
  );
}

/** Once the exercise has ended, the console says what comes next, in order, with the way there. */
export function AfterEndSteps({ exerciseId, published }: { exerciseId: number; published: boolean }) {
  const { t } = useTranslation('report');
  return (
    <section className="card ex-after-end" aria-labelledby="after-end-title">
      <h2 id="after-end-title">{t('links.afterEndTitle')}</h2>
      <ol>
        <li>
          <Link to={`/exercises/${exerciseId}/scoring`}>{t('links.stepScore')}</Link>
        </li>
        <li>
          <Link to={`/exercises/${exerciseId}/scoring`}>{t('links.stepWrite')}</Link>
        </li>
        <li>
          {published ? (
            <>
              {t('links.stepPublished')} <Link to={`/exercises/${exerciseId}/report`}>{t('links.readReport')}</Link>
            </>
          ) : (
            <Link to={`/exercises/${exerciseId}/report`}>{t('links.stepPublish')}</Link>
          )}
        </li>
      </ol>
    </section>
  );
}
