import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/guards';
import { PageTitle } from '../components/PageTitle';

export function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <>
      <PageTitle>{t('home.title')}</PageTitle>
      <section className="card">
        <p className="lead">{t('home.welcome', { name: user.name || user.email })}</p>
        <p>{t('home.role', { role: t(`roles.${user.role}`) })}</p>
        <p>{t('home.intro')}</p>
        <p>{user.role === 'admin' ? t('home.adminHint') : t('home.facilitatorHint')}</p>
      </section>
    </>
  );
}
