import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutboxItems } from './hooks';
import { outboxFor } from './outbox';
import './outbox.css';

/**
 * The writes that wait for the connection, each with what it is and a way to discard
 * it. Nothing while the outbox is empty or its writes are on their first try.
 */
export function OutboxList({ exerciseId }: { exerciseId: number }) {
  const { t } = useTranslation('exercise');
  const id = useId();
  const items = useOutboxItems(exerciseId).filter((i) => i.queued);
  if (items.length === 0) return null;
  return (
    <section className="card ex-outbox" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('outbox.title', { count: items.length })}</h2>
      <p className="muted">{t('outbox.hint')}</p>
      <ul className="ex-outbox-list">
        {items.map((item) => {
          const what = t(`outbox.kind.${item.kind}`);
          return (
            <li key={item.key} data-outbox-kind={item.kind}>
              <span className="ex-badge">{what}</span> {item.label && <bdi className="ex-outbox-label">{item.label}</bdi>}
              <span className={item.refused ? 'field-error ex-outbox-state' : 'muted ex-outbox-state'}>
                {item.refused ? t('outbox.refused', { reason: item.refused }) : t('outbox.waiting')}
              </span>
              <button
                type="button"
                className="button small secondary"
                aria-label={t('outbox.discardLabel', { what: item.label || what })}
                onClick={() => void outboxFor(exerciseId).discard(item.key)}
              >
                {t('outbox.discard')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Above the room when it shows reads kept from before: the page opened without network. */
export function OfflineCopyNote() {
  const { t } = useTranslation('exercise');
  return (
    <p className="alert info ex-offline-copy" role="status">
      {t('outbox.offlineCopy')}
    </p>
  );
}
