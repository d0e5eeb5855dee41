import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The page's h1; also sets document.title. Focusable so route changes can move focus here. */
export function PageTitle({ children }: { children: string }) {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = `${children} · ${appName}`;
  }, [children, appName]);
  return (
    <h1 tabIndex={-1} data-page-title="">
      {children}
    </h1>
  );
}
