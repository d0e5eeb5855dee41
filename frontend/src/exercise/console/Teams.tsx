import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../components/ApiError';
import { useNewTeamCode, useParticipants, useRemoveParticipant, useRenameTeam, type Exercise } from '../api';
import type { TeamName } from '../messages/shared';
import { ObserverNames, TeamMembers } from './Participants';
import { QrCode } from './QrCode';

/**
 * The teams with their join codes, links and QR codes; for staff also who joined
 * (observers do not get the participant list) and, for those who seat the delegations
 * (manage, removePeople; by default all staff), renaming, a new code and removing someone.
 */
export function Teams({
  exercise,
  readOnly,
  manage = !readOnly,
  removePeople = !readOnly,
  teamName,
}: {
  exercise: Exercise;
  readOnly: boolean;
  manage?: boolean;
  removePeople?: boolean;
  teamName: TeamName;
}) {
  const { t } = useTranslation('exercise');
  const participants = useParticipants(exercise.id, !readOnly);
  const remove = useRemoveParticipant(exercise.id);
  const rename = useRenameTeam(exercise.id);
  const newCode = useNewTeamCode(exercise.id);
  const people = (participants.data ?? []).filter((p) => !p.removed_at);
  const observers = people.filter((p) => p.team_id == null);
  return (
    <section className="card ex-wide" aria-labelledby="teams-title">
      <h2 id="teams-title">{t('teams.title')}</h2>
      <ApiError error={rename.error ?? newCode.error ?? remove.error} />
      <div className="ex-teams">
        {(exercise.teams ?? []).map((tm) => {
          const members = people.filter((p) => p.team_id === tm.id);
          const link = tm.join_path ? `${window.location.origin}${tm.join_path}` : '';
          return (
            <article key={tm.id} className="ex-team" aria-labelledby={`team-${tm.id}`} data-team-key={tm.key}>
              <h3 id={`team-${tm.id}`}>{teamName(tm.id)}</h3>
              {tm.join_code && (
                <div className="ex-join">
                  <p>
                    {t('teams.code')}: <code className="ex-code" data-testid={`join-code-${tm.key}`}>{tm.join_code}</code>
                  </p>
                  <p className="ex-link">
                    <a href={link}>{link}</a>
                  </p>
                  <QrCode text={link} label={t('teams.qr', { team: teamName(tm.id) })} />
                </div>
              )}
              {manage && (
                <div className="ex-team-actions">
                  <RenameForm
                    current={teamName(tm.id)}
                    busy={rename.isPending}
                    onRename={(name) => rename.mutate({ team: tm.id, name })}
                  />
                  <button
                    type="button"
                    className="button small"
                    disabled={newCode.isPending}
                    onClick={() => {
                      if (window.confirm(t('teams.newCodeConfirm'))) newCode.mutate(tm.id);
                    }}
                  >
                    {t('teams.newCode')}
                  </button>
                </div>
              )}
              {!readOnly && (
                <TeamMembers
                  members={members}
                  busy={remove.isPending}
                  onRemove={removePeople ? (p) => remove.mutate(p.id) : undefined}
                />
              )}
            </article>
          );
        })}
      </div>
      {exercise.observer_code && (
        <p>
          {t('teams.observerCode')}: <code className="ex-code">{exercise.observer_code}</code>
        </p>
      )}
      <ObserverNames observers={observers} />
    </section>
  );
}

function RenameForm({ current, busy, onRename }: { current: string; busy: boolean; onRename: (name: string) => void }) {
  const { t } = useTranslation('exercise');
  const [name, setName] = useState('');
  return (
    <form
      className="ex-inline"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onRename(name.trim());
        setName('');
      }}
    >
      <label>
        <span className="visually-hidden">{t('teams.renameLabel', { team: current })}</span>
        <input type="text" value={name} placeholder={t('teams.renamePlaceholder')} onChange={(e) => setName(e.target.value)} />
      </label>{' '}
      <button type="submit" className="button small" disabled={busy || !name.trim()}>
        {t('teams.rename')}
      </button>
    </form>
  );
}
