import { useTranslation } from 'react-i18next';
import { catalogueOf, useCBMs } from '../../api/scenarios';

/**
 * The sixteen CBMs in plain language. Participants see the summaries only; the
 * facilitators' guidance (what to watch for) is shown with `guidance`. A note
 * first says what kind of measures they are: voluntary, politically (not
 * legally) binding.
 */
export function CbmReference({ guidance = false }: { guidance?: boolean }) {
  const { t } = useTranslation('exercise');
  const cbms = useCBMs();
  const cat = catalogueOf(cbms.data);
  const items = cat?.items ?? [];
  return (
    <details className="card msg-cbm-reference">
      <summary>
        <h2>{t('messages.reference')}</h2>
      </summary>
      <p className="muted">{t('cbmReference.note')}</p>
      {cbms.isPending && <p role="status">{t('common.loading')}</p>}
      <dl className="msg-reference-list">
        {items.map((it) => (
          <div key={it.key} data-cbm={it.key}>
            <dt>{t('messages.cbmTitle', { key: it.key, title: it.title })}</dt>
            <dd>
              {it.summary}
              {it.decision && <span className="muted"> ({it.decision})</span>}
              {guidance && it.guidance && <p className="msg-guidance">{it.guidance}</p>}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
