import { useTranslation } from 'react-i18next';
import type { Participant } from '../api';

/** A team's participants, online or not, each with a button to remove them (when onRemove is given). */
export function TeamMembers({
  members,
  busy,
  onRemove,
}: {
  members: Participant[];
  busy: boolean;
  onRemove?: (p: Participant) => void;
}) {
  const { t } = useTranslation('exercise');
  return (
    <>
      <h4>{t('teams.connected')}</h4>
      {members.length === 0 ? (
        <p className="muted">{t('teams.nobody')}</p>
      ) : (
        <ul className="ex-people">
          {members.map((p) => (
            <li key={p.id}>
              <span className={p.connected ? 'ex-dot ex-dot-on' : 'ex-dot'} aria-hidden="true" /> <bdi>{p.name}</bdi>{' '}
              <span className="muted">({p.connected ? t('teams.online') : t('teams.offline')})</span>{' '}
              {onRemove && (
                <button
                  type="button"
                  className="button small danger"
                  disabled={busy}
                  onClick={() => {
                    if (window.confirm(t('teams.removeConfirm', { name: p.name }))) onRemove(p);
                  }}
                >
                  {t('teams.remove', { name: p.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The observers who joined with the observer code. */
export function ObserverNames({ observers }: { observers: Participant[] }) {
  const { t } = useTranslation('exercise');
  if (observers.length === 0) return null;
  return <p className="muted">{t('teams.observers', { names: observers.map((o) => o.name).join(', ') })}</p>;
}
