import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogueOf, useCBMs } from '../../api/scenarios';
import { ApiError } from '../../components/ApiError';
import type { Team } from '../api';
import { formatHms } from '../clock';
import { useRetag, type Message, type MessageChannel } from '../messages/api';
import { formatDuration, isOpenRequest, responseTimes, teamActivity } from '../messages/model';
import { MessageView, recipientsText, StatusBadge, type TeamName } from '../messages/shared';

export interface MonitorFilter {
  team: string;
  channel: string;
  cbm: string;
  open: boolean;
}

/** The messages that pass the console's filters (team: sent by or to it; CBM: the sender's or the corrected tags). */
export function filterMessages(messages: readonly Message[], f: MonitorFilter): Message[] {
  const team = f.team === '' ? null : Number(f.team);
  return messages.filter((m) => {
    if (team !== null && m.from !== team && !(m.to ?? []).includes(team) && !(m.all && m.from !== team)) return false;
    if (f.channel && m.channel !== f.channel) return false;
    if (f.cbm && !(m.cbms ?? []).includes(f.cbm) && !(m.corrected_cbms ?? []).includes(f.cbm)) return false;
    if (f.open && !isOpenRequest(m)) return false;
    return true;
  });
}

function Retag({ exerciseId, m, onDone }: { exerciseId: number; m: Message; onDone: () => void }) {
  const { t } = useTranslation('exercise');
  const cbms = useCBMs();
  const items = catalogueOf(cbms.data)?.items ?? [];
  const retag = useRetag(exerciseId);
  const [sel, setSel] = useState<string[]>(m.corrected_cbms ?? m.cbms ?? []);
  return (
    <form
      className="ex-form msg-retag"
      onSubmit={(e) => {
        e.preventDefault();
        retag.mutate({ msg: m.id, cbms: [...sel].sort((a, b) => Number(a) - Number(b)) }, { onSuccess: onDone });
      }}
    >
      <fieldset className="ex-fieldset">
        <legend>{t('monitor.retagLegend', { subject: m.subject })}</legend>
        <div className="msg-cbm-grid">
          {items.map((it) => (
            <label key={it.key} className="ex-check" title={it.summary}>
              <input
                type="checkbox"
                checked={sel.includes(it.key)}
                onChange={(e) => setSel(e.target.checked ? [...sel, it.key] : sel.filter((x) => x !== it.key))}
              />
              {t('messages.cbmTitle', { key: it.key, title: it.title })}
            </label>
          ))}
        </div>
      </fieldset>
      <ApiError error={retag.error} />
      <div className="ex-toolbar">
        <button type="submit" className="button primary" disabled={retag.isPending}>
          {t('monitor.saveTags')}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          {t('messages.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Facilitators: every message of the exercise, with filters and CBM tag correction. */
export function TrafficMonitor({
  exerciseId,
  messages,
  teams,
  channels,
  channelTitle,
  teamName,
  readOnly,
}: {
  exerciseId: number;
  messages: readonly Message[];
  teams: readonly Team[];
  channels: readonly MessageChannel[];
  channelTitle: (key: string) => string;
  teamName: TeamName;
  readOnly: boolean;
}) {
  const { t } = useTranslation('exercise');
  const cbms = useCBMs();
  const items = catalogueOf(cbms.data)?.items ?? [];
  const [f, setF] = useState<MonitorFilter>({ team: '', channel: '', cbm: '', open: false });
  const [retagId, setRetagId] = useState<number | null>(null);
  const shown = filterMessages(messages, f);
  return (
    <section className="card ex-wide msg-monitor" aria-labelledby="monitor-title">
      <h2 id="monitor-title">{t('monitor.title')}</h2>
      <div className="ex-toolbar" role="group" aria-label={t('monitor.filters')}>
        <label className="ex-inline">
          {t('monitor.team')}
          <select value={f.team} onChange={(e) => setF({ ...f, team: e.target.value })}>
            <option value="">{t('monitor.any')}</option>
            {teams.map((tm) => (
              <option key={tm.id} value={String(tm.id)}>
                {teamName(tm.id)}
              </option>
            ))}
            <option value="0">{t('messages.control')}</option>
          </select>
        </label>
        <label className="ex-inline">
          {t('monitor.channel')}
          <select value={f.channel} onChange={(e) => setF({ ...f, channel: e.target.value })}>
            <option value="">{t('monitor.any')}</option>
            {channels.map((c) => (
              <option key={c.key} value={c.key}>
                {channelTitle(c.key)}
              </option>
            ))}
          </select>
        </label>
        <label className="ex-inline">
          {t('monitor.cbm')}
          <select value={f.cbm} onChange={(e) => setF({ ...f, cbm: e.target.value })}>
            <option value="">{t('monitor.any')}</option>
            {items.map((it) => (
              <option key={it.key} value={it.key}>
                {t('messages.cbmTitle', { key: it.key, title: it.title })}
              </option>
            ))}
          </select>
        </label>
        <label className="ex-check">
          <input type="checkbox" checked={f.open} onChange={(e) => setF({ ...f, open: e.target.checked })} />
          {t('monitor.openOnly')}
        </label>
      </div>
      <p className="muted" role="status">
        {t('monitor.shown', { shown: shown.length, total: messages.length })}
      </p>
      <ul className="ex-list msg-monitor-list">
        {shown.map((m) => (
          <li key={m.id}>
            <MessageView m={m} teamName={teamName} channelTitle={channelTitle}>
              {!readOnly &&
                (retagId === m.id ? (
                  <Retag exerciseId={exerciseId} m={m} onDone={() => setRetagId(null)} />
                ) : (
                  <button type="button" className="button secondary" onClick={() => setRetagId(m.id)}>
                    {t('monitor.retag')}
                    <span className="visually-hidden"> {m.subject}</span>
                  </button>
                ))}
            </MessageView>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Facilitators: messages and requests per team, and median response time. */
export function TeamActivityTable({ messages, teams, teamName }: { messages: readonly Message[]; teams: readonly Team[]; teamName: TeamName }) {
  const { t } = useTranslation('exercise');
  const rows = teamActivity(
    messages,
    teams.map((tm) => tm.id),
  );
  return (
    <section className="card msg-activity" aria-labelledby="activity-title">
      <h2 id="activity-title">{t('activity.title')}</h2>
      <div className="table-wrap">
        <table className="ex-timeline">
          <thead>
            <tr>
              <th scope="col">{t('activity.team')}</th>
              <th scope="col">{t('activity.sent')}</th>
              <th scope="col">{t('activity.received')}</th>
              <th scope="col">{t('activity.open')}</th>
              <th scope="col">{t('activity.answered')}</th>
              <th scope="col">{t('activity.median')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.teamId} data-team-id={r.teamId}>
                <th scope="row">{teamName(r.teamId)}</th>
                <td>{r.sent}</td>
                <td>{r.received}</td>
                <td>{r.requestsOpen}</td>
                <td>{r.requestsAnswered}</td>
                <td>{formatDuration(r.medianResponse)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Facilitators: requests not yet answered or declined, oldest first. */
export function OpenRequests({ messages, teamName, channelTitle }: { messages: readonly Message[]; teamName: TeamName; channelTitle: (key: string) => string }) {
  const { t } = useTranslation('exercise');
  const open = messages.filter(isOpenRequest).sort((a, b) => a.id - b.id);
  return (
    <section className="card msg-open-requests" aria-labelledby="open-requests-title">
      <h2 id="open-requests-title">{t('monitor.openRequests', { count: open.length })}</h2>
      {open.length === 0 ? (
        <p className="muted">{t('monitor.noOpen')}</p>
      ) : (
        <ul className="ex-list">
          {open.map((m) => (
            <li key={m.id} data-message-id={m.id}>
              <strong>{m.subject}</strong> <StatusBadge m={m} />
              <br />
              <span className="muted">
                {t(`messages.kind.${m.kind || 'none'}`)} · {channelTitle(m.channel)} ·{' '}
                {t('messages.fromTo', { from: teamName(m.from), to: recipientsText(m, teamName, t) })} · {formatHms(m.offset_seconds)}
                {responseTimes(m).first !== undefined && ` · ${t('monitor.firstResponse', { after: formatDuration(responseTimes(m).first) })}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
