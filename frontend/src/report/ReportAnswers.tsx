import { useTranslation } from 'react-i18next';
import type { Report, ReportAnswer } from './api';

/** One phase's answers of one team, in the order the report gives them (the scenario's). */
interface PhaseGroup {
  phase: string;
  title: string;
  answers: ReportAnswer[];
}

/** Groups a team's answers by phase, keeping the order of first appearance. */
export function byPhase(answers: readonly ReportAnswer[]): PhaseGroup[] {
  const groups: PhaseGroup[] = [];
  for (const a of answers) {
    let g = groups.find((x) => x.phase === a.phase);
    if (!g) {
      g = { phase: a.phase, title: a.phase_title || a.phase, answers: [] };
      groups.push(g);
    }
    g.answers.push(a);
  }
  return groups;
}

/**
 * The teams' answers to the stage questions: per team, per phase (by its title), each
 * question as the scenario asks it. Keys show only when the scenario no longer has the
 * phase or question.
 */
export function ReportAnswers({ report: r, teamName }: { report: Report; teamName: (id: number) => string }) {
  const { t } = useTranslation('report');
  const answers = r.answers ?? [];
  if (answers.length === 0) return <p className="muted">{t('report.noAnswers')}</p>;
  const teams = [...new Set(answers.map((a) => a.team_id))];
  return (
    <>
      {teams.map((team) => (
        <div key={team} className="rp-team-answers" data-team={team}>
          <h3>{teamName(team)}</h3>
          {byPhase(answers.filter((a) => a.team_id === team)).map((g) => (
            <section key={g.phase} className="rp-phase-answers" aria-label={t('readable.answers.phase', { phase: g.title })}>
              <h4>{g.title}</h4>
              <dl>
                {g.answers.map((a) => (
                  <div key={`${a.phase}/${a.question}`} data-question={a.question}>
                    <dt>{a.question_text || a.question}</dt>
                    <dd>
                      <span className="rp-pre">{a.text}</span> {a.by && <span className="muted">— {a.by}</span>}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      ))}
    </>
  );
}
