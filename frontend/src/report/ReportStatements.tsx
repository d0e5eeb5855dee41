import { useTranslation } from 'react-i18next';
import type { Report } from './api';

/** Seconds as m:ss. */
const mmss = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s) % 60).padStart(2, '0')}`;

/**
 * The delegations' statements for each phase's tour de table, beside the answers: per
 * phase (by its title), each team's words and how long it had the floor.
 */
export function ReportStatements({ report: r, teamName }: { report: Report; teamName: (id: number) => string }) {
  const { t } = useTranslation('report');
  const statements = r.statements ?? [];
  if (statements.length === 0) return null;
  const phases = [...new Set(statements.map((s) => s.phase))];
  return (
    <div className="rp-statements">
      <h3>{t('tour.title')}</h3>
      {phases.map((phase) => {
        const own = statements.filter((s) => s.phase === phase);
        return (
          <section key={phase} aria-label={t('tour.phase', { phase: own[0]!.phase_title || phase })}>
            <h4>{own[0]!.phase_title || phase}</h4>
            <dl>
              {own.map((s) => (
                <div key={s.team_id} data-team={s.team_id}>
                  <dt>
                    {teamName(s.team_id)}
                    {s.spoke_seconds != null && <span className="muted"> · {t('tour.spoke', { time: mmss(s.spoke_seconds) })}</span>}
                  </dt>
                  <dd>
                    <span className="rp-pre">{s.text}</span> {s.by && <span className="muted">— {s.by}</span>}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}
