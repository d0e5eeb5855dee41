import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../stream';

/** Says whether the live stream is connected; it recovers by itself. */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const { t } = useTranslation('exercise');
  return (
    <span className={`ex-conn ex-conn-${state}`} role="status" data-state={state}>
      <span className="ex-conn-dot" aria-hidden="true" />
      {t(`connection.${state}`)}
    </span>
  );
}
