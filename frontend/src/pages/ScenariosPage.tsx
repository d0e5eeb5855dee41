import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle';

/** Placeholder until scenario management exists. */
export function ScenariosPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('scenarios.title')}</PageTitle>
      <section className="card notice" aria-labelledby="scenarios-soon">
        <h2 id="scenarios-soon">{t('scenarios.comingSoonTitle')}</h2>
        <p>{t('scenarios.comingSoon')}</p>
      </section>
    </>
  );
}
