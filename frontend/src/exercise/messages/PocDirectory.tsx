import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../components/ApiError';
import { isolate } from '../../components/Bidi';
import type { Team } from '../api';
import { usableChannels } from './channelKinds';
import { usePocDirectory, useSavePoc, type MessageChannel, type PocDirectoryRow, type PocEntry, type PocRole } from './api';

interface Row {
  role: PocRole;
  name: string;
  channel: string;
  hours: string;
  languages: string;
}

/** The server's limits (backend/internal/exercise/poc.go checkPoC). */
const MAX_ENTRIES = 6;
const MAX_NAME = 200;
const MAX_HOURS = 100;

/**
 * An entry as an editable row. A channel the team may not use (saved before the
 * server checked kinds, or pre-filled) becomes the first it may use, so that the
 * select shows what will be saved and the save is not refused.
 */
const toRow = (e: PocEntry, usable: readonly MessageChannel[]): Row => ({
  ...e,
  channel: usable.some((c) => c.key === e.channel) ? e.channel : (usable[0]?.key ?? ''),
  hours: e.hours ?? '',
  languages: (e.languages ?? []).join(', '),
});

function PocEditor({
  exerciseId,
  entries,
  channels,
  channelTitle,
  onDone,
}: {
  exerciseId: number;
  entries: PocEntry[];
  channels: readonly MessageChannel[];
  channelTitle: (key: string) => string;
  onDone: () => void;
}) {
  const { t } = useTranslation('exercise');
  const save = useSavePoc(exerciseId);
  const ids = useId();
  const usable = channels.filter((c) => !c.all_teams && !c.control);
  const blank = (): Row => ({ role: 'policy', name: '', channel: usable[0]?.key ?? '', hours: '', languages: '' });
  const [rows, setRows] = useState<Row[]>(() => (entries.length ? entries.map((e) => toRow(e, usable)) : [blank()]));
  const put = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      rows
        .filter((r) => r.name.trim())
        .map((r) => ({
          role: r.role,
          name: r.name.trim(),
          channel: r.channel,
          hours: r.hours.trim(),
          languages: r.languages
            .split(',')
            .map((l) => l.trim())
            .filter(Boolean),
        })),
      { onSuccess: onDone },
    );
  };
  return (
    <form className="ex-form msg-poc-editor" onSubmit={submit} aria-label={t('poc.editTitle')}>
      {rows.map((r, i) => (
        <fieldset key={i} className="ex-fieldset">
          <legend>{t('poc.entry', { n: i + 1 })}</legend>
          <label>
            {t('poc.role')}
            <select value={r.role} onChange={(e) => put(i, { role: e.target.value as PocRole })}>
              <option value="policy">{t('room.pocRole.policy')}</option>
              <option value="technical">{t('room.pocRole.technical')}</option>
            </select>
          </label>
          <label>
            {t('poc.name')}
            <input value={r.name} maxLength={MAX_NAME} onChange={(e) => put(i, { name: e.target.value })} />
          </label>
          <label>
            {t('poc.channel')}
            <select value={r.channel} onChange={(e) => put(i, { channel: e.target.value })}>
              {usable.map((c) => (
                <option key={c.key} value={c.key}>
                  {channelTitle(c.key)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('poc.hours')}
            <input value={r.hours} maxLength={MAX_HOURS} onChange={(e) => put(i, { hours: e.target.value })} placeholder="24/7" />
          </label>
          <label>
            {t('poc.languages')}
            <input value={r.languages} onChange={(e) => put(i, { languages: e.target.value })} placeholder="en, fr" />
          </label>
          <button type="button" className="button secondary" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
            {t('poc.remove')}
          </button>
        </fieldset>
      ))}
      <ApiError error={save.error} />
      <div className="ex-toolbar">
        <button
          type="button"
          className="button"
          disabled={rows.length >= MAX_ENTRIES}
          aria-describedby={rows.length >= MAX_ENTRIES ? `${ids}-max` : undefined}
          onClick={() => setRows([...rows, blank()])}
        >
          {t('poc.add')}
        </button>
        {rows.length >= MAX_ENTRIES && (
          <span className="muted" id={`${ids}-max`}>
            {t('limits.pocEntries', { max: MAX_ENTRIES })}
          </span>
        )}
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('poc.save')}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          {t('messages.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * The points-of-contact directory (CBM 8): every team's entries; a team edits its own.
 * CBM 8 is a network of the participating States' points of contact: given the teams'
 * kinds, the organisations' contacts are listed apart, as national and private partners
 * (CBMs 14 and 15), and they edit theirs on the channels they may use.
 */
export function PocDirectory({
  exerciseId,
  self,
  channels,
  channelTitle,
  teams,
  showCompleteness = false,
}: {
  exerciseId: number;
  /** The viewer's team (edits its own entry); undefined for staff. */
  self?: number;
  channels: readonly MessageChannel[];
  channelTitle: (key: string) => string;
  /** The exercise's teams with their kinds; without them every team is listed together. */
  teams?: readonly Pick<Team, 'id' | 'kind'>[] | undefined;
  showCompleteness?: boolean;
}) {
  const { t } = useTranslation('exercise');
  const dir = usePocDirectory(exerciseId);
  const [editing, setEditing] = useState(false);
  const rows = dir.data ?? [];
  const kindOf = (id: number) => teams?.find((tm) => tm.id === id)?.kind;
  const states = rows.filter((r) => kindOf(r.team_id) !== 'organisation');
  const partners = rows.filter((r) => kindOf(r.team_id) === 'organisation');
  const complete = states.filter((r) => r.complete).length;
  const team = (r: PocDirectoryRow) => (
    <PocTeam
      key={r.team_id}
      row={r}
      exerciseId={exerciseId}
      self={self}
      editing={editing}
      setEditing={setEditing}
      channels={usableChannels(channels, kindOf(r.team_id))}
      channelTitle={channelTitle}
      nested={partners.includes(r)}
    />
  );
  return (
    <section className="card msg-poc" aria-labelledby="poc-title">
      <h2 id="poc-title">{t('poc.title')}</h2>
      {showCompleteness && states.length > 0 && <p>{t('poc.completeCount', { complete, total: states.length })}</p>}
      {dir.isPending && <p role="status">{t('common.loading')}</p>}
      <ApiError error={dir.error} />
      {states.map(team)}
      {partners.length > 0 && (
        <section className="msg-poc-partners" aria-labelledby="poc-partners-title">
          <h3 id="poc-partners-title">{t('channelKinds.partners')}</h3>
          <p className="muted">{t('channelKinds.partnersHint')}</p>
          {partners.map(team)}
        </section>
      )}
    </section>
  );
}

/** One team's entries in the directory, or its editor for the viewer's own team. */
function PocTeam({
  row: r,
  exerciseId,
  self,
  editing,
  setEditing,
  channels,
  channelTitle,
  nested,
}: {
  row: PocDirectoryRow;
  exerciseId: number;
  self: number | undefined;
  editing: boolean;
  setEditing: (on: boolean) => void;
  channels: readonly MessageChannel[];
  channelTitle: (key: string) => string;
  /** Listed under the partners' heading, so one level deeper. */
  nested: boolean;
}) {
  const { t } = useTranslation('exercise');
  const Heading = nested ? 'h4' : 'h3';
  return (
    <div className="msg-poc-team" data-team-id={r.team_id}>
      <Heading>
        <bdi>{r.team}</bdi>{' '}
        <span className={r.complete ? 'ex-badge ex-badge-ok' : 'ex-badge ex-badge-new'}>
          {r.complete ? t('poc.complete') : t('poc.incomplete')}
        </span>
      </Heading>
      {r.team_id === self && editing ? (
        <PocEditor
          exerciseId={exerciseId}
          entries={r.entries ?? []}
          channels={channels}
          channelTitle={channelTitle}
          onDone={() => setEditing(false)}
        />
      ) : (
        <>
          {(r.entries ?? []).length === 0 ? (
            <p className="muted">{t('poc.none')}</p>
          ) : (
            <ul className="ex-list">
              {(r.entries ?? []).map((e, i) => (
                <li key={i}>
                  <strong>{t(`room.pocRole.${e.role === 'technical' ? 'technical' : 'policy'}`)}:</strong> <bdi>{e.name}</bdi> ·{' '}
                  {channelTitle(e.channel)}
                  {e.hours && (
                    <>
                      {' · '}
                      <bdi>{e.hours}</bdi>
                    </>
                  )}
                  {e.languages?.length ? (
                    <>
                      {' · '}
                      <bdi>{e.languages.join(', ')}</bdi>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {r.updated_by && <p className="muted">{isolate((v) => t('poc.updatedBy', v), { name: r.updated_by })}</p>}
          {r.team_id === self && (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {t('poc.edit')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
