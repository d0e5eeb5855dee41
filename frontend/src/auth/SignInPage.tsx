import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useLogin, useSession, type Credentials } from './session';
import { splitFieldErrors } from '../components/ApiError';
import { Field } from '../components/Field';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { PageTitle } from '../components/PageTitle';

/** Why the browser was sent here by a live page whose session ended, if it was. */
function endedReason(state: unknown): 'signed_out' | 'expired' | null {
  if (state && typeof state === 'object' && 'ended' in state) {
    const ended = (state as { ended: unknown }).ended;
    if (ended === 'signed_out' || ended === 'expired') return ended;
  }
  return null;
}

function redirectTarget(state: unknown): string {
  if (state && typeof state === 'object' && 'from' in state) {
    const from = (state as { from: unknown }).from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/sign-in') {
      return from;
    }
  }
  return '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const target = redirectTarget(location.state);
  const ended = endedReason(location.state);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<Credentials>({ defaultValues: { email: '', password: '' } });

  if (session.data && !login.isPending) return <Navigate to={target} replace />;

  const onSubmit = handleSubmit((values) => {
    login.mutate(values, { onSuccess: () => navigate(target, { replace: true }) });
  });

  // The server's message for a field goes to the field; the rest to the banner.
  const server = login.error ? splitFieldErrors(login.error, ['email', 'password'] as const) : null;
  const serverError = server?.banner;
  const fieldErrors = server?.fields ?? {};

  return (
    <div className="standalone">
      <header className="standalone-header">
        <span className="brand-name">{t('app.name')}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="card sign-in">
        <PageTitle>{t('signIn.title')}</PageTitle>
        {ended && (
          <div className="alert" role="status">
            {t(`signIn.ended.${ended}`)}
          </div>
        )}
        <p className="muted">{t('signIn.intro')}</p>
        {serverError && (
          <div className="alert error" role="alert">
            {serverError}
          </div>
        )}
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          <Field label={t('signIn.email')} error={errors.email?.message ?? fieldErrors.email}>
            <input
              type="email"
              autoComplete="username"
              autoFocus
              {...register('email', { required: t('common.required') })}
            />
          </Field>
          <Field label={t('signIn.password')} error={errors.password?.message ?? fieldErrors.password}>
            <input
              type="password"
              autoComplete="current-password"
              {...register('password', { required: t('common.required') })}
            />
          </Field>
          <button type="submit" className="button primary" disabled={login.isPending}>
            {login.isPending ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
