import { lazy, Suspense, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { Composer as EagerComposer } from './Composer';

const Loaded = lazy(() => import('./Composer').then((m) => ({ default: m.Composer })));

/**
 * The composer, fetched when a participant first opens "New message" or "Reply": most of
 * the room's first load is reading, and the composer with its CBM picker is the room's
 * largest component.
 */
export function Composer(props: ComponentProps<typeof EagerComposer>) {
  const { t } = useTranslation('exercise');
  return (
    <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
      <Loaded {...props} />
    </Suspense>
  );
}
