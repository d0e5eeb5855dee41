import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { ROLES, type Role, type User } from '../api/types';
import { useCreateUser, useDeleteUser, useUpdateUser, useUsers, type NewUser, type UserPatch } from '../api/users';
import { useCurrentUser } from '../auth/guards';
import { apiErrorText, applyServerErrors } from '../components/ApiError';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { PageTitle } from '../components/PageTitle';

type Notice = { kind: 'success' | 'error'; text: string } | null;

export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const users = useUsers();
  const [notice, setNotice] = useState<Notice>(null);
  const [resetFor, setResetFor] = useState<User | null>(null);
  const [deleteFor, setDeleteFor] = useState<User | null>(null);
  const update = useUpdateUser();

  const patch = (user: User, p: UserPatch) => {
    setNotice(null);
    update.mutate(
      { id: user.id, patch: p },
      {
        onSuccess: (u) => setNotice({ kind: 'success', text: t('users.updated', { email: u.email }) }),
        onError: (err) => setNotice({ kind: 'error', text: apiErrorText(err, 'instead') }),
      },
    );
  };

  return (
    <>
      <PageTitle>{t('users.title')}</PageTitle>
      <p className="muted">{t('users.intro')}</p>

      <div aria-live="polite" role="status" className="notice-region">
        {notice?.kind === 'success' && <div className="alert success">{notice.text}</div>}
      </div>
      {notice?.kind === 'error' && (
        <div className="alert error" role="alert">
          {notice.text}
        </div>
      )}

      <section className="card" aria-labelledby="users-list-title">
        <h2 id="users-list-title">{t('users.listTitle')}</h2>
        {users.isPending && <p role="status">{t('common.loading')}</p>}
        {users.isError && (
          <div className="alert error" role="alert">
            {t('common.loadFailed', { message: apiErrorText(users.error, 'none') })}{' '}
            <button type="button" className="button link" onClick={() => void users.refetch()}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {users.data && users.data.length === 0 && <p>{t('users.empty')}</p>}
        {users.data && users.data.length > 0 && (
          <UsersTable
            users={users.data}
            meId={me.id}
            busy={update.isPending}
            onRole={(u, role) => patch(u, { role })}
            onToggle={(u) => patch(u, { disabled: !u.disabled })}
            onReset={(u) => {
              setNotice(null);
              setResetFor(u);
            }}
            onDelete={(u) => {
              setNotice(null);
              setDeleteFor(u);
            }}
          />
        )}
      </section>

      <CreateUserForm onCreated={(u) => setNotice({ kind: 'success', text: t('users.create.done', { email: u.email }) })} />

      {resetFor && (
        <ResetPasswordDialog
          user={resetFor}
          onClose={() => setResetFor(null)}
          onDone={(u) => {
            setResetFor(null);
            setNotice({ kind: 'success', text: t('users.reset.done', { email: u.email }) });
          }}
        />
      )}
      {deleteFor && (
        <DeleteUserDialog
          user={deleteFor}
          onClose={() => setDeleteFor(null)}
          onDone={(u) => {
            setDeleteFor(null);
            setNotice({ kind: 'success', text: t('users.remove.done', { email: u.email }) });
          }}
          onError={(err) => {
            setDeleteFor(null);
            setNotice({ kind: 'error', text: apiErrorText(err, 'instead') });
          }}
        />
      )}
    </>
  );
}

interface UsersTableProps {
  users: User[];
  meId: number;
  busy: boolean;
  onRole: (u: User, role: Role) => void;
  onToggle: (u: User) => void;
  onReset: (u: User) => void;
  onDelete: (u: User) => void;
}

function UsersTable({ users, meId, busy, ...actions }: UsersTableProps) {
  const { t, i18n } = useTranslation();
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const formatDate = (s: string) => {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? s : dateFormat.format(d);
  };
  return (
    <div className="table-wrap">
      <table className="users-table">
        <thead>
          <tr>
            <th scope="col">{t('users.columns.email')}</th>
            <th scope="col">{t('users.columns.name')}</th>
            <th scope="col">{t('users.columns.role')}</th>
            <th scope="col">{t('users.columns.status')}</th>
            <th scope="col">{t('users.columns.created')}</th>
            <th scope="col">{t('users.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRow key={u.id} user={u} self={u.id === meId} busy={busy} formatDate={formatDate} {...actions} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface UserRowProps extends Omit<UsersTableProps, 'users' | 'meId'> {
  user: User;
  /** The signed-in admin's own row: the server refuses to demote, disable or delete oneself. */
  self: boolean;
  formatDate: (s: string) => string;
}

function UserRow({ user: u, self, busy, formatDate, onRole, onToggle, onReset, onDelete }: UserRowProps) {
  const { t } = useTranslation();
  return (
    <tr data-user-email={u.email}>
      <th scope="row" className="email-cell">
        {u.email} {self && <span className="muted">{t('users.you')}</span>}
      </th>
      <td>{u.name}</td>
      <td>
        <select
          aria-label={t('users.roleFor', { email: u.email })}
          value={u.role}
          disabled={busy || self}
          onChange={(e) => onRole(u, e.target.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span className={u.disabled ? 'badge badge-off' : 'badge badge-on'}>
          {u.disabled ? t('users.status.disabled') : t('users.status.active')}
        </span>
      </td>
      <td>
        <time dateTime={u.created_at}>{formatDate(u.created_at)}</time>
      </td>
      <td>
        <div className="row-actions" role="group" aria-label={t('users.actionsFor', { email: u.email })}>
          <button type="button" className="button small" disabled={busy || self} onClick={() => onToggle(u)}>
            {u.disabled ? t('users.enable') : t('users.disable')}
          </button>
          <button type="button" className="button small" onClick={() => onReset(u)}>
            {t('users.resetPassword')}
          </button>
          <button type="button" className="button small danger" disabled={self} onClick={() => onDelete(u)}>
            {t('users.delete')}
          </button>
        </div>
      </td>
    </tr>
  );
}

/** The server's limits (backend/internal/auth): a name of 200 characters, a password of 12 characters to 72 bytes. */
const MAX_NAME = 200;
const MIN_PASSWORD = 12;
const MAX_PASSWORD_BYTES = 72;

/** The password rules as react-hook-form rules, with the server's words for them. */
function passwordRules(t: (k: string, o?: Record<string, unknown>) => string) {
  return {
    required: t('common.required'),
    validate: (pw: string) =>
      [...pw].length < MIN_PASSWORD
        ? t('limits.passwordShort', { min: MIN_PASSWORD })
        : new TextEncoder().encode(pw).length > MAX_PASSWORD_BYTES
          ? t('limits.passwordLong', { max: MAX_PASSWORD_BYTES })
          : true,
  };
}

const NEW_USER_FIELDS = ['email', 'name', 'role', 'password'] as const;

function CreateUserForm({ onCreated }: { onCreated: (u: User) => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<NewUser>({ defaultValues: { email: '', name: '', role: 'facilitator', password: '' } });

  const onSubmit = handleSubmit((values) => {
    setFormError(null);
    create.mutate(values, {
      onSuccess: (u) => {
        reset();
        onCreated(u);
      },
      onError: (err) => {
        // An e-mail already taken is the e-mail field's problem, though the server says it as a conflict.
        if (isApiError(err) && err.code === 'email_taken') {
          setError('email', { type: 'server', message: err.message }, { shouldFocus: true });
          return;
        }
        setFormError(applyServerErrors(err, NEW_USER_FIELDS, setError));
      },
    });
  });

  return (
    <section className="card" aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('users.create.title')}</h2>
      {formError && (
        <div className="alert error" role="alert">
          {formError}
        </div>
      )}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="grid-form">
        <Field label={t('users.create.email')} error={errors.email?.message}>
          <input type="email" autoComplete="off" {...register('email', { required: t('common.required') })} />
        </Field>
        <Field label={t('users.create.name')} error={errors.name?.message}>
          <input
            type="text"
            autoComplete="off"
            maxLength={MAX_NAME}
            {...register('name', { required: t('common.required'), maxLength: { value: MAX_NAME, message: t('limits.tooLong', { max: MAX_NAME }) } })}
          />
        </Field>
        <Field label={t('users.create.role')} error={errors.role?.message}>
          <select {...register('role', { required: t('common.required') })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('users.create.password')} hint={t('users.create.passwordHint')} error={errors.password?.message}>
          <input type="password" autoComplete="new-password" minLength={MIN_PASSWORD} {...register('password', passwordRules(t))} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? t('users.create.submitting') : t('users.create.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ResetPasswordDialog({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: (u: User) => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<{ password: string }>({ defaultValues: { password: '' } });

  const onSubmit = handleSubmit(({ password }) => {
    setFormError(null);
    update.mutate(
      { id: user.id, patch: { password } },
      {
        onSuccess: onDone,
        onError: (err) => {
          setFormError(applyServerErrors(err, ['password'] as const, setError));
        },
      },
    );
  });

  return (
    <Dialog open title={t('users.reset.title', { email: user.email })} onClose={onClose}>
      {formError && (
        <div className="alert error" role="alert">
          {formError}
        </div>
      )}
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <Field label={t('users.reset.password')} hint={t('users.create.passwordHint')} error={errors.password?.message}>
          <input
            type="password"
            autoComplete="new-password"
            autoFocus
            minLength={MIN_PASSWORD}
            {...register('password', passwordRules(t))}
          />
        </Field>
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={update.isPending}>
            {t('users.reset.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteUserDialog({
  user,
  onClose,
  onDone,
  onError,
}: {
  user: User;
  onClose: () => void;
  onDone: (u: User) => void;
  onError: (err: unknown) => void;
}) {
  const { t } = useTranslation();
  const del = useDeleteUser();
  return (
    <Dialog open title={t('users.remove.title')} onClose={onClose}>
      <p>{t('users.remove.body', { email: user.email })}</p>
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={onClose} autoFocus>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="button danger"
          disabled={del.isPending}
          onClick={() => del.mutate(user.id, { onSuccess: () => onDone(user), onError })}
        >
          {t('users.remove.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
