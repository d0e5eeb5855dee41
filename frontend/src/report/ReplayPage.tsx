import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { useExercise } from '../exercise/api';
import { useWholeLog } from './api';
import { foldLog, formatSeconds } from './model';
import { ReplayTours } from './ReplayTours';
import { foldTours } from './tourReplay';
import { StaffLinks, useTeamNamer } from './shared';
import './report.css';

/** Steps through the exercise as it happened, from its event log (staff). */
export function ReplayPage() {
  const { t } = useTranslation('report');
  const id = Number(useParams().id);
  const ex = useExercise(id);
  const log = useWholeLog(id);
  const teamName = useTeamNamer(id);
  const events = useMemo(() => [...(log.data ?? [])].sort((a, b) => a.seq - b.seq), [log.data]);
  const [step, setStep] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const current = step ?? events.length;
  const state = useMemo(() => foldLog(events, current), [events, current]);
  const tours = useMemo(() => foldTours(events.slice(0, current)), [events, current]);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setStep((s) => {
        const next = (s ?? events.length) + 1;
        if (next >= events.length) {
          setPlaying(false);
          return events.length;
        }
        return next;
      });
    }, 700);
    return () => clearInterval(timer);
  }, [playing, events.length]);

  if (log.isPending) return <p role="status">{t('loading')}</p>;
  if (log.isError) {
    return (
      <p className="alert error" role="alert">
        {t('loadFailed', { message: log.error.message })}
      </p>
    );
  }
  const go = (n: number) => setStep(Math.max(0, Math.min(events.length, n)));
  const p = state.projection;
  const phase = p.phases.find((ph) => ph.key === p.currentPhase);
  const title = ex.data?.title || ex.data?.scenario.title || '';
  const e = state.event;
  const phaseTitle = (key: string) =>
    ex.data?.scenario.phases.find((ph) => ph.key === key)?.title ?? p.phases.find((ph) => ph.key === key)?.title ?? key;

  return (
    <div className="rp-page rp-replay">
      <PageTitle>{t('replay.title', { title })}</PageTitle>
      <StaffLinks id={id} current="replay" />
      <section className="card" aria-labelledby="rp-replay-controls">
        <h2 id="rp-replay-controls">{t('replay.controls')}</h2>
        <div className="rp-replay-bar">
          <button type="button" className="button secondary" onClick={() => go(0)} disabled={current === 0}>
            {t('replay.first')}
          </button>
          <button type="button" className="button secondary" onClick={() => go(current - 1)} disabled={current === 0}>
            {t('replay.previous')}
          </button>
          <button type="button" className="button" onClick={() => {
            if (!playing && current >= events.length) setStep(0);
            setPlaying(!playing);
          }}>
            {playing ? t('replay.pause') : t('replay.play')}
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => go(current + 1)}
            disabled={current >= events.length}
          >
            {t('replay.next')}
          </button>
          <button type="button" className="button secondary" onClick={() => go(events.length)} disabled={current >= events.length}>
            {t('replay.last')}
          </button>
        </div>
        <div className="field">
          <label htmlFor="rp-replay-step">{t('replay.step', { step: current, total: events.length })}</label>
          <input
            id="rp-replay-step"
            type="range"
            min={0}
            max={events.length}
            value={current}
            onChange={(ev) => go(Number(ev.target.value))}
            aria-valuetext={t('replay.stepText', { step: current, total: events.length, time: formatSeconds(state.offsetSeconds) })}
          />
        </div>
        <dl className="rp-facts" aria-live="polite">
          <div>
            <dt>{t('replay.time')}</dt>
            <dd className="rp-replay-time" data-testid="replay-time">
              {formatSeconds(state.offsetSeconds)}
            </dd>
          </div>
          <div>
            <dt>{t('replay.phase')}</dt>
            <dd data-testid="replay-phase">{phase ? phase.title : '—'}</dd>
          </div>
          <div>
            <dt>{t('replay.status')}</dt>
            <dd>{p.clock ? t(`status.${p.clock.status}`, { defaultValue: p.clock.status }) : t('status.draft')}</dd>
          </div>
          <div>
            <dt>{t('replay.event')}</dt>
            <dd data-testid="replay-event">
              {e ? `#${e.seq} ${t(`eventType.${e.type}`, { defaultValue: e.type })}` : t('replay.beforeStart')}
            </dd>
          </div>
        </dl>
      </section>
      <div className="rp-scoring-grid">
        <section className="card" aria-labelledby="rp-replay-injects">
          <h2 id="rp-replay-injects">{t('replay.injects', { count: p.injects.length })}</h2>
          {p.injects.length === 0 ? (
            <p className="muted">{t('replay.noInjects')}</p>
          ) : (
            <ol className="rp-replay-list" reversed>
              {p.injects.map((i) => (
                <li key={i.seq} data-inject-key={i.key}>
                  <span className="mono">{formatSeconds(i.offsetSeconds)}</span> <strong>{i.title}</strong>{' '}
                  <span className="muted">
                    → {i.all || i.teams.length === 0 ? t('replay.allTeams') : i.teams.map((x) => teamName(x)).join(', ')}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="card" aria-labelledby="rp-replay-messages">
          <h2 id="rp-replay-messages">{t('replay.messages', { count: state.messages.length })}</h2>
          {state.messages.length === 0 ? (
            <p className="muted">{t('replay.noMessages')}</p>
          ) : (
            <ol className="rp-replay-list" reversed>
              {[...state.messages].reverse().map((m) => (
                <li key={m.seq} data-message={m.seq}>
                  <span className="mono">{formatSeconds(m.offsetSeconds)}</span> <strong>{m.subject}</strong>{' '}
                  <span className="muted">
                    {teamName(m.from)} →{' '}
                    {m.all
                      ? t('replay.allTeams')
                      : [...m.to.map((x) => teamName(x)), ...(m.toControl ? [teamName(0)] : [])].join(', ')}
                    {m.kind ? ` · ${t(`kinds.${m.kind}`, { defaultValue: m.kind })}` : ''}
                    {m.status ? ` · ${t(`requestStatus.${m.status}`, { defaultValue: m.status })}` : ''}
                    {m.cbms.length ? ` · ${t('cbmList', { list: m.cbms.join(', ') })}` : ''}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      <ReplayTours tours={tours} phaseTitle={phaseTitle} teamName={teamName} />
    </div>
  );
}
