import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitcher } from './LanguageSwitcher';
import { PageTitle } from './PageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="standalone">
      <header className="standalone-header">
        <span className="brand-name">{t('app.name')}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="card notice">
        <PageTitle>{t('notFound.title')}</PageTitle>
        <p>{t('notFound.body')}</p>
        <p>
          <Link to="/">{t('notFound.back')}</Link>
        </p>
      </main>
    </div>
  );
}
