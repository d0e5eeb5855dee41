import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../components/ApiError';
import { useAdHocInject, type Team } from '../api';
import { INJECT_CHANNELS } from '../components/channels';
import type { TeamName } from '../messages/shared';

/** An inject the facilitators write during play, to all teams or the chosen ones. */
export function AdHocComposer({ exerciseId, teams, teamName }: { exerciseId: number; teams: Team[]; teamName: TeamName }) {
  const { t } = useTranslation('exercise');
  const send = useAdHocInject(exerciseId);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [channel, setChannel] = useState('official_note');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState<number[]>([]);
  const [sent, setSent] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSent(null);
    send.mutate(
      { title: title.trim(), body: body.trim(), channel, from: from.trim(), teams: to },
      {
        onSuccess: () => {
          setSent(title.trim());
          setTitle('');
          setBody('');
          setTo([]);
        },
      },
    );
  };
  return (
    <section className="card" aria-labelledby="adhoc-title">
      <h2 id="adhoc-title">{t('adhoc.title')}</h2>
      <div role="status" aria-live="polite">
        {sent && <p className="alert success">{t('adhoc.sent', { title: sent })}</p>}
      </div>
      <ApiError error={send.error} />
      <form onSubmit={submit} className="ex-form">
        <label>
          {t('adhoc.injectTitle')}
          <input type="text" value={title} required onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('adhoc.channel')}
          <select value={channel} onChange={(e) => setChannel(e.target.value)}>
            {INJECT_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channels.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('adhoc.from')}
          <input type="text" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('adhoc.body')}
          <textarea rows={4} value={body} required onChange={(e) => setBody(e.target.value)} />
        </label>
        <fieldset className="ex-fieldset">
          <legend>{t('adhoc.recipients')}</legend>
          <p className="field-hint">{t('adhoc.recipientsHint')}</p>
          {teams.map((tm) => (
            <label key={tm.id} className="ex-check">
              <input
                type="checkbox"
                checked={to.includes(tm.id)}
                onChange={(e) => setTo((prev) => (e.target.checked ? [...prev, tm.id] : prev.filter((x) => x !== tm.id)))}
              />{' '}
              {teamName(tm.id)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button primary" disabled={send.isPending || !title.trim() || !body.trim()}>
          {t('adhoc.send')}
        </button>
      </form>
    </section>
  );
}
