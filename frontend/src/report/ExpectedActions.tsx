import { useTranslation } from 'react-i18next';
import type { ExpectedResult, TeamReport } from './api';
import { formatSeconds } from './model';

type T = (key: string, opts?: Record<string, unknown>) => string;

const STATUS_CLASS: Record<string, string> = {
  observed: 'ex-badge ex-badge-ok',
  confirmed: 'ex-badge ex-badge-ok',
  candidate: 'ex-badge ex-badge-new',
  not_observed: 'ex-badge rp-badge-no',
  not_observable: 'ex-badge',
};

/** The status of an expected action's evidence: observed, confirmed, candidate only… */
export function StatusBadge({ x }: { x: ExpectedResult }) {
  const { t } = useTranslation('report');
  return (
    <span className={STATUS_CLASS[x.status] ?? 'ex-badge'} data-status={x.status}>
      {t(`expectedEvidence.status.${x.status}`, { defaultValue: x.status })}
    </span>
  );
}

/** Early, in time or late, when something counts. */
export function TimingBadge({ timing }: { timing?: string | null }) {
  const { t } = useTranslation('report');
  if (!timing) return null;
  return (
    <span className={`ex-badge rp-timing rp-timing-${timing}`} data-timing={timing}>
      {t(`expectedEvidence.timing.${timing}`, { defaultValue: timing })}
    </span>
  );
}

/** "4:00 before the inject" or "2:30 after the inject". */
export function relativeTime(t: T, afterSeconds: number | null | undefined): string {
  if (afterSeconds === null || afterSeconds === undefined) return '';
  return afterSeconds < 0
    ? t('expectedEvidence.beforeInject', { time: formatSeconds(-afterSeconds) })
    : t('expectedEvidence.afterInject', { time: formatSeconds(afterSeconds) });
}

/** What the evidence that counts is: the message (and who confirmed it) or the record. */
export function evidenceText(t: T, x: ExpectedResult): string {
  if (!x.evidence) return '';
  if (x.found) {
    return x.source === 'confirmed' && x.found.by
      ? t('expectedEvidence.messageConfirmed', { id: x.found.message, by: x.found.by })
      : t('expectedEvidence.messageMatched', { id: x.found.message });
  }
  return t(`expectedEvidence.record.${x.matcher.shown_by ?? 'message'}`, { id: x.evidence, defaultValue: `#${x.evidence}` });
}

/**
 * The expected actions of a team in the report: which were observed and which a
 * facilitator confirmed, early, in time or late; which have only candidates (not
 * counted), were not observed, or are judged by the evaluators.
 */
export function ExpectedActions({ team, injectTitle }: { team: TeamReport; injectTitle: (key: string) => string }) {
  const { t } = useTranslation('report');
  const actions = team.metrics.expected_actions ?? [];
  if (actions.length === 0) return <p className="muted">{t('evidence.none')}</p>;
  return (
    <ul className="rp-expected">
      {actions.map((x) => {
        const candidates = (x.candidates ?? []).filter((c) => !c.verdict).length + (x.more_candidates ?? 0);
        const details = [
          injectTitle(x.inject),
          relativeTime(t, x.after_seconds),
          x.within_seconds !== null ? t('evidence.within', { time: formatSeconds(x.within_seconds) }) : '',
          evidenceText(t, x),
          x.status === 'candidate' ? t('expectedEvidence.awaiting', { count: candidates }) : '',
        ].filter(Boolean);
        return (
          <li
            key={`${x.inject}/${x.action}`}
            data-action={x.action}
            data-status={x.status}
            data-timing={x.timing ?? ''}
            data-source={x.source ?? ''}
            data-observed={x.observed}
            data-in-time={x.in_time}
          >
            <StatusBadge x={x} /> <TimingBadge timing={x.timing} /> {x.text} <span className="muted">({details.join(' · ')})</span>
          </li>
        );
      })}
    </ul>
  );
}
