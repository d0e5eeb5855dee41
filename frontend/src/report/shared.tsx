import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useExercise, useInjects } from '../exercise/api';
import type { Report, TeamReport } from './api';
import { ExpectedActions } from './ExpectedActions';
import { formatSeconds } from './model';

/**
 * Team id → name; 0 is the control cell. A report names every team by its role in the scenario,
 * with the delegation beside it only when the workshop turned on attributed results; without a
 * report, the exercise's names.
 */
export function useTeamNamer(id: number, report?: Report) {
  const { t } = useTranslation('report');
  const ex = useExercise(id);
  return (team: number | undefined): string => {
    if (!team) return t('control');
    const role = report?.roles?.find((x) => x.team_id === team);
    if (role) return role.delegation ? t('attribution.withDelegation', { role: role.name, delegation: role.delegation }) : role.name;
    return (
      report?.teams?.find((x) => x.team_id === team)?.name ??
      ex.data?.teams?.find((x) => x.id === team)?.name ??
      t('teamNumber', { id: team })
    );
  };
}

/** Links between the staff screens of one exercise. */
export function StaffLinks({ id, current }: { id: number; current: 'scoring' | 'report' | 'replay' }) {
  const { t } = useTranslation('report');
  const links = [
    { key: 'console', to: `/exercises/${id}/console`, label: t('links.console') },
    { key: 'scoring', to: `/exercises/${id}/scoring`, label: t('links.scoring') },
    { key: 'report', to: `/exercises/${id}/report`, label: t('links.report') },
    { key: 'replay', to: `/exercises/${id}/replay`, label: t('links.replay') },
  ].filter((l) => l.key !== current);
  return (
    <nav aria-label={t('links.label')} className="rp-links no-print">
      {links.map((l) => (
        <Link key={l.key} to={l.to} className="button secondary">
          {l.label}
        </Link>
      ))}
    </nav>
  );
}

const secs = (s: number | null | undefined) => formatSeconds(s);

/**
 * What the system measured for a team: evidence beside the rubric, never the score.
 */
export function MeasuredEvidence({
  team,
  teamName,
  injectTitle,
  headingLevel = 3,
  showExpected = true,
}: {
  team: TeamReport;
  teamName: (id: number) => string;
  injectTitle: (key: string) => string;
  headingLevel?: 3 | 4;
  /** False where the page lists the expected actions itself (the scoring page's review). */
  showExpected?: boolean;
}) {
  const { t } = useTranslation('report');
  const m = team.metrics;
  const H = headingLevel === 3 ? 'h3' : 'h4';
  const cbmUse = m.cbm_use ?? {};
  const expectedCbms = m.expected_cbms ?? [];
  const usedCbms = Object.keys(cbmUse);
  const allCbms = [...new Set([...expectedCbms, ...usedCbms])].sort((a, b) => Number(a) - Number(b));
  return (
    <div className="rp-evidence" data-team-key={team.key}>
      <p className="muted">{t('evidence.notScore')}</p>
      <dl className="rp-facts">
        <div>
          <dt>{t('evidence.messagesSent')}</dt>
          <dd data-metric="messages_sent">{m.messages_sent}</dd>
        </div>
        <div>
          <dt>{t('evidence.messagesReceived')}</dt>
          <dd data-metric="messages_received">{m.messages_received}</dd>
        </div>
        <div>
          <dt>{t('evidence.requestsSent')}</dt>
          <dd data-metric="requests_sent">
            {t('evidence.requestsAnswered', { sent: m.requests_sent, answered: m.requests_sent_answered })}
          </dd>
        </div>
        <div>
          <dt>{t('evidence.medianAck')}</dt>
          <dd data-metric="median_ack">{secs(m.median_ack_seconds)}</dd>
        </div>
        <div>
          <dt>{t('evidence.medianAnswer')}</dt>
          <dd data-metric="median_answer">{secs(m.median_answer_seconds)}</dd>
        </div>
        <div>
          <dt>{t('evidence.poc')}</dt>
          <dd data-metric="poc_complete">{m.poc_complete ? t('evidence.pocComplete') : t('evidence.pocIncomplete')}</dd>
        </div>
      </dl>

      <H>{t('evidence.injectResponses')}</H>
      {(m.inject_responses ?? []).length === 0 ? (
        <p className="muted">{t('evidence.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">{t('evidence.inject')}</th>
                <th scope="col">{t('evidence.releasedAt')}</th>
                <th scope="col">{t('evidence.firstAction')}</th>
              </tr>
            </thead>
            <tbody>
              {[...(m.inject_responses ?? [])]
                .sort((a, b) => a.released_at_seconds - b.released_at_seconds || a.inject.localeCompare(b.inject))
                .map((r) => (
                  <tr key={r.inject} data-inject={r.inject}>
                    <td>{injectTitle(r.inject)}</td>
                    <td>{secs(r.released_at_seconds)}</td>
                    <td>{r.first_action_seconds === null ? t('evidence.noAction') : secs(r.first_action_seconds)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}

      <H>{t('evidence.requestsReceived')}</H>
      {(m.requests_received ?? []).length === 0 ? (
        <p className="muted">{t('evidence.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">{t('evidence.request')}</th>
                <th scope="col">{t('evidence.from')}</th>
                <th scope="col">{t('evidence.status')}</th>
                <th scope="col">{t('evidence.ack')}</th>
                <th scope="col">{t('evidence.answer')}</th>
              </tr>
            </thead>
            <tbody>
              {(m.requests_received ?? []).map((r) => (
                <tr key={r.message} data-request={r.message}>
                  <td>
                    #{r.message} {r.kind ? t(`kinds.${r.kind}`, { defaultValue: r.kind }) : ''}
                  </td>
                  <td>{teamName(r.from)}</td>
                  <td>{t(`requestStatus.${r.status}`, { defaultValue: r.status })}</td>
                  <td data-metric="ack_seconds">{secs(r.ack_seconds)}</td>
                  <td data-metric="answer_seconds">{secs(r.answer_seconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {showExpected && (
        <>
          <H>{t('evidence.expected')}</H>
          <ExpectedActions team={team} injectTitle={injectTitle} />
        </>
      )}

      <H>{t('evidence.cbmUse')}</H>
      {allCbms.length === 0 ? (
        <p className="muted">{t('evidence.none')}</p>
      ) : (
        <ul className="chips">
          {allCbms.map((c) => (
            <li key={c} className="chip" data-cbm={c}>
              {t('evidence.cbmCount', { cbm: c, count: cbmUse[c] ?? 0 })}
              {expectedCbms.includes(c) ? ` · ${t('evidence.expectedCbm')}` : ''}
            </li>
          ))}
        </ul>
      )}

      {(m.comm_checks ?? []).length > 0 && (
        <>
          <H>{t('evidence.commChecks')}</H>
          <ul>
            {(m.comm_checks ?? []).map((c) => (
              <li key={c.check}>
                {t('evidence.commCheck', { id: c.check })}:{' '}
                {c.ack_seconds === null ? t('evidence.notAcked') : t('evidence.ackedAfter', { time: secs(c.ack_seconds) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** Inject key → title (from GET …/injects; the key when unknown). */
export function useInjectTitle(id: number) {
  const injects = useInjects(id);
  return (key: string) => injects.data?.find((i) => i.key === key)?.title ?? key;
}
