import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/guards';
import { splitFieldErrors } from '../components/ApiError';
import { Field } from '../components/Field';
import type { Workshop } from '../exercise/api';
import { useUpdateWorkshop } from './api';

/** The server's limits (backend/internal/workshop/workshop.go documentFields). */
const MAX_CLASSIFICATION = 120;
const MAX_ORGANISER = 200;
const MAX_PLACE = 200;

const FIELDS = ['classification', 'place', 'organiser'] as const;

/**
 * What the server prints on the workshop's documents (report, situation manual, facilitator
 * guide, certificates): the classification line at the top of every page, the place and the
 * organiser. Everyone on the workshop reads them; an administrator edits them.
 */
export function DocumentSettings({ workshop }: { workshop: Workshop }) {
  const { t } = useTranslation('exercise');
  const user = useCurrentUser();
  const none = t('workshopDocuments.none');
  return (
    <section className="card" aria-labelledby="workshop-documents-title">
      <h2 id="workshop-documents-title">{t('workshopDocuments.title')}</h2>
      <p className="muted">{t('workshopDocuments.hint')}</p>
      {user.role === 'admin' ? (
        <SettingsForm key={workshop.id} workshop={workshop} />
      ) : (
        <dl className="ex-attribution">
          <dt>{t('workshopDocuments.classification')}</dt>
          <dd>{workshop.classification || none}</dd>
          <dt>{t('workshopDocuments.place')}</dt>
          <dd>{workshop.place || none}</dd>
          <dt>{t('workshopDocuments.organiser')}</dt>
          <dd>{workshop.organiser || none}</dd>
        </dl>
      )}
    </section>
  );
}

function SettingsForm({ workshop }: { workshop: Workshop }) {
  const { t } = useTranslation('exercise');
  const update = useUpdateWorkshop(workshop.id);
  const [values, setValues] = useState({
    classification: workshop.classification,
    place: workshop.place,
    organiser: workshop.organiser,
  });
  const server = update.error ? splitFieldErrors(update.error, FIELDS) : null;
  const set = (k: (typeof FIELDS)[number]) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({
      classification: values.classification.trim(),
      place: values.place.trim(),
      organiser: values.organiser.trim(),
    });
  };

  return (
    <form className="grid-form" onSubmit={submit} noValidate aria-label={t('workshopDocuments.title')}>
      {server?.banner && (
        <p className="alert error" role="alert">
          {server.banner}
        </p>
      )}
      <Field label={t('workshopDocuments.classification')} hint={t('workshopDocuments.classificationHint')} error={server?.fields.classification}>
        <input type="text" value={values.classification} maxLength={MAX_CLASSIFICATION} onChange={set('classification')} />
      </Field>
      <Field label={t('workshopDocuments.place')} error={server?.fields.place}>
        <input type="text" value={values.place} maxLength={MAX_PLACE} onChange={set('place')} />
      </Field>
      <Field label={t('workshopDocuments.organiser')} hint={t('workshopDocuments.organiserHint')} error={server?.fields.organiser}>
        <input type="text" value={values.organiser} maxLength={MAX_ORGANISER} onChange={set('organiser')} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={update.isPending}>
          {t('workshopDocuments.save')}
        </button>
        {update.isSuccess && <span role="status">{t('workshopDocuments.saved')}</span>}
      </div>
    </form>
  );
}
