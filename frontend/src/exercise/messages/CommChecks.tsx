import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, splitFieldErrors } from '../../components/ApiError';
import { isolate } from '../../components/Bidi';
import { formatHms } from '../clock';
import { useAckCommCheck, useCommChecks, useSendCommCheck } from './api';
import { formatDuration } from './model';

/** Communication checks waiting for the team's acknowledgement, shown prominently. */
export function CommCheckCards({ exerciseId, self }: { exerciseId: number; self: number }) {
  const { t } = useTranslation('exercise');
  const checks = useCommChecks(exerciseId);
  const ack = useAckCommCheck(exerciseId);
  const list = checks.data ?? [];
  const pending = list.filter((c) => (c.teams ?? []).some((tm) => tm.team_id === self && !tm.acknowledged));
  const done = list.filter((c) => (c.teams ?? []).some((tm) => tm.team_id === self && tm.acknowledged));
  const latestDone = done.reduce<(typeof done)[number] | undefined>((a, c) => (!a || c.id > a.id ? c : a), undefined);
  if (!pending.length && !latestDone) return null;
  return (
    <div className="msg-commchecks">
      {pending.map((c) => (
        <section key={c.id} className="card msg-commcheck" role="alert" aria-labelledby={`cc-${c.id}`} data-check-id={c.id}>
          <h2 id={`cc-${c.id}`}>{t('commcheck.title')}</h2>
          <p>{c.text || t('commcheck.defaultText')}</p>
          <p className="muted">{t('commcheck.sentAt', { time: formatHms(c.offset_seconds ?? 0) })}</p>
          <button type="button" className="button primary" disabled={ack.isPending} onClick={() => ack.mutate(c.id)}>
            {t('commcheck.acknowledge')}
          </button>
          <ApiError error={ack.error} />
        </section>
      ))}
      {!pending.length && latestDone && (
        <p className="msg-commcheck-done" data-check-id={latestDone.id}>
          {(() => {
            const row = (latestDone.teams ?? []).find((tm) => tm.team_id === self)!;
            return isolate((v) => t('commcheck.acknowledged', { ...v, after: formatDuration(row.after_seconds) }), { by: row.by ?? '' });
          })()}
        </p>
      )}
    </div>
  );
}

/** The server's limit (backend/internal/exercise/commchecks.go). */
const MAX_CHECK_TEXT = 2000;

/** Facilitators: send a communication check and see who acknowledged it, how fast. */
export function CommCheckPanel({ exerciseId, readOnly }: { exerciseId: number; readOnly: boolean }) {
  const { t } = useTranslation('exercise');
  const checks = useCommChecks(exerciseId);
  const send = useSendCommCheck(exerciseId);
  const [text, setText] = useState(() => t('commcheck.defaultText'));
  const ids = useId();
  const refused = send.error ? splitFieldErrors(send.error, ['text'] as const) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate(text.trim());
  };
  const list = [...(checks.data ?? [])].sort((a, b) => b.id - a.id);
  return (
    <section className="card ex-wide msg-commcheck-panel" aria-labelledby="cc-panel-title">
      <h2 id="cc-panel-title">{t('commcheck.panel')}</h2>
      {!readOnly && (
        <form className="ex-inline" onSubmit={submit}>
          <label>
            {t('commcheck.text')}{' '}
            <input
              value={text}
              onChange={(e) => setText(e.target.value)}
              size={40}
              maxLength={MAX_CHECK_TEXT}
              aria-invalid={refused?.fields.text ? true : undefined}
              aria-describedby={refused?.fields.text ? `${ids}-error` : undefined}
            />
          </label>
          <button type="submit" className="button primary" disabled={send.isPending}>
            {t('commcheck.send')}
          </button>
        </form>
      )}
      {refused?.fields.text && (
        <p className="field-error" id={`${ids}-error`}>
          {refused.fields.text}
        </p>
      )}
      {refused?.banner && (
        <p className="alert error" role="alert">
          {refused.banner}
        </p>
      )}
      {list.length === 0 && <p className="muted">{t('commcheck.none')}</p>}
      {list.map((c) => {
        const teams = c.teams ?? [];
        const acked = teams.filter((tm) => tm.acknowledged).length;
        return (
          <div key={c.id} className="table-wrap" data-check-id={c.id}>
            <table className="ex-timeline msg-commcheck-table">
              <caption>
                {isolate((v) => t('commcheck.caption', { ...v, time: formatHms(c.offset_seconds ?? 0) }), { text: c.text })} —{' '}
                <span data-testid="commcheck-summary">{t('commcheck.summary', { acked, total: teams.length })}</span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('commcheck.team')}</th>
                  <th scope="col">{t('commcheck.state')}</th>
                  <th scope="col">{t('commcheck.by')}</th>
                  <th scope="col">{t('commcheck.after')}</th>
                  <th scope="col">{t('commcheck.afterWall')}</th>
                </tr>
              </thead>
              <tbody>
                {teams.map((tm) => (
                  <tr key={tm.team_id} data-team-id={tm.team_id} data-acknowledged={tm.acknowledged ? 'yes' : 'no'}>
                    <th scope="row">{tm.team}</th>
                    <td>{tm.acknowledged ? t('commcheck.yes') : t('commcheck.no')}</td>
                    <td>{tm.by ?? ''}</td>
                    <td>{tm.acknowledged ? formatDuration(tm.after_seconds) : '—'}</td>
                    <td>{tm.acknowledged ? formatDuration(tm.after_wall_seconds) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
