import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { splitFieldErrors } from '../components/ApiError';
import { formatDateTime } from '../components/dates';
import { Field } from '../components/Field';
import { useAddContactCheck, useContactChecks, type ContactEntry } from './api';

/**
 * The workshop's contact check before play: who confirmed their real points of contact and when.
 * It is separate from the scenario's fictional directory; these are real people, seen by the staff.
 */
export function ContactCheckSection({ workshop, canAdd }: { workshop: number; canAdd: boolean }) {
  const { t } = useTranslation('exercise');
  const list = useContactChecks(workshop);
  const entries = list.data ?? [];
  const confirmed = entries.filter((e) => e.confirmed_at).length;
  return (
    <section className="card" aria-labelledby="contact-check-title">
      <h2 id="contact-check-title">{t('contacts.title')}</h2>
      <p className="muted">{t('contacts.intro')}</p>
      {list.isError && (
        <p className="alert error" role="alert">
          {list.error.message}
        </p>
      )}
      {entries.length > 0 && (
        <>
          <p data-testid="contacts-count">{t('contacts.count', { confirmed, total: entries.length })}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('contacts.delegation')}</th>
                  <th scope="col">{t('contacts.confirmed')}</th>
                  <th scope="col">{t('contacts.policy')}</th>
                  <th scope="col">{t('contacts.technical')}</th>
                  <th scope="col">{t('contacts.link')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <ContactRow key={e.id} entry={e} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {canAdd && <AddDelegation workshop={workshop} />}
    </section>
  );
}

function ContactRow({ entry: e }: { entry: ContactEntry }) {
  const { t, i18n } = useTranslation('exercise');
  const url = `${window.location.origin}${e.path}`;
  return (
    <tr>
      <th scope="row">
        {e.delegation}
        {e.shared && <span className="ex-badge"> {t('contacts.sharedBadge')}</span>}
      </th>
      <td>{e.confirmed_at ? formatDateTime(e.confirmed_at, i18n.language) : <span className="muted">{t('contacts.notYet')}</span>}</td>
      <td className="ex-pre">{e.policy || '—'}</td>
      <td className="ex-pre">{e.technical || '—'}</td>
      <td>
        <a href={e.path}>{t('contacts.page')}</a>{' '}
        <button
          type="button"
          className="button secondary small"
          aria-label={t('contacts.copyFor', { delegation: e.delegation })}
          onClick={() => void navigator.clipboard?.writeText(url)}
        >
          {t('contacts.copy')}
        </button>
      </td>
    </tr>
  );
}

function AddDelegation({ workshop }: { workshop: number }) {
  const { t } = useTranslation('exercise');
  const add = useAddContactCheck(workshop);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    add.mutate(name.trim(), {
      onSuccess: () => setName(''),
      onError: (err) => {
        const split = splitFieldErrors(err, ['delegation'] as const);
        setError(split.fields.delegation ?? split.banner);
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby={id}>
      <h3 id={id}>{t('contacts.add')}</h3>
      <Field label={t('contacts.delegation')} hint={t('contacts.delegationHint')} error={error}>
        <input value={name} maxLength={160} onChange={(e) => setName(e.target.value)} />
      </Field>
      <button type="submit" className="button primary" disabled={add.isPending || !name.trim()}>
        {t('contacts.addButton')}
      </button>
    </form>
  );
}
