import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS } from './api';
import './survey.css';

export interface AttendanceDetails {
  organisation: string;
  function: string;
  gender: '' | (typeof GENDERS)[number];
}

export const noDetails: AttendanceDetails = { organisation: '', function: '', gender: '' };

/** The server's limit on the organisation and the function (attendance.MaxField). */
const MAX_FIELD = 160;

/**
 * The join form's optional attendance fields: organisation, function and gender (project
 * reporting asks for participation figures by gender; only counts leave the organiser's list).
 */
export function JoinAttendance({ value, onChange }: { value: AttendanceDetails; onChange: (v: AttendanceDetails) => void }) {
  const { t } = useTranslation('exercise');
  const ids = { org: useId(), fn: useId(), gender: useId(), hint: useId() };
  return (
    <fieldset className="sv-join">
      <legend>{t('attendance.legend')}</legend>
      <div className="field">
        <label htmlFor={ids.org}>{t('attendance.organisation')}</label>
        <input
          id={ids.org}
          type="text"
          autoComplete="organization"
          maxLength={MAX_FIELD}
          value={value.organisation}
          onChange={(e) => onChange({ ...value, organisation: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.fn}>{t('attendance.function')}</label>
        <input
          id={ids.fn}
          type="text"
          autoComplete="organization-title"
          maxLength={MAX_FIELD}
          value={value.function}
          onChange={(e) => onChange({ ...value, function: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.gender}>{t('attendance.gender')}</label>
        <select
          id={ids.gender}
          aria-describedby={ids.hint}
          value={value.gender}
          onChange={(e) => onChange({ ...value, gender: e.target.value as AttendanceDetails['gender'] })}
        >
          <option value="">{t('attendance.genderNone')}</option>
          {GENDERS.map((g) => (
            <option key={g} value={g}>
              {t(`attendance.genders.${g}`)}
            </option>
          ))}
        </select>
        <p id={ids.hint} className="field-hint">
          {t('attendance.genderHint')}
        </p>
      </div>
    </fieldset>
  );
}
