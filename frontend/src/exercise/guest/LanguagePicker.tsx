import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../components/ApiError';
import { LANGUAGES } from '../../i18n';
import { setReadingLanguage, useExercise } from '../api';
import { isLanguage, useUiLanguage, type Language } from '../language';

/**
 * A participant's or observer's language: the exercise's content and the screens. A change
 * is stored on the server first (their next reads and their stream use it), then the UI
 * follows; the pages then read the exercise and its stream again in it (live.ts). When the
 * page opens, the UI takes the language stored on the server (chosen when joining, maybe
 * on another screen).
 */
export function LanguagePicker({ exerciseId }: { exerciseId: number }) {
  const { t, i18n } = useTranslation('exercise');
  const id = useId();
  const qc = useQueryClient();
  const ui = useUiLanguage();
  const stored = useExercise(exerciseId).data?.viewer.language;
  const [pending, setPending] = useState<Language | null>(null);
  const [error, setError] = useState<string | null>(null);
  const synced = useRef(false);

  // Once, when the exercise first loads: later answers may still carry the old language
  // while a change is being read again.
  useEffect(() => {
    if (synced.current || !stored) return;
    synced.current = true;
    if (stored !== ui) void i18n.changeLanguage(stored);
  }, [stored, ui, i18n]);

  const change = (value: string) => {
    if (!isLanguage(value) || value === ui || pending) return;
    setPending(value);
    setError(null);
    synced.current = true;
    setReadingLanguage(exerciseId, value)
      .then(async () => {
        await i18n.changeLanguage(value);
        // The report, when one is open, is in the reader's language too.
        void qc.invalidateQueries({ queryKey: ['exercises', exerciseId, 'report'] });
      })
      .catch((err: unknown) => setError(t('language.changeFailed', { message: apiErrorText(err) })))
      .finally(() => setPending(null));
  };

  return (
    <div className="language-switcher ex-language-picker">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={pending ?? ui}
        aria-busy={pending ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => change(e.target.value)}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
      {error && (
        <span className="ex-language-error" role="alert" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
