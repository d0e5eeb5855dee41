import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { sessionQuery, useSession } from '../../auth/session';
import { asGuestSession } from '../../auth/guest';
import { LanguagePicker } from './LanguagePicker';
import '../exercise.css';

/**
 * The frame for participants and observers (signed in with a join code): no staff
 * navigation, only their exercise. Staff who open these addresses go to the console;
 * people without a session go to the join page.
 */
export function GuestShell({ kind }: { kind: 'room' | 'observe' }) {
  const { t } = useTranslation('exercise');
  const session = useSession();
  const params = useParams();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const id = Number(params.id);
  const dialogRef = useRef<HTMLDialogElement>(null);

  if (session.isPending) return <p role="status" className="full-page-status">{t('common.loading')}</p>;
  if (session.isError) {
    return (
      <div className="full-page-status" role="alert">
        {t('common.loadFailed', { message: session.error.message })}
      </div>
    );
  }
  if (!session.data) return <Navigate to="/join" replace />;
  const guest = asGuestSession(session.data);
  if (!guest) return <Navigate to={`/exercises/${id}/console`} replace />;
  const home = guest.role === 'observer' ? 'observe' : 'room';
  if (guest.participant.exercise_id !== id || home !== kind) {
    return <Navigate to={`/exercises/${guest.participant.exercise_id}/${home}`} replace />;
  }

  const leave = () => {
    dialogRef.current?.close();
    void api
      .post('/auth/logout')
      .catch(() => undefined)
      .then(() => {
        qc.clear();
        qc.setQueryData(sessionQuery.queryKey, null);
        void navigate('/join', { replace: true });
      });
  };

  return (
    <div className="shell ex-guest">
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{t('shell.brand')}</span>
        </div>
        <div className="topbar-tools">
          {/* The language of the exercise's content, stored for this participant, and of the screens. */}
          <LanguagePicker exerciseId={id} />
          <button type="button" className="button secondary" onClick={() => dialogRef.current?.showModal()}>
            {t('shell.leave')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <dialog ref={dialogRef} className="dialog" aria-labelledby="leave-title">
        <h2 id="leave-title">{t('shell.leaveTitle')}</h2>
        <p>{t('shell.leaveText')}</p>
        <div className="form-actions">
          <button type="button" className="button danger" onClick={leave}>
            {t('shell.leaveConfirm')}
          </button>
          <button type="button" className="button secondary" autoFocus onClick={() => dialogRef.current?.close()}>
            {t('shell.leaveCancel')}
          </button>
        </div>
      </dialog>
    </div>
  );
}
