import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useParams } from 'react-router';
import { RequireAuth } from '../auth/guards';
import { asGuestSession } from '../auth/guest';
import { useSession } from '../auth/session';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { Layout } from '../shell/Layout';

/**
 * The frame of the after-action report: staff get the app shell; a participant or an
 * observer of this exercise gets the guest frame (no staff navigation) with a way back to
 * their room or observer view. The server decides what their copy holds (nothing before
 * publication).
 */
export function ReportGate() {
  const { t } = useTranslation('report');
  const session = useSession();
  const id = Number(useParams().id);
  if (session.isPending) return <p role="status" className="full-page-status">{t('loading')}</p>;
  const guest = session.data ? asGuestSession(session.data) : null;
  if (!guest) {
    return (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    );
  }
  const home = guest.role === 'observer' ? 'observe' : 'room';
  if (guest.participant.exercise_id !== id) {
    return <Navigate to={`/exercises/${guest.participant.exercise_id}/${home}`} replace />;
  }
  return (
    <div className="shell ex-guest">
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">cbmex</span>
        </div>
        <div className="topbar-tools">
          <Link to={`/exercises/${id}/${home}`} className="button secondary">
            {t('report.backToRoom')}
          </Link>
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
