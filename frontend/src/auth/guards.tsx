import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role, User } from '../api/types';
import { ForbiddenPage } from '../components/ForbiddenPage';
import { guestHome } from './guest';
import { lastSessionEnd, useSession, wasSignedOutOnPurpose } from './session';

// The signed-in user, provided by RequireAuth. A context (rather than each page reading
// the session query) keeps pages from rendering without a user in the moment between a
// 401 and the redirect to sign-in.
const CurrentUserContext = createContext<User | null>(null);

function FullPageStatus({ children }: { children: ReactNode }) {
  return <div className="full-page-status">{children}</div>;
}

/**
 * Renders `children` (the route's outlet by default) for a signed-in user, who is then
 * known to useCurrentUser; otherwise sends the browser to sign-in.
 */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();

  if (session.isPending) {
    return (
      <FullPageStatus>
        <p role="status">{t('common.loading')}</p>
      </FullPageStatus>
    );
  }
  if (session.isError) {
    return (
      <FullPageStatus>
        <p role="alert">{t('common.loadFailed', { message: session.error.message })}</p>
        <button type="button" className="button" onClick={() => void session.refetch()}>
          {t('common.retry')}
        </button>
      </FullPageStatus>
    );
  }
  if (!session.data) {
    const state = wasSignedOutOnPurpose() ? null : { from: location.pathname + location.search, ended: lastSessionEnd() };
    return <Navigate to="/sign-in" replace state={state} />;
  }
  // Participants and observers (joined with a code) have no account: only their exercise.
  const guestPath = guestHome(session.data);
  const user = session.data.user;
  if (guestPath || !user) return <Navigate to={guestPath ?? '/sign-in'} replace />;
  return (
    <CurrentUserContext.Provider value={user}>
      {children ?? <Outlet />}
    </CurrentUserContext.Provider>
  );
}

/** The signed-in user. Only valid below RequireAuth. */
export function useCurrentUser(): User {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser used outside RequireAuth');
  return user;
}

/** Shows `children` only to users whose role is in `roles`; others get a refusal page. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const user = useCurrentUser();
  if (!roles.includes(user.role)) return <ForbiddenPage />;
  return <>{children}</>;
}
