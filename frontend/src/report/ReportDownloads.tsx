import { useTranslation } from 'react-i18next';
import { reportFileUrl } from './api';

/**
 * The report as the server prints it — PDF and Word — in the language shown, with the reader's
 * own copy (a team's file holds only what its web report shows).
 */
export function ReportDownloads({ id, lang }: { id: number; lang?: string | undefined }) {
  const { t } = useTranslation('report');
  return (
    <>
      <a className="button secondary" href={reportFileUrl(id, 'pdf', lang)} download aria-label={t('documents.pdfLabel')}>
        {t('documents.pdf')}
      </a>
      <a className="button secondary" href={reportFileUrl(id, 'docx', lang)} download aria-label={t('documents.wordLabel')}>
        {t('documents.word')}
      </a>
    </>
  );
}
