import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../api/client';
import { useCurrentUser } from '../auth/guards';
import { apiErrorText } from '../components/ApiError';
import { Field } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { LANGUAGES } from '../i18n';
import { useCreateWorkshop, useStaffUsers, useWorkshops, type Workshop, type WorkshopInput } from '../exercise/api';
import '../exercise/exercise.css';

export function formatDates(w: Pick<Workshop, 'starts_on' | 'ends_on'>): string {
  if (w.starts_on && w.ends_on && w.starts_on !== w.ends_on) return `${w.starts_on} – ${w.ends_on}`;
  return w.starts_on || w.ends_on || '';
}

/** Workshops the signed-in staff member may run; admins also create them. */
export function WorkshopsPage() {
  const { t } = useTranslation('exercise');
  const user = useCurrentUser();
  const workshops = useWorkshops();
  const [created, setCreated] = useState<Workshop | null>(null);

  return (
    <>
      <PageTitle>{t('workshops.title')}</PageTitle>
      <p className="muted">{user.role === 'admin' ? t('workshops.introAdmin') : t('workshops.introFacilitator')}</p>
      <div role="status" aria-live="polite">
        {created && <div className="alert success">{t('workshops.created', { title: created.title })}</div>}
      </div>
      <section className="card" aria-labelledby="workshops-list">
        <h2 id="workshops-list">{t('workshops.list')}</h2>
        {workshops.isPending && <p role="status">{t('common.loading')}</p>}
        {workshops.isError && (
          <p role="alert" className="alert error">
            {t('common.loadFailed', { message: workshops.error.message })}
          </p>
        )}
        {workshops.data?.length === 0 && <p>{t('workshops.empty')}</p>}
        {workshops.data && workshops.data.length > 0 && (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('workshops.fields.title')}</th>
                  <th scope="col">{t('workshops.fields.host')}</th>
                  <th scope="col">{t('workshops.fields.place')}</th>
                  <th scope="col">{t('workshops.fields.dates')}</th>
                </tr>
              </thead>
              <tbody>
                {workshops.data.map((w) => (
                  <tr key={w.id}>
                    <th scope="row">
                      <Link to={`/workshops/${w.id}`}>{w.title}</Link>
                    </th>
                    <td>{w.host_organisation}</td>
                    <td>{w.place}</td>
                    <td>{formatDates(w)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {user.role === 'admin' && <CreateWorkshopForm onCreated={setCreated} />}
    </>
  );
}

interface WorkshopForm {
  title: string;
  host_organisation: string;
  place: string;
  starts_on: string;
  ends_on: string;
  language: NonNullable<WorkshopInput['language']>;
  participants: string;
  facilitator_ids: string[];
}

function CreateWorkshopForm({ onCreated }: { onCreated: (w: Workshop) => void }) {
  const { t } = useTranslation('exercise');
  const create = useCreateWorkshop();
  const users = useStaffUsers(true);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<WorkshopForm>({
    defaultValues: {
      title: '',
      host_organisation: '',
      place: '',
      starts_on: '',
      ends_on: '',
      language: 'en',
      participants: '',
      facilitator_ids: [],
    },
  });

  const onSubmit = handleSubmit((v) => {
    setFormError(null);
    create.mutate(
      {
        title: v.title.trim(),
        host_organisation: v.host_organisation.trim(),
        place: v.place.trim(),
        starts_on: v.starts_on,
        ends_on: v.ends_on,
        language: v.language,
        participants: v.participants
          .split(/[\n,;]/)
          .map((s) => s.trim())
          .filter(Boolean),
        facilitator_ids: (v.facilitator_ids || []).map(Number),
      },
      {
        onSuccess: (w) => {
          reset();
          onCreated(w);
        },
        onError: (err) => {
          if (isApiError(err)) {
            for (const [k, msg] of Object.entries(err.fields)) {
              if (k in v) setError(k as keyof WorkshopForm, { type: 'server', message: msg });
            }
          }
          setFormError(apiErrorText(err, 'none'));
        },
      },
    );
  });

  const candidates = (users.data ?? []).filter((u) => !u.disabled);
  return (
    <section className="card" aria-labelledby="create-workshop">
      <h2 id="create-workshop">{t('workshops.create')}</h2>
      {formError && (
        <div className="alert error" role="alert">
          {formError}
        </div>
      )}
      <form className="grid-form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <Field label={t('workshops.fields.title')} error={errors.title?.message}>
          <input type="text" {...register('title', { required: t('common.required') })} />
        </Field>
        <Field label={t('workshops.fields.host')} error={errors.host_organisation?.message}>
          <input type="text" {...register('host_organisation')} />
        </Field>
        <Field label={t('workshops.fields.place')} error={errors.place?.message}>
          <input type="text" {...register('place')} />
        </Field>
        <Field label={t('workshops.fields.startsOn')} error={errors.starts_on?.message}>
          <input type="date" {...register('starts_on')} />
        </Field>
        <Field label={t('workshops.fields.endsOn')} error={errors.ends_on?.message}>
          <input type="date" {...register('ends_on')} />
        </Field>
        <Field label={t('workshops.fields.language')} error={errors.language?.message}>
          <select {...register('language')}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={t('workshops.fields.participants')}
          hint={t('workshops.fields.participantsHint')}
          error={errors.participants?.message}
        >
          <textarea rows={3} {...register('participants')} />
        </Field>
        <fieldset className="ex-fieldset">
          <legend>{t('workshops.fields.facilitators')}</legend>
          {users.isPending && <p role="status">{t('common.loading')}</p>}
          {candidates.map((u) => (
            <label key={u.id} className="ex-check">
              <input type="checkbox" value={String(u.id)} {...register('facilitator_ids')} /> {u.name || u.email}{' '}
              <span className="muted">({u.email})</span>
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={create.isPending}>
            {t('workshops.createSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
