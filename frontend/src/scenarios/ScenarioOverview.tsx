import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { After, ParsedScenario, Trigger } from '../api/scenarios';
import { formatDuration } from './format';
import { levelLabel } from './labels';
import { formatOffset } from './timeline';
import { useCBMs } from '../api/scenarios';
import { CbmChip, CbmChips, cbmTitle } from '../components/CbmChip';
import { Markdown } from '../components/Markdown';
import { ScenarioTimeline } from './ScenarioTimeline';

/**
 * A readable view of a parsed scenario: used on the scenario page and as the editor's
 * live preview. `headingLevel` is the level of the section headings (2 on the page, 3
 * inside the editor's preview section).
 */
export function ScenarioOverview({ scenario: s, headingLevel = 2 }: { scenario: ParsedScenario; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const H = `h${headingLevel}` as 'h2' | 'h3';
  const Sub = `h${headingLevel + 1}` as 'h3' | 'h4';
  const teams = s.teams ?? [];
  const phases = s.phases ?? [];
  const injects = s.injects ?? [];
  const triggers = s.triggers ?? [];
  const objectives = s.objectives ?? [];
  const criteria = s.rubric?.criteria ?? [];
  const teamName = (key: string) => teams.find((x) => x.key === key)?.name ?? key;
  const injectTitle = (key: string) => injects.find((x) => x.key === key)?.title ?? key;

  return (
    <div className="scenario-overview">
      <section aria-labelledby="ov-summary" className="ov-section">
        <H id="ov-summary">{t('scenarios.overview.summary')}</H>
        <Markdown>{s.summary}</Markdown>
        <dl className="facts">
          <div>
            <dt>{t('scenarios.fields.duration')}</dt>
            <dd>{formatDuration(s.duration_seconds, i18n.language)}</dd>
          </div>
          <div>
            <dt>{t('scenarios.fields.level')}</dt>
            <dd>{levelLabel(t, s.level)}</dd>
          </div>
          <div>
            <dt>{t('scenarios.fields.languages')}</dt>
            <dd>{s.languages.map((l) => l.toUpperCase()).join(', ')}</dd>
          </div>
          {s.themes.length > 0 && (
            <div>
              <dt>{t('scenarios.fields.themes')}</dt>
              <dd>{s.themes.join(', ')}</dd>
            </div>
          )}
          {s.audience.length > 0 && (
            <div>
              <dt>{t('scenarios.fields.audience')}</dt>
              <dd>{s.audience.join(', ')}</dd>
            </div>
          )}
          <div>
            <dt>{t('scenarios.fields.cbms')}</dt>
            <dd>
              <CbmChips cbms={s.cbms} catalogue={s.catalogue} />
            </dd>
          </div>
        </dl>
      </section>

      {objectives.length > 0 && (
        <section aria-labelledby="ov-objectives" className="ov-section">
          <H id="ov-objectives">{t('scenarios.overview.objectives')}</H>
          <ul className="objectives">
            {objectives.map((o) => (
              <li key={o.key}>
                {o.text} <CbmChips cbms={o.cbms} catalogue={s.catalogue} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="ov-teams" className="ov-section">
        <H id="ov-teams">{t('scenarios.overview.teams')}</H>
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('scenarios.overview.teamName')}</th>
              <th scope="col">{t('scenarios.overview.teamKind')}</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => (
              <tr key={team.key}>
                <th scope="row">{team.name}</th>
                <td>{team.kind === 'state' || team.kind === 'organisation' ? t(`scenarios.teamKind.${team.kind}`) : team.kind}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="ov-phases" className="ov-section">
        <H id="ov-phases">{t('scenarios.overview.phases')}</H>
        <ol className="phases">
          {phases.map((p) => (
            <li key={p.key}>
              <Sub>
                {p.title}{' '}
                <span className="muted phase-clock">
                  {t('scenarios.overview.phaseClock', { clock: p.clock, at: formatOffset(p.starts_at_seconds) })}
                </span>
              </Sub>
              {p.situation && <Markdown>{p.situation}</Markdown>}
              {p.questions && p.questions.length > 0 && (
                <>
                  <p className="label">{t('scenarios.overview.questions')}</p>
                  <ul>
                    {p.questions.map((q) => (
                      <li key={q.key}>{q.text}</li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="ov-timeline" className="ov-section">
        <H id="ov-timeline">{t('scenarios.overview.timeline')}</H>
        <ScenarioTimeline durationSeconds={s.duration_seconds} phases={phases} injects={injects} triggers={triggers} />
      </section>

      {triggers.length > 0 && (
        <section aria-labelledby="ov-triggers" className="ov-section">
          <H id="ov-triggers">{t('scenarios.overview.triggers')}</H>
          <ul className="triggers">
            {triggers.map((tr) => (
              <li key={tr.key}>
                <strong>{tr.title}</strong>
                <br />
                {describeTrigger(t, tr, teamName, injectTitle, i18n.language)}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="ov-rubric" className="ov-section">
        <H id="ov-rubric">{t('scenarios.overview.rubric')}</H>
        <p>{s.rubric?.scale === 'numeric' ? t('scenarios.rubric.numeric') : t('scenarios.rubric.psmu')}</p>
        {criteria.length > 0 && (
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">{t('scenarios.rubric.criterion')}</th>
                <th scope="col">{t('scenarios.rubric.description')}</th>
                <th scope="col">{t('scenarios.fields.cbms')}</th>
              </tr>
            </thead>
            <tbody>
              {criteria.map((c) => (
                <tr key={c.key}>
                  <th scope="row">{c.title}</th>
                  <td>{c.description}</td>
                  <td>
                    <CbmChips cbms={c.cbms} catalogue={s.catalogue} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="ov-coverage" className="ov-section">
        <H id="ov-coverage">{t('scenarios.overview.coverage')}</H>
        <CoverageTable scenario={s} injectTitle={injectTitle} />
      </section>
    </div>
  );
}

/** Rows of the coverage table: the CBMs in focus first (in the file's order), then any other exercised CBM. */
export function coverageRows(s: Pick<ParsedScenario, 'cbms' | 'coverage'>): { cbm: string; injects: string[]; inFocus: boolean }[] {
  const cov = s.coverage ?? {};
  const rows = s.cbms.map((c) => ({ cbm: c, injects: cov[c] ?? [], inFocus: true }));
  const extra = Object.keys(cov)
    .filter((c) => !s.cbms.includes(c))
    .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  for (const c of extra) rows.push({ cbm: c, injects: cov[c] ?? [], inFocus: false });
  return rows;
}

function CoverageTable({ scenario: s, injectTitle }: { scenario: ParsedScenario; injectTitle: (k: string) => string }) {
  const { t } = useTranslation();
  const cbms = useCBMs();
  const rows = coverageRows(s);
  return (
    <table className="compact coverage" data-testid="cbm-coverage">
      <thead>
        <tr>
          <th scope="col">{t('scenarios.coverage.cbm')}</th>
          <th scope="col">{t('scenarios.coverage.count')}</th>
          <th scope="col">{t('scenarios.coverage.injects')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.cbm} className={r.injects.length === 0 ? 'not-covered' : undefined} data-cbm-row={r.cbm}>
            <th scope="row">
              <CbmChip cbm={r.cbm} catalogue={s.catalogue} />{' '}
              <span className="cbm-title" aria-hidden="true">
                {cbmTitle(cbms.data, r.cbm, s.catalogue)}
              </span>
              {!r.inFocus && <span className="muted"> {t('scenarios.coverage.notInFocus')}</span>}
            </th>
            <td className="num">{r.injects.length}</td>
            <td>
              {r.injects.length === 0 ? (
                <strong className="warn">{t('scenarios.coverage.notExercised')}</strong>
              ) : (
                <ul className="inject-list">
                  {r.injects.map((k) => (
                    <li key={k}>{injectTitle(k)}</li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function deadlineText(
  t: TFunction,
  lang: string,
  at: number | null,
  after: After | null,
  injectTitle: (k: string) => string,
): string {
  if (after) {
    return t('scenarios.trigger.deadlineAfter', {
      delay: formatDuration(after.delay_seconds, lang),
      inject: injectTitle(after.inject),
    });
  }
  if (at !== null) return t('scenarios.trigger.deadlineAt', { at: formatOffset(at) });
  return '';
}

/** A trigger's condition and effect as one plain sentence. */
export function describeTrigger(
  t: TFunction,
  tr: Trigger,
  teamName: (k: string) => string,
  injectTitle: (k: string) => string,
  lang = 'en',
): string {
  const c = tr.condition;
  const from = c.from ? teamName(c.from) : t('scenarios.trigger.anyTeam');
  const to = c.to ? teamName(c.to) : t('scenarios.trigger.anyTeam');
  const deadline = deadlineText(t, lang, c.deadline_at_seconds, c.deadline_after, injectTitle);
  const kind =
    c.kind === 'information' || c.kind === 'consultation' || c.kind === 'assistance'
      ? t(`scenarios.trigger.kind.${c.kind}`)
      : c.kind;
  let when: string;
  switch (c.type) {
    case 'message':
      when = t('scenarios.trigger.message', { from, to });
      break;
    case 'no_message':
      when = t('scenarios.trigger.noMessage', { from, to, deadline });
      break;
    case 'request_answered':
      when = t('scenarios.trigger.requestAnswered', { from, to, kind });
      break;
    case 'request_unanswered':
      when = t('scenarios.trigger.requestUnanswered', { from, to, kind, deadline });
      break;
    case 'facilitator_decision':
      when = t('scenarios.trigger.facilitatorDecision', { prompt: c.prompt });
      break;
    default:
      when = c.type;
  }
  const extras: string[] = [];
  if (c.channel) extras.push(t('scenarios.trigger.onChannel', { channel: c.channel }));
  if (c.cbm) extras.push(t('scenarios.trigger.taggedCbm', { cbm: c.cbm }));
  const releases = tr.release.map((k) => `“${injectTitle(k)}”`).join(', ');
  return [when + (extras.length ? ` (${extras.join(', ')})` : ''), t('scenarios.trigger.releases', { injects: releases })]
    .join(' → ')
    .replace(/\s+/g, ' ')
    .trim();
}
