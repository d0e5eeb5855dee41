import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import type { User } from '../api/types';
import { useCurrentUser } from '../auth/guards';
import { useLogout } from '../auth/session';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { navItemsFor } from './nav';

export function Nav({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.label')} className="main-nav">
      <ul>
        {navItemsFor(user.role).map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.to === '/'}>
              {t(item.labelKey)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The signed-in staff's frame: header, navigation and the page. Only valid below RequireAuth. */
export function Layout() {
  // The navigation names the report's dashboard: the staff frame waits for the report's
  // messages too (a participant's room does not load them).
  const { t } = useTranslation(['translation', 'report']);
  const user = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const firstRender = useRef(true);

  // After client-side navigation, move focus to the new page's heading so that
  // screen-reader and keyboard users know the page changed.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main [data-page-title]')?.focus();
  }, [location.pathname]);

  const signOut = () => {
    logout.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) });
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <div className="topbar-tools">
          <LanguageSwitcher />
          <span className="signed-in">
            {t('header.signedInAs', { name: user.name || user.email })}
          </span>
          <button type="button" className="button secondary" onClick={signOut} disabled={logout.isPending}>
            {logout.isPending ? t('header.signingOut') : t('header.signOut')}
          </button>
        </div>
      </header>
      <Nav user={user} />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
