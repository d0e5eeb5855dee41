import { useTranslation } from 'react-i18next';
import type { Duty } from '../duty';

/**
 * Tells a controller or an evaluator what their duty leaves to the others, so that a
 * missing button reads as the split of the work, not as a fault. The lead sees nothing.
 */
export function DutyNote({ duty }: { duty: Duty | undefined }) {
  const { t } = useTranslation('exercise');
  if (duty !== 'controller' && duty !== 'evaluator') return null;
  return (
    <p className="notice ex-duty-note" data-duty={duty}>
      <strong>{t(`duties.name.${duty}`)}</strong> — {t(`duties.console.${duty}`)}
    </p>
  );
}
