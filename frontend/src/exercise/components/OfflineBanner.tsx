import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../stream';

/**
 * Across the room while the live link is down (two heartbeats missed, or the browser
 * reconnecting): what happened and what still works (what is written is kept and sent
 * by the room's outbox when the link is back). It goes when the stream is live.
 */
export function OfflineBanner({ state }: { state: ConnectionState }) {
  const { t } = useTranslation('exercise');
  if (state !== 'offline') return null;
  return (
    <div className="alert error ex-offline" role="alert">
      {t('outbox.banner')}
    </div>
  );
}
