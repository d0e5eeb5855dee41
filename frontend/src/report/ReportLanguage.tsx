import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from './api';

/** A language's own name ("русский" → "Русский"), so each reader finds theirs. */
export function autonym(lang: string): string {
  let name = lang;
  try {
    name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  } catch {
    // an engine without Intl.DisplayNames shows the code
  }
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}

/**
 * Which language the scenario's texts of the report are in: those the
 * scenario has. Shown only when it has more than one.
 */
export function ReportLanguage({
  languages,
  value,
  onChange,
}: {
  languages: readonly string[];
  value: string;
  onChange: (lang: Language) => void;
}) {
  const { t } = useTranslation('report');
  const id = useId();
  if (languages.length < 2) return null;
  return (
    <span className="rp-language">
      <label htmlFor={id}>{t('language.label')}</label>{' '}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Language)}>
        {languages.map((l) => (
          <option key={l} value={l} lang={l}>
            {autonym(l)}
          </option>
        ))}
      </select>
    </span>
  );
}
