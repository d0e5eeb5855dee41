import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { sessionQuery } from '../../auth/session';
import { splitFieldErrors } from '../../components/ApiError';
import { Field } from '../../components/Field';
import { PageTitle } from '../../components/PageTitle';
import { LANGUAGES } from '../../i18n';
import { joinExercise } from '../api';
import { isLanguage, useUiLanguage } from '../language';
import type { GuestSession } from '../../auth/guest';
import { JoinAttendance, noDetails } from '../../survey/JoinAttendance';
import '../exercise.css';

type JoinField = 'code' | 'name';
type FieldErrors = Partial<Record<JoinField, string>>;

/** The longest name the server takes (exercise.MaxParticipantName): a title and a ministry fit. */
const MAX_NAME = 160;

/**
 * Public: join an exercise with a team code (or the observer code), a name and the language
 * to read it in. The language field is the page's language too: choosing one shows the
 * page in it, and it is sent with the join; the UI then takes the language the server
 * stored (see LanguagePicker in the room).
 */
export function JoinPage() {
  const { t, i18n } = useTranslation('exercise');
  const language = useUiLanguage();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState(noDetails);
  // Two fields: plain state rather than a form library, which would be the largest
  // script of a participant's first load.
  const [code, setCode] = useState(() => params.get('code') ?? '');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const codeRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  /** Shows the fields' messages; the first field with one takes the focus, which reads it out. */
  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    const first = (['code', 'name'] as const).find((k) => found[k]);
    if (first) (first === 'code' ? codeRef : nameRef).current?.focus();
  };

  const validate = (): FieldErrors => {
    const found: FieldErrors = {};
    if (!code.trim()) found.code = t('common.required');
    if (!name.trim()) found.name = t('common.required');
    else if (name.length > MAX_NAME) found.name = t('join.nameTooLong', { max: MAX_NAME });
    return found;
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const invalid = validate();
    if (Object.keys(invalid).length > 0) {
      showErrors(invalid);
      return;
    }
    setErrors({});
    setBusy(true);
    setError(null);
    try {
      const r = await joinExercise(code.trim(), name.trim(), language, details);
      if (isLanguage(r.language) && r.language !== language) await i18n.changeLanguage(r.language);
      const observer = !r.team;
      const session: GuestSession = {
        role: observer ? 'observer' : 'participant',
        participant: { exercise_id: r.exercise_id, team_id: r.participant.team_id ?? 0 },
        csrf_token: r.csrf_token,
      };
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionQuery.queryKey[0] });
      qc.setQueryData(sessionQuery.queryKey, session as never);
      await navigate(`/exercises/${r.exercise_id}/${observer ? 'observe' : 'room'}`, { replace: true });
    } catch (err) {
      const { fields, banner } = splitFieldErrors(err, ['code', 'name'] as const);
      showErrors(fields);
      setError(banner);
      setBusy(false);
    }
  };

  return (
    <div className="standalone ex-join">
      <header className="standalone-header">
        <span className="brand-name">{t('shell.brand')}</span>
      </header>
      <main id="main" className="card sign-in">
        <PageTitle>{t('join.title')}</PageTitle>
        <p className="muted">{t('join.intro')}</p>
        {error && (
          <div className="alert error" role="alert">
            {error}
          </div>
        )}
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          <Field label={t('join.code')} error={errors.code}>
            <input
              ref={codeRef}
              type="text"
              name="code"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={code}
              onChange={(e) => {
                setCode(e.target.value);
                if (errors.code) setErrors({ ...errors, code: undefined });
              }}
            />
          </Field>
          <Field label={t('join.name')} hint={t('join.nameHint')} error={errors.name}>
            <input
              ref={nameRef}
              type="text"
              name="name"
              autoComplete="name"
              maxLength={MAX_NAME}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                if (errors.name) setErrors({ ...errors, name: undefined });
              }}
            />
          </Field>
          <Field label={t('language.label')} hint={t('language.joinHint')}>
            <select value={language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
              {LANGUAGES.map((l) => (
                <option key={l.code} value={l.code} lang={l.code}>
                  {l.name}
                </option>
              ))}
            </select>
          </Field>
          <JoinAttendance value={details} onChange={setDetails} />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? t('join.joining') : t('join.submit')}
            </button>
          </div>
        </form>
      </main>
    </div>
  );
}
