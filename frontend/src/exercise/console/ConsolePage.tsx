import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../components/ApiError';
import { PageTitle } from '../../components/PageTitle';
import {
  exerciseKeys,
  useAddNote,
  useAdHocInject,
  useClockAction,
  useDecideTrigger,
  useInjectAction,
  useInjects,
  useNewTeamCode,
  useParticipants,
  usePhaseAction,
  useRemoveParticipant,
  useRenameTeam,
  useTriggers,
  type Audience,
  type ClockAction,
  type Exercise,
  type InjectAction,
  type InjectRow,
  type Team,
} from '../api';
import { formatHms, formatSpeed, SPEEDS } from '../clock';
import { INJECT_CHANNELS, channelIcon, channelOf } from '../components/channels';
import { ConnectionIndicator } from '../components/ConnectionIndicator';
import { ExerciseClock } from '../components/ExerciseClock';
import { QrCode } from './QrCode';
import { useLiveExercise } from '../live';
import { useMessages } from '../messages/api';
import { CbmReference } from '../messages/CbmReference';
import { CommCheckPanel } from '../messages/CommChecks';
import { OpenRequests, TeamActivityTable, TrafficMonitor } from './ConsoleMessages';
import { PocDirectory } from '../messages/PocDirectory';
import { channelsOf, useChannelTitle, useMessagingSync } from '../messages/shared';
import { answerKey, type Projection } from '../projection';
import { isFinal, type ExerciseEvent } from '../stream';
import { StreamEnded } from '../components/StreamEnded';
import '../exercise.css';
import { ConsoleReportLinks, RoomReportLink } from '../components/ReportLinks';

type TeamName = (id: number) => string;

/**
 * The facilitators' console. Observers see it read-only and without the staff-only parts
 * (the MSEL's pending and held injects, triggers, notes, who joined, join codes): the
 * server does not give them these, so their panels are not shown or not asked for.
 */
export function ConsolePage({ readOnly = false }: { readOnly?: boolean }) {
  const { t } = useTranslation('exercise');
  const id = Number(useParams().id);
  const live = useLiveExercise(id);
  const qc = useQueryClient();
  const ex = live.exercise.data;
  const events = live.stream.events;
  const messages = useMessages(id);
  useMessagingSync(id, events);
  const channels = ex ? channelsOf(ex) : [];
  const channelTitle = useChannelTitle(channels);
  const nameOf = (team: number) => (team === 0 ? t('messages.control') : live.teamName(team));

  // Refresh the REST views when the stream says they changed.
  const injectVersion = events.filter((e) => /^(inject|trigger|phase)\.|^exercise\.clock$/.test(e.type)).length;
  const peopleVersion = events.filter((e) => e.type.startsWith('participant.')).length;
  const teamVersion = events.filter((e) => e.type === 'team.renamed').length;
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: exerciseKeys.injects(id) });
    void qc.invalidateQueries({ queryKey: exerciseKeys.triggers(id) });
  }, [qc, id, injectVersion]);
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: exerciseKeys.participants(id) });
  }, [qc, id, peopleVersion]);
  useEffect(() => {
    if (teamVersion) void qc.invalidateQueries({ queryKey: exerciseKeys.exercise(id) });
  }, [qc, id, teamVersion]);

  const streamState = live.stream.state;
  if (isFinal(streamState) && streamState !== 'removed') return <StreamEnded reason={streamState} guest={readOnly} />;
  if (live.exercise.isPending) return <p role="status">{t('common.loading')}</p>;
  if (live.exercise.isError || !ex) {
    return (
      <div className="alert error" role="alert">
        {t('common.loadFailed', { message: live.exercise.error?.message ?? '' })}
      </div>
    );
  }

  return (
    <div className="ex-console">
      <div className="ex-room-head">
        <div>
          <PageTitle>{ex.title || ex.scenario.title}</PageTitle>
          <p className="muted">
            {t('console.scenario', { title: ex.scenario.title, version: ex.scenario.version })}
            {readOnly && <> · {t('console.readOnly')}</>}
          </p>
          {readOnly ? <RoomReportLink exerciseId={id} /> : <ConsoleReportLinks exerciseId={id} />}
        </div>
        <ConnectionIndicator state={live.stream.state} />
      </div>
      <ExerciseClock reading={live.clock} skewMs={live.skewMs} phase={live.phase} />
      {!readOnly && <ClockControls exercise={ex} status={live.clock?.status ?? ex.clock.status} speed={live.clock?.speed ?? 1} />}
      <div className="ex-console-grid">
        <Timeline exerciseId={id} readOnly={readOnly} teamName={live.teamName} />
        {!readOnly && <Triggers exerciseId={id} />}
        {!readOnly && <AdHocComposer exerciseId={id} teams={ex.teams ?? []} teamName={live.teamName} />}
        <Teams exercise={ex} readOnly={readOnly} teamName={live.teamName} />
        <LiveAnswers exerciseId={id} readOnly={readOnly} projection={live.projection} teams={ex.teams ?? []} teamName={live.teamName} />
        {!readOnly && <Notes exerciseId={id} projection={live.projection} />}
        <CommCheckPanel exerciseId={id} readOnly={readOnly} />
        <TeamActivityTable messages={messages.data ?? []} teams={ex.teams ?? []} teamName={nameOf} />
        <OpenRequests messages={messages.data ?? []} teamName={nameOf} channelTitle={channelTitle} />
        <TrafficMonitor
          exerciseId={id}
          messages={messages.data ?? []}
          teams={ex.teams ?? []}
          channels={channels}
          channelTitle={channelTitle}
          teamName={nameOf}
          readOnly={readOnly}
        />
        <PocDirectory exerciseId={id} channels={channels} channelTitle={channelTitle} showCompleteness />
        <CbmReference guidance />
        <LiveLog events={events} teamName={live.teamName} />
      </div>
    </div>
  );
}

function ClockControls({ exercise, status, speed }: { exercise: Exercise; status: string; speed: number }) {
  const { t } = useTranslation('exercise');
  const action = useClockAction(exercise.id);
  const [phase, setPhase] = useState('');
  const run = (a: ClockAction) => action.mutate(a);
  const busy = action.isPending;
  return (
    <section className="card ex-controls" aria-labelledby="controls-title">
      <h2 id="controls-title">{t('console.controls')}</h2>
      <div className="ex-toolbar">
        {status === 'draft' && (
          <button type="button" className="button primary" disabled={busy} onClick={() => run({ action: 'start' })}>
            {t('console.start')}
          </button>
        )}
        {status === 'running' && (
          <button type="button" className="button" disabled={busy} onClick={() => run({ action: 'pause' })}>
            {t('console.pause')}
          </button>
        )}
        {status === 'paused' && (
          <button type="button" className="button primary" disabled={busy} onClick={() => run({ action: 'resume' })}>
            {t('console.resume')}
          </button>
        )}
        {(status === 'running' || status === 'paused') && (
          <button
            type="button"
            className="button danger"
            disabled={busy}
            onClick={() => {
              if (window.confirm(t('console.endConfirm'))) run({ action: 'end' });
            }}
          >
            {t('console.end')}
          </button>
        )}
        <label className="ex-inline">
          {t('console.speed')}{' '}
          <select
            aria-label={t('console.speed')}
            value={String(speed)}
            disabled={busy || status === 'ended'}
            onChange={(e) => run({ action: 'speed', speed: Number(e.target.value) })}
          >
            {[...new Set([...SPEEDS, speed])]
              .sort((a, b) => a - b)
              .map((s) => (
                <option key={s} value={String(s)}>
                  {formatSpeed(s)}
                </option>
              ))}
          </select>
        </label>
        {(status === 'running' || status === 'paused') && (
          <form
            className="ex-inline"
            onSubmit={(e) => {
              e.preventDefault();
              if (phase) run({ action: 'jump', phase });
            }}
          >
            <label>
              {t('console.jumpTo')}{' '}
              <select aria-label={t('console.jumpTo')} value={phase} onChange={(e) => setPhase(e.target.value)}>
                <option value="">{t('console.choosePhase')}</option>
                {(exercise.scenario.phases ?? []).map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.title} ({formatHms(p.starts_at_seconds)})
                  </option>
                ))}
              </select>
            </label>{' '}
            <button type="submit" className="button" disabled={busy || !phase}>
              {t('console.jump')}
            </button>
          </form>
        )}
      </div>
      <ApiError error={action.error} />
    </section>
  );
}

function audienceText(a: Audience | undefined, teamName: TeamName, t: (k: string) => string): string {
  if (!a) return '';
  if (a.all) return t('audience.all');
  if (a.teams && a.teams.length) return a.teams.map(teamName).join(', ');
  if (a.staff) return t('audience.staff');
  return '';
}

function Timeline({ exerciseId, readOnly, teamName }: { exerciseId: number; readOnly: boolean; teamName: TeamName }) {
  const { t } = useTranslation('exercise');
  const injects = useInjects(exerciseId);
  const act = useInjectAction(exerciseId);
  const rows = [...(injects.data ?? [])].sort(
    (a, b) => (a.released_seconds ?? a.scheduled_seconds ?? Infinity) - (b.released_seconds ?? b.scheduled_seconds ?? Infinity),
  );
  const run = (key: string, action: InjectAction) => act.mutate({ key, action });
  const actions = (r: InjectRow): InjectAction[] => {
    switch (r.state) {
      case 'pending':
        return ['release', 'hold', 'skip'];
      case 'waiting':
        return ['release', 'skip'];
      case 'held':
        return ['release', 'unhold', 'skip'];
      default:
        return [];
    }
  };
  return (
    <section className="card ex-wide" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <ApiError error={act.error} />
      {injects.isPending && <p role="status">{t('common.loading')}</p>}
      <div className="table-wrap">
        <table className="ex-timeline">
          <thead>
            <tr>
              <th scope="col">{t('timeline.time')}</th>
              <th scope="col">{t('timeline.inject')}</th>
              <th scope="col">{t('timeline.audience')}</th>
              <th scope="col">{t('timeline.state')}</th>
              {!readOnly && <th scope="col">{t('timeline.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-inject-key={r.key} className={`ex-state-${r.state}`}>
                <td>
                  {r.released_seconds != null
                    ? formatHms(r.released_seconds)
                    : r.scheduled_seconds != null
                      ? formatHms(r.scheduled_seconds)
                      : '—'}
                </td>
                <th scope="row">
                  <span aria-hidden="true">{channelIcon(r.channel)} </span>
                  {r.title}
                  <span className="muted"> · {t(`channels.${channelOf(r.channel)}`)}</span>
                </th>
                <td>{audienceText(r.audience, teamName, t)}</td>
                <td>
                  <span className={`ex-badge ex-inject-${r.state}`}>{t(`timeline.states.${r.state}`)}</span>
                  {r.late && <span className="muted"> {t('timeline.late')}</span>}
                </td>
                {!readOnly && (
                  <td>
                    <div className="row-actions" role="group" aria-label={t('timeline.actionsFor', { title: r.title })}>
                      {actions(r).map((a) => (
                        <button
                          key={a}
                          type="button"
                          className={a === 'skip' ? 'button small danger' : 'button small'}
                          disabled={act.isPending}
                          onClick={() => run(r.key, a)}
                        >
                          {t(`timeline.do.${a}`)}
                        </button>
                      ))}
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Triggers({ exerciseId }: { exerciseId: number }) {
  const { t } = useTranslation('exercise');
  const triggers = useTriggers(exerciseId);
  const decide = useDecideTrigger(exerciseId);
  const list = triggers.data ?? [];
  return (
    <section className="card" aria-labelledby="triggers-title">
      <h2 id="triggers-title">{t('triggers.title')}</h2>
      <ApiError error={decide.error} />
      {list.length === 0 && !triggers.isPending && <p className="muted">{t('triggers.none')}</p>}
      <ul className="ex-list">
        {list.map((tr) => {
          const needsDecision = tr.condition?.type === 'facilitator_decision' && tr.decision === null && !tr.fired;
          return (
            <li key={tr.key}>
              <strong>{tr.title || tr.key}</strong>{' '}
              <span className="ex-badge">
                {tr.fired
                  ? t('triggers.fired')
                  : tr.decision === true
                    ? t('triggers.yes')
                    : tr.decision === false
                      ? t('triggers.no')
                      : t('triggers.armed')}
              </span>
              {tr.release && tr.release.length > 0 && (
                <span className="muted"> → {tr.release.join(', ')}</span>
              )}
              {needsDecision && (
                <span className="row-actions" role="group" aria-label={t('triggers.decide', { title: tr.title || tr.key })}>
                  <button type="button" className="button small" onClick={() => decide.mutate({ key: tr.key, yes: true })}>
                    {t('triggers.answerYes')}
                  </button>
                  <button type="button" className="button small" onClick={() => decide.mutate({ key: tr.key, yes: false })}>
                    {t('triggers.answerNo')}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function AdHocComposer({ exerciseId, teams, teamName }: { exerciseId: number; teams: Team[]; teamName: TeamName }) {
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

function Teams({ exercise, readOnly, teamName }: { exercise: Exercise; readOnly: boolean; teamName: TeamName }) {
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
              {!readOnly && (
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
              {!readOnly && <h4>{t('teams.connected')}</h4>}
              {readOnly ? null : members.length === 0 ? (
                <p className="muted">{t('teams.nobody')}</p>
              ) : (
                <ul className="ex-people">
                  {members.map((p) => (
                    <li key={p.id}>
                      <span className={p.connected ? 'ex-dot ex-dot-on' : 'ex-dot'} aria-hidden="true" /> {p.name}{' '}
                      <span className="muted">({p.connected ? t('teams.online') : t('teams.offline')})</span>{' '}
                      {!readOnly && (
                        <button
                          type="button"
                          className="button small danger"
                          disabled={remove.isPending}
                          onClick={() => {
                            if (window.confirm(t('teams.removeConfirm', { name: p.name }))) remove.mutate(p.id);
                          }}
                        >
                          {t('teams.remove', { name: p.name })}
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
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
      {observers.length > 0 && (
        <p className="muted">{t('teams.observers', { names: observers.map((o) => o.name).join(', ') })}</p>
      )}
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

function LiveAnswers({
  exerciseId,
  readOnly,
  projection,
  teams,
  teamName,
}: {
  exerciseId: number;
  readOnly: boolean;
  projection: Projection;
  teams: Team[];
  teamName: TeamName;
}) {
  const { t } = useTranslation('exercise');
  const phaseAction = usePhaseAction(exerciseId);
  const phases = [...projection.phases].reverse();
  return (
    <section className="card ex-wide" aria-labelledby="answers-title">
      <h2 id="answers-title">{t('answers.title')}</h2>
      {readOnly && <p className="field-hint">{t('answers.observerHint')}</p>}
      <ApiError error={phaseAction.error} />
      {phases.length === 0 && <p className="muted">{t('questions.none')}</p>}
      {phases.map((ph) => (
        <section key={ph.key} className="ex-phase" aria-labelledby={`answers-${ph.key}`}>
          <h3 id={`answers-${ph.key}`}>
            {ph.title} {projection.closedPhases.has(ph.key) && <span className="ex-badge">{t('questions.closed')}</span>}{' '}
            {projection.sharedPhases.has(ph.key) && <span className="ex-badge">{t('answers.shared')}</span>}
          </h3>
          {!readOnly && (
            <div className="ex-toolbar">
              {!projection.closedPhases.has(ph.key) && (
                <button type="button" className="button small" onClick={() => phaseAction.mutate({ phase: ph.key, action: 'close' })}>
                  {t('answers.close')}
                </button>
              )}
              {!projection.sharedPhases.has(ph.key) && (
                <button type="button" className="button small" onClick={() => phaseAction.mutate({ phase: ph.key, action: 'share' })}>
                  {t('answers.share')}
                </button>
              )}
            </div>
          )}
          {ph.questions.map((q) => (
            <div key={q.key} className="ex-question" data-question={q.key}>
              <p className="ex-question-text">{q.text}</p>
              <ul className="ex-list">
                {teams.map((tm) => {
                  const a = projection.answers.get(answerKey(tm.id, ph.key, q.key));
                  return (
                    <li key={tm.id} data-team-key={tm.key}>
                      <strong>{teamName(tm.id)}:</strong>{' '}
                      {a?.text ? (
                        <>
                          <span className="ex-answer-text">{a.text}</span>{' '}
                          <span className="muted">
                            ({a.by}
                            {a.submitted ? `, ${t('questions.submitted')}` : ''})
                          </span>
                        </>
                      ) : (
                        <span className="muted">{t('answers.none')}</span>
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </section>
  );
}

function Notes({ exerciseId, projection }: { exerciseId: number; projection: Projection }) {
  const { t } = useTranslation('exercise');
  const add = useAddNote(exerciseId);
  const [text, setText] = useState('');
  return (
    <section className="card" aria-labelledby="notes-title">
      <h2 id="notes-title">{t('notes.title')}</h2>
      <p className="field-hint">{t('notes.hint')}</p>
      <ApiError error={add.error} />
      <form
        className="ex-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) add.mutate(text.trim(), { onSuccess: () => setText('') });
        }}
      >
        <label>
          {t('notes.label')}
          <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={add.isPending || !text.trim()}>
          {t('notes.add')}
        </button>
      </form>
      <ul className="ex-list">
        {projection.notes.map((n) => (
          <li key={n.seq}>
            <span className="muted">
              {formatHms(n.offsetSeconds)} · {n.by}:
            </span>{' '}
            {n.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function describeEvent(e: ExerciseEvent, teamName: TeamName, t: (k: string, o?: Record<string, unknown>) => string): string {
  const d = e.data;
  const s = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  switch (e.type) {
    case 'exercise.clock':
      return t('log.clock', { action: s(d.action), status: s(d.status), speed: formatSpeed(Number(d.speed) || 1) });
    case 'phase.started':
    case 'phase.closed':
      return s(d.title) || s(d.key);
    case 'inject.released':
      return `${s(d.title)} (${s(d.source)})`;
    case 'answer.updated':
    case 'answer.submitted':
      return `${teamName(Number(d.team_id))} · ${s(d.phase)}/${s(d.question)} · ${s(d.by)}`;
    case 'answers.shared':
      return s(d.phase);
    case 'note.added':
      return `${s(d.by)}: ${s(d.text)}`;
    case 'team.renamed':
      return s(d.name);
    case 'participant.joined':
    case 'participant.removed':
      return d.team_id ? `${s(d.name)} (${teamName(Number(d.team_id))})` : s(d.name);
    default:
      return [s(d.key), s(d.by)].filter(Boolean).join(' · ');
  }
}

function LiveLog({ events, teamName }: { events: ExerciseEvent[]; teamName: TeamName }) {
  const { t } = useTranslation('exercise');
  const recent = events.slice(-300).reverse();
  return (
    <section className="card ex-wide" aria-labelledby="log-title">
      <h2 id="log-title">{t('log.title')}</h2>
      <ol className="ex-log" aria-live="off">
        {recent.map((e) => (
          <li key={e.seq} data-type={e.type}>
            <span className="ex-log-seq">#{e.seq}</span> <span className="ex-log-time">{formatHms(e.offset_seconds)}</span>{' '}
            <span className="ex-log-type">{t(`log.types.${e.type}`, { defaultValue: e.type })}</span>{' '}
            <span>{describeEvent(e, teamName, t)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
