import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/client';

/**
 * The problems of a scenario file as a list, "line L, column C: message". With
 * `onSelect`, each item is a button that moves the editor's cursor there.
 */
export function ProblemList({
  problems,
  onSelect,
  id,
}: {
  problems: readonly Problem[];
  onSelect?: (p: Problem) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <ul className="problem-list" id={id} aria-label={t('scenarios.problems.label', { count: problems.length })}>
      {problems.map((p, i) => {
        const text = problemText(t, p);
        return (
          <li key={`${i}-${p.line}-${p.column}`} data-line={p.line}>
            {onSelect ? (
              <button type="button" className="button link problem-link" onClick={() => onSelect(p)}>
                {text}
              </button>
            ) : (
              text
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function problemText(t: (key: string, opts?: Record<string, unknown>) => string, p: Problem): string {
  if (p.line > 0 && p.column > 0) return t('scenarios.problems.at', { line: p.line, column: p.column, message: p.message });
  if (p.line > 0) return t('scenarios.problems.atLine', { line: p.line, message: p.message });
  return p.message;
}
