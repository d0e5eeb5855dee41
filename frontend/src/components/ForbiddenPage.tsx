import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from './PageTitle';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <section className="card notice">
      <PageTitle>{t('forbidden.title')}</PageTitle>
      <p>{t('forbidden.body')}</p>
      <p>
        <Link to="/">{t('forbidden.back')}</Link>
      </p>
    </section>
  );
}
