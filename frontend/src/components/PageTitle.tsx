import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The page's h1; also sets document.title, led by `count` when there is something new
 * ("(2) Valdoria · cbmex"), so a background tab shows it. Focusable so route changes can
 * move focus here.
 */
export function PageTitle({ children, count = 0 }: { children: string; count?: number }) {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = `${count > 0 ? `(${count}) ` : ''}${children} · ${appName}`;
  }, [children, appName, count]);
  return (
    <h1 tabIndex={-1} data-page-title="">
      {children}
    </h1>
  );
}
