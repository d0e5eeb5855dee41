import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { endSession } from '../../auth/session';
import type { FinalReason } from '../stream';

/**
 * Shown in place of a live page when the server ended its stream because the
 * access ended: it says why and where to go, instead of reconnecting in vain.
 * A signed-in user whose session ended goes on to the sign-in page, which
 * says why and brings them back here.
 */
export function StreamEnded({ reason, guest }: { reason: Exclude<FinalReason, 'removed'>; guest: boolean }) {
  const { t } = useTranslation('exercise');
  const qc = useQueryClient();
  useEffect(() => {
    if (!guest && reason !== 'access_removed') endSession(qc, reason);
  }, [qc, guest, reason]);
  const next =
    reason === 'access_removed'
      ? { to: '/', label: t('streamEnded.home') }
      : guest
        ? { to: '/join', label: t('streamEnded.join') }
        : { to: '/sign-in', label: t('streamEnded.signIn') };
  return (
    <div className="card ex-removed" role="alert">
      <h1>{t(`streamEnded.${reason}Title`)}</h1>
      <p>{t(`streamEnded.${reason}`)}</p>
      <p>
        <Link to={next.to}>{next.label}</Link>
      </p>
    </div>
  );
}
