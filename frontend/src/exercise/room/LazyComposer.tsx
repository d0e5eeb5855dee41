import { Component, lazy, Suspense, type ComponentProps, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Composer as EagerComposer } from './Composer';

const load = () => import('./Composer').then((m) => ({ default: m.Composer }));
let Loaded = lazy(load);

/**
 * The composer, fetched when a participant first opens "New message" or "Reply": most of
 * the room's first load is reading, and the composer with its CBM picker is the room's
 * largest component. The service worker keeps it for a link that drops later; without
 * it (first visit, worker not yet installed), a failed fetch says so and can be tried
 * again, instead of taking the room down.
 */
export function Composer(props: ComponentProps<typeof EagerComposer>) {
  const { t } = useTranslation('exercise');
  return (
    <LoadFailure
      fallback={(retry) => (
        <p role="alert">
          {t('outbox.composerUnavailable')}{' '}
          <button type="button" className="button secondary" onClick={retry}>
            {t('outbox.composerRetry')}
          </button>
        </p>
      )}
    >
      <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
        <Loaded {...props} />
      </Suspense>
    </LoadFailure>
  );
}

/** Catches the lazy import's failure; retry makes a fresh lazy component (React keeps a failed one failed). */
class LoadFailure extends Component<{ fallback: (retry: () => void) => ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  retry = () => {
    Loaded = lazy(load);
    this.setState({ failed: false });
  };

  render() {
    return this.state.failed ? this.props.fallback(this.retry) : this.props.children;
  }
}
