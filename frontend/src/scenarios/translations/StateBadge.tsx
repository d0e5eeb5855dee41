import { useTranslation } from 'react-i18next';
import type { TextState } from './api';

const ICON: Record<TextState, string> = { done: '✓', stale: '!', missing: '○' };

/** A text's state in words, with a mark and a colour besides (never by colour alone). */
export function StateBadge({ state }: { state: TextState }) {
  const { t } = useTranslation();
  return (
    <span className={`tr-state tr-state-${state}`}>
      <span aria-hidden="true" className="tr-state-icon">
        {ICON[state]}
      </span>{' '}
      {t(`translations.state.${state}`)}
    </span>
  );
}
