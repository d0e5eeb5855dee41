import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useCurrentUser } from '../auth/guards';
import { PageTitle } from '../components/PageTitle';
import { exerciseKeys, useWorkshops, type ExerciseSummary, type Workshop } from '../exercise/api';

/** How many of the newest workshops home looks into for exercises to open. */
const RECENT = 6;

type Listed = { workshop: Workshop; exercise: ExerciseSummary };

/** The exercises of the newest workshops, by what a facilitator does next with them. */
function useNextExercises() {
  const workshops = useWorkshops();
  const recent = (workshops.data ?? []).slice(0, RECENT);
  const details = useQueries({
    queries: recent.map((w) => ({
      queryKey: exerciseKeys.workshop(w.id),
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get('/workshops/{id}', { path: { id: w.id }, signal }),
    })),
  });
  const all: Listed[] = details.flatMap(({ data }) => (data ? data.exercises.map((exercise) => ({ workshop: data.workshop, exercise })) : []));
  const by = (...statuses: string[]) => all.filter((x) => statuses.includes(x.exercise.clock.status));
  return {
    workshops,
    loading: workshops.isPending || details.some((d) => d.isPending),
    live: by('running', 'paused'),
    ready: by('draft'),
    ended: by('ended'),
  };
}

/**
 * Home says where to go next: the exercises running now, those ready to start (on a
 * new installation, the demonstration workshop's tutorial), those that ended and wait
 * for scoring, and the path to a first exercise of one's own.
 */
export function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const next = useNextExercises();
  const none = !next.loading && next.workshops.data?.length === 0;
  return (
    <>
      <PageTitle>{t('home.title')}</PageTitle>
      <section className="card">
        <p className="lead">{t('home.welcome', { name: user.name || user.email })}</p>
        <p>{t('home.role', { role: t(`roles.${user.role}`) })}</p>
        <p>{t('home.intro')}</p>
      </section>
      {next.loading && <p role="status">{t('home.loading')}</p>}
      <ExerciseList id="home-live" title={t('home.live')} items={next.live} action={t('home.openConsole')} to={(id) => `/exercises/${id}/console`} />
      <ExerciseList
        id="home-ready"
        title={t('home.ready')}
        hint={t('home.readyHint')}
        items={next.ready}
        action={t('home.openConsole')}
        to={(id) => `/exercises/${id}/console`}
      />
      <ExerciseList
        id="home-ended"
        title={t('home.ended')}
        hint={t('home.endedHint')}
        items={next.ended}
        action={t('home.score')}
        to={(id) => `/exercises/${id}/scoring`}
      />
      {none && (
        <section className="card" aria-labelledby="home-none">
          <h2 id="home-none">{t('home.noWorkshops')}</h2>
          <p>{user.role === 'admin' ? t('home.noWorkshopsAdmin') : t('home.noWorkshopsFacilitator')}</p>
        </section>
      )}
      <FirstExercise admin={user.role === 'admin'} />
    </>
  );
}

function ExerciseList({
  id,
  title,
  hint,
  items,
  action,
  to,
}: {
  id: string;
  title: string;
  hint?: string;
  items: Listed[];
  action: string;
  to: (exerciseId: number) => string;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {hint && <p className="muted">{hint}</p>}
      <ul className="home-list">
        {items.map(({ workshop, exercise }) => (
          <li key={exercise.id}>
            <Link to={to(exercise.id)}>
              {action}: <bdi>{exercise.title}</bdi>
            </Link>{' '}
            <span className="muted">
              {t('home.inWorkshop')} <Link to={`/workshops/${workshop.id}`}><bdi>{workshop.title}</bdi></Link>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The steps from nothing to a published report, each with where it is done. */
function FirstExercise({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="home-first">
      <h2 id="home-first">{t('home.firstTitle')}</h2>
      <ol className="home-steps">
        <li>
          <Link to="/scenarios">{t('home.stepScenario')}</Link>
        </li>
        <li>
          <Link to="/workshops">{admin ? t('home.stepWorkshopAdmin') : t('home.stepWorkshop')}</Link>
        </li>
        <li>{t('home.stepExercise')}</li>
        <li>{t('home.stepCodes')}</li>
        <li>{t('home.stepRun')}</li>
        <li>{t('home.stepReport')}</li>
      </ol>
      {admin && (
        <p>
          <Link to="/users">{t('home.manageAccounts')}</Link>
        </p>
      )}
    </section>
  );
}
