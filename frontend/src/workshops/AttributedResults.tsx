import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/guards';
import { splitFieldErrors } from '../components/ApiError';
import { formatDateTime } from '../components/dates';
import { Field } from '../components/Field';
import type { Workshop } from '../exercise/api';
import { useUpdateWorkshop } from './api';

/** The shortest and longest reason the server takes (workshop.validate). */
const MIN_REASON = 10;
const MAX_REASON = 1000;

/**
 * Attributed results: off by default (reports, CSVs and the dashboard speak of the
 * scenario's roles, never of real delegations). An admin may turn them on for the
 * workshop with a reason, which the report shows with who turned them on and when.
 */
export function AttributedResults({ workshop }: { workshop: Workshop }) {
  const { t, i18n } = useTranslation('exercise');
  const user = useCurrentUser();
  const a = workshop.attribution;
  return (
    <section className="card" aria-labelledby="attribution-title" data-attributed={a ? 'yes' : 'no'}>
      <h2 id="attribution-title">{t('duties.attribution.title')}</h2>
      {a ? (
        <>
          <p>
            <span className="ex-badge">{t('duties.attribution.on')}</span> {t('duties.attribution.onHint')}
          </p>
          <dl className="ex-attribution">
            <dt>{t('duties.attribution.reason')}</dt>
            <dd className="ex-pre">{a.reason}</dd>
            <dt>{t('duties.attribution.turnedOn')}</dt>
            <dd>{t('duties.attribution.byAt', { by: a.by || '—', at: formatDateTime(a.at, i18n.language) })}</dd>
          </dl>
        </>
      ) : (
        <p>
          <span className="ex-badge">{t('duties.attribution.off')}</span> {t('duties.attribution.offHint')}
        </p>
      )}
      {user.role === 'admin' && <AttributionForm key={a ? 'on' : 'off'} workshop={workshop} />}
    </section>
  );
}

function AttributionForm({ workshop }: { workshop: Workshop }) {
  const { t } = useTranslation('exercise');
  const update = useUpdateWorkshop(workshop.id);
  const on = workshop.attribution !== null;
  const [reason, setReason] = useState(workshop.attribution?.reason ?? '');
  const [error, setError] = useState<string | undefined>();
  const [banner, setBanner] = useState('');
  const refused = (err: unknown) => {
    const split = splitFieldErrors(err, ['attribution_reason'] as const);
    setError(split.fields.attribution_reason);
    setBanner(split.banner);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < MIN_REASON) {
      setError(t('duties.attribution.reasonRequired'));
      return;
    }
    setError(undefined);
    setBanner('');
    update.mutate({ attributed_results: true, attribution_reason: reason.trim() }, { onError: refused });
  };
  const turnOff = () => {
    if (!window.confirm(t('duties.attribution.offConfirm'))) return;
    setBanner('');
    update.mutate({ attributed_results: false }, { onError: refused });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('duties.attribution.title')}>
      {banner && (
        <p className="alert error" role="alert">
          {banner}
        </p>
      )}
      <Field label={t('duties.attribution.reason')} hint={t('duties.attribution.reasonHint')} error={error}>
        <textarea rows={3} value={reason} required maxLength={MAX_REASON} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={update.isPending}>
          {on ? t('duties.attribution.saveReason') : t('duties.attribution.turnOn')}
        </button>
        {on && (
          <button type="button" className="button danger" disabled={update.isPending} onClick={turnOff}>
            {t('duties.attribution.turnOff')}
          </button>
        )}
      </div>
    </form>
  );
}
