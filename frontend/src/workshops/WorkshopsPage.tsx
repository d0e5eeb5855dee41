import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '../auth/guards';
import { applyServerErrors } from '../components/ApiError';
import { formatDay, formatDayRange, parseDay } from '../components/dates';
import { Field } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { LANGUAGES } from '../i18n';
import { useCreateWorkshop, useStaffUsers, useWorkshops, type Workshop, type WorkshopInput } from '../exercise/api';
import '../exercise/exercise.css';

/** A workshop's days in the UI language ("2–3 Mar 2026", "2–3 мар. 2026 г."), not ISO dates. */
export function formatDates(w: Pick<Workshop, 'starts_on' | 'ends_on'>, lang: string): string {
  return formatDayRange(w.starts_on ?? '', w.ends_on ?? '', lang);
}

/** Workshops the signed-in staff member may run; admins also create them. */
export function WorkshopsPage() {
  const { t, i18n } = useTranslation('exercise');
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
                    <td>{formatDates(w, i18n.language)}</td>
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

/** The server's limits (backend/internal/workshop/workshop.go validate). */
const MAX_TITLE = 200;
const MAX_PARTICIPANTS = 60;
const MAX_PARTICIPANT_NAME = 200;

const WORKSHOP_FIELDS = ['title', 'host_organisation', 'place', 'starts_on', 'ends_on', 'language', 'participants', 'facilitator_ids'] as const;

/** The participating States and organisations typed one per line (or separated by commas). */
function participantNames(text: string): string[] {
  return text
    .split(/[\n,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
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
  const { t, i18n } = useTranslation('exercise');
  const create = useCreateWorkshop();
  const users = useStaffUsers(true);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    control,
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
        participants: participantNames(v.participants),
        facilitator_ids: (v.facilitator_ids || []).map(Number),
      },
      {
        onSuccess: (w) => {
          reset();
          onCreated(w);
        },
        onError: (err) => setFormError(applyServerErrors(err, WORKSHOP_FIELDS, setError)),
      },
    );
  });

  const candidates = (users.data ?? []).filter((u) => !u.disabled);
  const ids = useId();
  // The chosen day written out in the UI language: the browser's date picker follows
  // the browser's language, which may not be the one the facilitator reads.
  const [startsOn, endsOn] = useWatch({ control, name: ['starts_on', 'ends_on'] });
  const dayHint = (day: string) => (parseDay(day) ? formatDay(day, i18n.language, 'full') : undefined);
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
          <input
            type="text"
            maxLength={MAX_TITLE}
            {...register('title', {
              required: t('common.required'),
              maxLength: { value: MAX_TITLE, message: t('limits.tooLong', { max: MAX_TITLE }) },
            })}
          />
        </Field>
        <Field label={t('workshops.fields.host')} error={errors.host_organisation?.message}>
          <input type="text" {...register('host_organisation')} />
        </Field>
        <Field label={t('workshops.fields.place')} error={errors.place?.message}>
          <input type="text" {...register('place')} />
        </Field>
        <Field label={t('workshops.fields.startsOn')} hint={dayHint(startsOn)} error={errors.starts_on?.message}>
          <input type="date" lang={i18n.language} {...register('starts_on')} />
        </Field>
        <Field label={t('workshops.fields.endsOn')} hint={dayHint(endsOn)} error={errors.ends_on?.message}>
          <input
            type="date"
            lang={i18n.language}
            {...register('ends_on', {
              validate: (end, v) => !end || !v.starts_on || end >= v.starts_on || t('limits.endsBeforeStart'),
            })}
          />
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
          <textarea
            rows={3}
            {...register('participants', {
              validate: (text) => {
                const names = participantNames(text);
                if (names.length > MAX_PARTICIPANTS) return t('limits.tooManyParticipants', { max: MAX_PARTICIPANTS });
                const long = names.find((n) => [...n].length > MAX_PARTICIPANT_NAME);
                return long ? t('limits.participantTooLong', { max: MAX_PARTICIPANT_NAME, name: `${[...long].slice(0, 30).join('')}…` }) : true;
              },
            })}
          />
        </Field>
        <fieldset className="ex-fieldset ex-people-picker" aria-describedby={errors.facilitator_ids ? `${ids}-fac-error` : undefined}>
          <legend>{t('workshops.fields.facilitators')}</legend>
          {users.isPending && <p role="status">{t('common.loading')}</p>}
          <div className="ex-people-options">
            {candidates.map((u) => (
              <label key={u.id} className="ex-check">
                <input
                  type="checkbox"
                  value={String(u.id)}
                  aria-invalid={errors.facilitator_ids ? true : undefined}
                  {...register('facilitator_ids')}
                />
                <span>
                  {u.name || u.email} <span className="muted">({u.email})</span>
                </span>
              </label>
            ))}
          </div>
          {errors.facilitator_ids && (
            <p className="field-error" id={`${ids}-fac-error`}>
              {errors.facilitator_ids.message}
            </p>
          )}
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
