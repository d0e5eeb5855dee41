import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { splitFieldErrors } from '../components/ApiError';
import { formatDateTime } from '../components/dates';
import { Field } from '../components/Field';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { PageTitle } from '../components/PageTitle';
import { useConfirmContacts, useContactPage, type ContactPage } from './api';

/**
 * A delegation's page of the contact check before play, opened from the link the organisers
 * sent (no account): it confirms or updates its real policy and technical points of contact.
 */
export function ContactCheckPage() {
  const { t } = useTranslation('exercise');
  const code = useParams().code ?? '';
  const page = useContactPage(code);
  return (
    <div className="standalone cc-page">
      <header className="standalone-header">
        <span className="brand-name">{t('translation:app.name')}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="cc-main">
      {page.isPending && <p role="status">{t('contacts.loading')}</p>}
      {page.isError && (
        <div className="card" role="alert">
          <h1>{t('contacts.unknownTitle')}</h1>
          <p>{t('contacts.unknown')}</p>
        </div>
      )}
      {page.data && <ContactForm code={code} page={page.data} />}
      </main>
    </div>
  );
}

function ContactForm({ code, page }: { code: string; page: ContactPage }) {
  const { t, i18n } = useTranslation('exercise');
  const confirm = useConfirmContacts(code);
  const [policy, setPolicy] = useState(page.policy);
  const [technical, setTechnical] = useState(page.technical);
  const [shared, setShared] = useState(page.shared);
  const [errors, setErrors] = useState<{ policy?: string; technical?: string; banner?: string }>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    confirm.mutate(
      { policy, technical, shared },
      {
        onError: (err) => {
          const split = splitFieldErrors(err, ['policy', 'technical'] as const);
          setErrors({ ...split.fields, banner: split.banner });
        },
      },
    );
  };
  return (
    <>
      <PageTitle>{t('contacts.pageTitle', { delegation: page.delegation })}</PageTitle>
      <p className="muted">{page.workshop}</p>
      <section className="card" aria-labelledby="cc-form">
        <h2 id="cc-form">{t('contacts.yourContacts')}</h2>
        <p>{t('contacts.pageIntro')}</p>
        <p role="status" data-testid="confirmed">
          {page.confirmed_at
            ? t('contacts.confirmedAt', { at: formatDateTime(page.confirmed_at, i18n.language) })
            : t('contacts.notConfirmed')}
        </p>
        <form onSubmit={submit} noValidate>
          {errors.banner && (
            <p className="alert error" role="alert">
              {errors.banner}
            </p>
          )}
          <Field label={t('contacts.policy')} hint={t('contacts.policyHint')} error={errors.policy}>
            <textarea rows={3} maxLength={1000} value={policy} onChange={(e) => setPolicy(e.target.value)} />
          </Field>
          <Field label={t('contacts.technical')} hint={t('contacts.technicalHint')} error={errors.technical}>
            <textarea rows={3} maxLength={1000} value={technical} onChange={(e) => setTechnical(e.target.value)} />
          </Field>
          <div className="field">
            <label className="check">
              <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> {t('contacts.share')}
            </label>
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={confirm.isPending}>
              {t('contacts.confirm')}
            </button>
          </div>
        </form>
      </section>
      {page.others.length > 0 && (
        <section className="card" aria-labelledby="cc-others">
          <h2 id="cc-others">{t('contacts.others')}</h2>
          <dl>
            {page.others.map((o) => (
              <div key={o.delegation}>
                <dt>{o.delegation}</dt>
                <dd className="ex-pre">
                  {[o.policy, o.technical].filter(Boolean).join('\n')}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </>
  );
}
