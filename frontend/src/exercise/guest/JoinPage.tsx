import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
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

interface JoinForm {
  code: string;
  name: string;
}

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
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors },
  } = useForm<JoinForm>({ defaultValues: { code: params.get('code') ?? '', name: '' } });

  const onSubmit = handleSubmit(async ({ code, name }) => {
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
      for (const [k, message] of Object.entries(fields)) setFieldError(k as keyof JoinForm, { type: 'server', message });
      setError(banner);
      setBusy(false);
    }
  });

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
          <Field label={t('join.code')} error={errors.code?.message}>
            <input
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              {...register('code', { required: t('common.required') })}
            />
          </Field>
          <Field label={t('join.name')} hint={t('join.nameHint')} error={errors.name?.message}>
            <input
              type="text"
              autoComplete="name"
              maxLength={MAX_NAME}
              {...register('name', { required: t('common.required'), maxLength: { value: MAX_NAME, message: t('join.nameTooLong', { max: MAX_NAME }) } })}
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
