import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schema } from '../api/client';
import { ApiError } from '../components/ApiError';
import { useExercise } from '../exercise/api';
import { reportKeys, type ExpectedResult, type TeamReport } from './api';
import { evidenceText, relativeTime, StatusBadge, TimingBadge } from './ExpectedActions';
import { formatSeconds } from './model';

type Evidence = Schema<'ActionEvidence'>;
type Verdict = Schema<'EvidenceInput'>['verdict'];
type Judgement = Schema<'EvidenceInput'>;

/** Records a verdict on a message as evidence; the report is fetched again afterwards. */
export function useJudgeEvidence(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (j: Judgement) => api.put('/exercises/{id}/evidence', { path: { id }, body: j }),
    onSuccess: () => qc.invalidateQueries({ queryKey: reportKeys.report(id) }),
  });
}

/** Names for what the scenario's matchers refer to: teams by key, channels by key. */
function useNames(exerciseId: number) {
  const { t } = useTranslation('report');
  const ex = useExercise(exerciseId);
  const teams = ex.data?.teams ?? [];
  const channels = ex.data?.scenario.channels ?? [];
  return {
    // As the room names channels: translated for the defaults, the scenario's title otherwise.
    channelTitle: (key: string) => t(`exercise:messages.channel.${key}`, { defaultValue: channels.find((c) => c.key === key)?.title ?? key }),
    teamByKey: (key: string) => teams.find((x) => x.key === key)?.name ?? key,
    teamById: (id: number) => teams.find((x) => x.id === id)?.name ?? `#${id}`,
  };
}

type Names = ReturnType<typeof useNames>;

/** "A message to Veyra on the Police 24/7 network, as a request for assistance, from the phase start." */
function matcherText(t: (k: string, o?: Record<string, unknown>) => string, x: ExpectedResult, names: Names): string {
  const m = x.matcher;
  const shown = m.shown_by ?? 'message';
  if (shown !== 'message') return t(`expectedEvidence.matcher.${shown}`);
  const or = t('expectedEvidence.matcher.or');
  const to = (m.to ?? []).map((k) => (k === 'any_team' || k === 'control' ? t(`expectedEvidence.matcher.${k}`) : names.teamByKey(k)));
  const parts = [t('expectedEvidence.matcher.message')];
  if (to.length) parts.push(t('expectedEvidence.matcher.to', { list: to.join(or) }));
  if ((m.channels ?? []).length) parts.push(t('expectedEvidence.matcher.channels', { list: (m.channels ?? []).map(names.channelTitle).join(or) }));
  if (m.kind) parts.push(t('expectedEvidence.matcher.kind', { kind: t(`kinds.${m.kind}`, { defaultValue: m.kind }) }));
  if (x.cbms?.length) parts.push(t('expectedEvidence.matcher.cbms', { list: x.cbms.join(', ') }));
  return parts.join(' ');
}

/** One message offered as evidence: when, what, to whom, on which channel, and its tags' sources. */
function MessageLine({ e, names }: { e: Evidence; names: Names }) {
  const { t } = useTranslation('report');
  const to = e.all ? [t('expectedEvidence.allTeams')] : [...(e.to ?? []).map(names.teamById), ...(e.to_control ? [t('control')] : [])];
  return (
    <span className="rp-evidence-line">
      <span className="mono">#{e.message}</span> · {formatSeconds(e.at_seconds)} ({relativeTime(t, e.after_seconds)}) <TimingBadge timing={e.timing} />{' '}
      <q className="rp-wrap">{e.subject}</q> · {t('expectedEvidence.toOn', { to: to.join(', ') || '—', channel: names.channelTitle(e.channel) })}
      {e.kind && <> · {t(`kinds.${e.kind}`, { defaultValue: e.kind })}</>}
      {(e.tags ?? []).length > 0 && (
        <>
          {' · '}
          {(e.tags ?? []).map((g, i) => (
            <span key={g.cbm} className="rp-tag" data-cbm={g.cbm} data-source={g.source}>
              {i > 0 && ', '}
              {t('cbm', { cbm: g.cbm })}
              {g.source && <span className="muted"> ({t(`expectedEvidence.tagSource.${g.source}`, { defaultValue: g.source })})</span>}
            </span>
          ))}
        </>
      )}
    </span>
  );
}

/**
 * The scoring page's review of a team's expected actions: the status, timing and
 * evidence of each, what the scenario says would show it, and the candidates — messages
 * that only carry one of the action's CBM tags — which a facilitator confirms or rejects
 * with one click. Only observed and confirmed evidence counts in the report.
 */
export function EvidenceReview({ exerciseId, team, injectTitle }: { exerciseId: number; team: TeamReport; injectTitle: (key: string) => string }) {
  const { t } = useTranslation('report');
  const names = useNames(exerciseId);
  const judge = useJudgeEvidence(exerciseId);
  const [said, setSaid] = useState('');
  const actions = team.metrics.expected_actions ?? [];

  const decide = (x: ExpectedResult, message: number, verdict: Verdict) => {
    setSaid('');
    judge.mutate(
      { team_id: team.team_id, inject: x.inject, action: x.action, message, verdict },
      { onSuccess: () => setSaid(t(`expectedEvidence.done.${verdict}`, { id: message })) },
    );
  };
  const button = (x: ExpectedResult, message: number, verdict: Verdict, label: string) => (
    <button
      type="button"
      className={verdict === 'confirmed' ? 'button' : 'button secondary'}
      disabled={judge.isPending}
      aria-label={t(`expectedEvidence.${label}Label`, { id: message, action: x.text })}
      onClick={() => decide(x, message, verdict)}
    >
      {t(`expectedEvidence.${label}`)}
    </button>
  );

  return (
    <section className="card rp-evidence-review" aria-labelledby="rp-evidence-review">
      <h2 id="rp-evidence-review">{t('expectedEvidence.title', { team: team.name })}</h2>
      <p className="muted">{t('expectedEvidence.lead')}</p>
      <p role="status" className="ok">
        {said}
      </p>
      <ApiError error={judge.error} />
      {actions.length === 0 ? (
        <p className="muted">{t('evidence.none')}</p>
      ) : (
        <ol className="rp-review-list">
          {actions.map((x) => (
            <li key={`${x.inject}/${x.action}`} data-action={x.action} data-status={x.status} data-timing={x.timing ?? ''}>
              <p>
                <StatusBadge x={x} /> <TimingBadge timing={x.timing} /> <strong>{x.text}</strong>{' '}
                <span className="muted">
                  ({injectTitle(x.inject)}
                  {x.within_seconds !== null ? ` · ${t('evidence.within', { time: formatSeconds(x.within_seconds) })}` : ''})
                </span>
              </p>
              {x.status === 'not_observable' ? (
                <p className="muted">{t('expectedEvidence.judgedByEvaluators')}</p>
              ) : (
                <p className="muted">
                  {t('expectedEvidence.shows')} {matcherText(t, x, names)}, {t(`expectedEvidence.matcher.from.${x.matcher.from ?? 'phase_start'}`)} (
                  {formatSeconds(x.window_from_seconds)}).
                </p>
              )}
              {x.found ? (
                <div className="rp-found" data-message={x.found.message}>
                  <p>
                    <strong>
                      {x.source === 'confirmed'
                        ? t('expectedEvidence.foundConfirmed', { by: x.found.by ?? '' })
                        : t('expectedEvidence.foundMatched')}
                    </strong>{' '}
                    <MessageLine e={x.found} names={names} />
                  </p>
                  <div className="form-actions">
                    {x.source === 'matched'
                      ? button(x, x.found.message, 'rejected', 'rejectMatch')
                      : button(x, x.found.message, 'cleared', 'clear')}
                  </div>
                </div>
              ) : (
                (x.evidence ?? 0) > 0 && <p>{evidenceText(t, x)}</p>
              )}
              {(x.candidates ?? []).filter((c) => c.message !== x.found?.message).length > 0 && (
                <>
                  <h3 className="rp-candidates-title">{t('expectedEvidence.candidates')}</h3>
                  <ul className="rp-candidates">
                    {(x.candidates ?? [])
                      .filter((c) => c.message !== x.found?.message)
                      .map((c) => (
                        <li key={c.message} data-message={c.message} data-verdict={c.verdict ?? ''}>
                          <MessageLine e={c} names={names} />
                          {c.verdict && (
                            <span className={c.verdict === 'confirmed' ? 'ex-badge ex-badge-ok' : 'ex-badge rp-badge-no'}>
                              {t(`expectedEvidence.verdict.${c.verdict}`, { by: c.by ?? '' })}
                            </span>
                          )}
                          <span className="form-actions">
                            {c.verdict
                              ? button(x, c.message, 'cleared', 'clear')
                              : (
                                  <>
                                    {button(x, c.message, 'confirmed', 'confirm')}
                                    {button(x, c.message, 'rejected', 'reject')}
                                  </>
                                )}
                          </span>
                        </li>
                      ))}
                  </ul>
                  {(x.more_candidates ?? 0) > 0 && <p className="muted">{t('expectedEvidence.more', { count: x.more_candidates })}</p>}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
