import { useTranslation } from 'react-i18next';
import type { XliffProblem } from './api';

/**
 * The units of an imported XLIFF file that could not be used, each with its line,
 * column and unit id (the text key), like the problem list of a scenario file.
 */
export function XliffProblemList({ problems }: { problems: readonly XliffProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <ul className="problem-list" aria-label={t('translations.upload.problems', { count: problems.length })}>
      {problems.map((p, i) => (
        <li key={`${i}-${p.line}-${p.column}`} data-line={p.line}>
          {p.unit ? (
            <>
              {t('translations.upload.problemAt', { line: p.line, column: p.column })}, {t('translations.upload.unit')}{' '}
              <code className="mono">{p.unit}</code>: {p.message}
            </>
          ) : (
            <>
              {t('translations.upload.problemAt', { line: p.line, column: p.column })}: {p.message}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
