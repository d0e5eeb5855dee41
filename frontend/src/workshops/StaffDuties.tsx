import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/guards';
import { splitFieldErrors } from '../components/ApiError';
import { useStaffUsers, type Workshop } from '../exercise/api';
import { DUTIES, useUpdateWorkshop, type StaffDuty } from './api';

/**
 * Who does what in the workshop's exercises: an admin assigns each staff member a duty
 * (lead facilitator, controller, evaluator); the others see their own.
 */
export function StaffDuties({ workshop }: { workshop: Workshop }) {
  const { t } = useTranslation('exercise');
  const user = useCurrentUser();
  const mine = workshop.staff.find((s) => s.user_id === user.id)?.duty;
  return (
    <section className="card" aria-labelledby="staff-duties">
      <h2 id="staff-duties">{t('duties.workshop.title')}</h2>
      <p className="field-hint">{t('duties.workshop.hint')}</p>
      {user.role === 'admin' ? (
        <DutiesForm key={workshop.id} workshop={workshop} />
      ) : (
        mine && (
          <p data-testid="my-duty">
            {t('duties.workshop.yours')} <strong>{t(`duties.name.${mine}`)}</strong> — {t(`duties.does.${mine}`)}
          </p>
        )
      )}
    </section>
  );
}

/** The admin's form: every facilitator account with a duty, or not assigned. */
function DutiesForm({ workshop }: { workshop: Workshop }) {
  const { t } = useTranslation('exercise');
  const users = useStaffUsers(true);
  const update = useUpdateWorkshop(workshop.id);
  const [duties, setDuties] = useState<Map<number, StaffDuty>>(() => new Map(workshop.staff.map((s) => [s.user_id, s.duty])));
  const [saved, setSaved] = useState(false);
  // Facilitators can be assigned; admins run every workshop anyway. Someone assigned
  // keeps a row even if their account changed since.
  const people = (users.data ?? []).filter((u) => (u.role === 'facilitator' && !u.disabled) || duties.has(u.id));

  const set = (id: number, duty: StaffDuty | '') => {
    setSaved(false);
    setDuties((prev) => {
      const next = new Map(prev);
      if (duty) next.set(id, duty);
      else next.delete(id);
      return next;
    });
  };
  // A refused duty is the table's problem (the "staff" field); anything else goes to the banner.
  const server = update.error ? splitFieldErrors(update.error, ['staff', 'facilitator_ids'] as const) : null;
  const tableError = server?.fields.staff ?? server?.fields.facilitator_ids;
  const errorId = `${useId()}-error`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const staff = [...duties].map(([user_id, duty]) => ({ user_id, duty }));
    update.mutate({ staff }, { onSuccess: () => setSaved(true) });
  };

  return (
    <form onSubmit={submit} aria-label={t('duties.workshop.title')}>
      {users.isPending && <p role="status">{t('common.loading')}</p>}
      {users.data && people.length === 0 && <p className="muted">{t('duties.workshop.nobody')}</p>}
      {people.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('duties.workshop.person')}</th>
                <th scope="col">{t('duties.workshop.duty')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((u) => (
                <tr key={u.id} data-user-id={u.id}>
                  <th scope="row">
                    {u.name || u.email} <span className="muted">({u.email})</span>
                  </th>
                  <td>
                    <select
                      aria-label={t('duties.workshop.dutyOf', { name: u.name || u.email })}
                      aria-invalid={tableError ? true : undefined}
                      aria-describedby={tableError ? errorId : undefined}
                      value={duties.get(u.id) ?? ''}
                      onChange={(e) => set(u.id, e.target.value as StaffDuty | '')}
                    >
                      <option value="">{t('duties.workshop.notAssigned')}</option>
                      {DUTIES.map((d) => (
                        <option key={d} value={d}>
                          {t(`duties.name.${d}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {tableError && (
        <p className="field-error" id={errorId}>
          {tableError}
        </p>
      )}
      <ul className="field-hint">
        {DUTIES.map((d) => (
          <li key={d}>
            <strong>{t(`duties.name.${d}`)}</strong> — {t(`duties.does.${d}`)}
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={update.isPending || users.isPending}>
          {t('duties.workshop.save')}
        </button>
        {saved && (
          <span role="status" className="ok">
            {t('duties.workshop.saved')}
          </span>
        )}
      </div>
      {server?.banner && (
        <p className="alert error" role="alert">
          {server.banner}
        </p>
      )}
    </form>
  );
}
