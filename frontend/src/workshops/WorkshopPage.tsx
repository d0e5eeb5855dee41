import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCurrentUser } from '../auth/guards';
import { splitFieldErrors } from '../components/ApiError';
import { Field } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { useCreateExercise, useScenarioChoices, useWorkshop } from '../exercise/api';
import { formatHms } from '../exercise/clock';
import { ContactCheckSection } from '../contacts/ContactCheckSection';
import { AttributedResults } from './AttributedResults';
import { AttendanceSection, SurveySection } from '../survey/WorkshopSections';
import { DocumentSettings } from './DocumentSettings';
import { StaffDuties } from './StaffDuties';
import { formatDates } from './WorkshopsPage';
import '../exercise/exercise.css';

/**
 * One workshop: its exercises, a form to make a new exercise from a scenario (not for
 * evaluators: setting up the timeline is the controllers', backend/internal/workshop/duties.go),
 * its staff's duties and whether results are attributed.
 */
export function WorkshopPage() {
  const { t, i18n } = useTranslation('exercise');
  const id = Number(useParams().id);
  const workshop = useWorkshop(id);
  const user = useCurrentUser();

  if (workshop.isPending) return <p role="status">{t('common.loading')}</p>;
  if (workshop.isError) {
    return (
      <div className="alert error" role="alert">
        {t('common.loadFailed', { message: workshop.error.message })}
      </div>
    );
  }
  const { workshop: w, exercises } = workshop.data;
  return (
    <>
      <PageTitle>{w.title}</PageTitle>
      <p className="muted">
        {[w.host_organisation, w.place, formatDates(w, i18n.language)].filter(Boolean).join(' · ')}
        {w.participants.length > 0 && <> · {t('workshops.states', { states: w.participants.join(', ') })}</>}
      </p>
      <p>
        <Link to="/workshops">{t('workshops.back')}</Link>
      </p>
      <section className="card" aria-labelledby="exercises-title">
        <h2 id="exercises-title">{t('workshops.exercises')}</h2>
        {exercises.length === 0 ? (
          <p>{t('workshops.noExercises')}</p>
        ) : (
          <ul className="ex-list">
            {exercises.map((x) => (
              <li key={x.id}>
                <Link to={`/exercises/${x.id}/console`}>{x.title || `#${x.id}`}</Link>{' '}
                <span className={`ex-badge ex-status-${x.clock.status}`}>{t(`clock.status.${x.clock.status}`)}</span>{' '}
                <span className="muted">{formatHms(x.clock.offset_seconds)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {(user.role === 'admin' || w.staff.find((s) => s.user_id === user.id)?.duty !== 'evaluator') && (
        <NewExerciseForm workshopId={id} />
      )}
      <ContactCheckSection
        workshop={id}
        canAdd={user.role === 'admin' || w.staff.find((s) => s.user_id === user.id)?.duty !== 'evaluator'}
      />
      <SurveySection workshop={w} />
      <AttendanceSection workshop={w} />
      <StaffDuties workshop={w} />
      <AttributedResults workshop={w} />
      <DocumentSettings workshop={w} />
    </>
  );
}

/** The server's limit (backend/internal/exercise/service.go Create). */
const MAX_EXERCISE_TITLE = 200;

function NewExerciseForm({ workshopId }: { workshopId: number }) {
  const { t } = useTranslation('exercise');
  const scenarios = useScenarioChoices();
  const create = useCreateExercise(workshopId);
  const navigate = useNavigate();
  const [scenario, setScenario] = useState('');
  const [title, setTitle] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const server = create.error ? splitFieldErrors(create.error, ['scenario_id', 'title'] as const) : null;
  const scenarioError = missing ?? server?.fields.scenario_id;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!scenario) {
      create.reset();
      setMissing(t('exercises.pickScenario'));
      return;
    }
    setMissing(undefined);
    create.mutate({ scenario_id: scenario, title: title.trim() }, { onSuccess: (x) => void navigate(`/exercises/${x.id}/console`) });
  };

  return (
    <section className="card" aria-labelledby="new-exercise">
      <h2 id="new-exercise">{t('exercises.new')}</h2>
      {server?.banner && (
        <div className="alert error" role="alert">
          {server.banner}
        </div>
      )}
      <form className="grid-form" onSubmit={submit} noValidate>
        <Field label={t('exercises.scenario')} error={scenarioError}>
          <select value={scenario} onChange={(e) => setScenario(e.target.value)}>
            <option value="">{t('exercises.chooseScenario')}</option>
            {(scenarios.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.title} (v{s.version})
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('exercises.title')} error={server?.fields.title}>
          <input type="text" value={title} maxLength={MAX_EXERCISE_TITLE} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={create.isPending}>
            {t('exercises.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
