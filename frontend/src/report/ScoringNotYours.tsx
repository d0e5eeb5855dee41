import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import type { Duty } from '../exercise/duty';
import { StaffLinks } from './shared';

/**
 * The scoring page of a staff member whose duty does not score (a controller): no
 * scoring controls, and where the scores can be read instead.
 */
export function ScoringNotYours({ id, duty }: { id: number; duty: Duty | undefined }) {
  const { t } = useTranslation('report');
  return (
    <div className="rp-page" data-testid="scoring-not-yours">
      <PageTitle>{t('agreement.scoringTitle')}</PageTitle>
      <StaffLinks id={id} current="scoring" />
      <p className="notice">
        {t('agreement.notYours', { duty: t(`agreement.duty.${duty ?? 'controller'}`) })}{' '}
        <Link to={`/exercises/${id}/report`}>{t('agreement.readReport')}</Link>
      </p>
    </div>
  );
}
