import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { Markdown } from '../components/Markdown';
import { PageTitle } from '../components/PageTitle';
import { useExercise } from '../exercise/api';
import { AttributionNotice } from './AttributionNotice';
import { reportCsvUrl, useReport, type Language, type Report, type TeamReport } from './api';
import { ReportLanguage } from './ReportLanguage';
import { ReportDownloads } from './ReportDownloads';
import { filterTimeline, formatSeconds, heatRows, scaleValues } from './model';
import { RaterAgreement } from './RaterAgreement';
import { PlanTable } from './ScoringPage';
import { ReportAnswers } from './ReportAnswers';
import { ReportStatements } from './ReportStatements';
import { isJumpEntry, JumpDetail } from './JumpDetail';
import { SurveyAnnex } from '../survey/SurveyAnnex';
import { MeasuredEvidence, StaffLinks, useInjectTitle, useTeamNamer } from './shared';
import './report.css';

const ResponseCharts = lazy(() => import('./ResponseCharts').then((m) => ({ default: m.ResponseCharts })));

const KINDS = ['phase', 'inject', 'message', 'request', 'clock'] as const;

/** The after-action report: staff always, participants once it is published (their team only). */
export function ReportPage() {
  const { t } = useTranslation('report');
  const id = Number(useParams().id);
  const [lang, setLang] = useState<Language | undefined>();
  const report = useReport(id, lang);
  const ex = useExercise(id);
  const staff = ex.data?.viewer.role === 'staff';

  if (report.isPending) return <p role="status">{t('loading')}</p>;
  if (report.isError) {
    const notPublished = isApiError(report.error) && report.error.code === 'report_not_published';
    return (
      <div className="card rp-unavailable" role={notPublished ? 'status' : 'alert'}>
        <h1>{t('report.unavailableTitle')}</h1>
        <p>{notPublished ? t('report.notPublished') : t('loadFailed', { message: report.error.message })}</p>
        {ex.data?.viewer.role === 'participant' && <Link to={`/exercises/${id}/room`}>{t('report.backToRoom')}</Link>}
      </div>
    );
  }
  return (
    <ReportView
      id={id}
      report={report.data}
      staff={staff}
      languages={ex.data?.scenario.languages ?? []}
      onLanguage={setLang}
    />
  );
}

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function ReportView({
  id,
  report: r,
  staff,
  languages,
  onLanguage,
}: {
  id: number;
  report: Report;
  staff: boolean;
  languages: readonly string[];
  onLanguage: (lang: Language) => void;
}) {
  const { t, i18n } = useTranslation('report');
  const teamName = useTeamNamer(id, r);
  const injectTitle = useInjectTitle(id);
  const teams = r.teams ?? [];
  const criteria = r.exercise.criteria ?? [];
  const dateFmt = (s: string | null) => (s ? new Date(s).toLocaleString(i18n.language) : '—');
  const heatTeams = r.heat_map.teams ?? [];

  return (
    <div className="rp-page rp-report">
      <PageTitle>{t('report.title', { title: r.exercise.title || r.exercise.scenario })}</PageTitle>
      <div className="rp-toolbar no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t('report.print')}
        </button>
        <ReportLanguage languages={languages} value={r.language ?? ''} onChange={onLanguage} />
        <ReportDownloads id={id} lang={r.language} />
        <a className="button secondary" href={reportCsvUrl(id, r.language)} download>
          {t('report.csv')}
        </a>
        <a className="button secondary" href={reportCsvUrl(id, r.language, 'tour')} download>
          {t('tourExport.csv')}
        </a>
        <button
          type="button"
          className="button secondary"
          onClick={() => download(`cbmex-report-${id}.json`, JSON.stringify({ report: r }, null, 2), 'application/json')}
        >
          {t('report.json')}
        </button>
      </div>
      {staff && <StaffLinks id={id} current="report" />}
      {staff && !r.published && <p className="notice no-print">{t('report.draftNotice')}</p>}

      <section className="card rp-section" aria-labelledby="rp-overview">
        <h2 id="rp-overview">{t('report.overview')}</h2>
        <dl className="rp-facts">
          <div>
            <dt>{t('report.scenario')}</dt>
            <dd>{t('report.scenarioVersion', { title: r.exercise.scenario, version: r.exercise.scenario_version })}</dd>
          </div>
          <div>
            <dt>{t('report.status')}</dt>
            <dd>{t(`status.${r.exercise.status}`, { defaultValue: r.exercise.status })}</dd>
          </div>
          <div>
            <dt>{t('report.started')}</dt>
            <dd>{dateFmt(r.exercise.started_at)}</dd>
          </div>
          <div>
            <dt>{t('report.ended')}</dt>
            <dd>{dateFmt(r.exercise.ended_at)}</dd>
          </div>
          <div>
            <dt>{t('report.played')}</dt>
            <dd>{formatSeconds(r.exercise.played_seconds)}</dd>
          </div>
          <div>
            <dt>{t('report.teams')}</dt>
            <dd>{heatTeams.map((x) => teamName(x)).join(', ') || '—'}</dd>
          </div>
        </dl>
        <AttributionNotice report={r} />
        {r.exercise.summary && <Markdown>{r.exercise.summary}</Markdown>}
        <h3>{t('report.objectives')}</h3>
        <ul>
          {(r.exercise.objectives ?? []).map((o) => (
            <li key={o.key}>
              {o.text}
              {o.cbms && o.cbms.length > 0 && <span className="muted"> ({t('cbmList', { list: o.cbms.join(', ') })})</span>}
            </li>
          ))}
        </ul>
      </section>

      <TimelineSection report={r} teamName={teamName} />

      <section className="card rp-section" aria-labelledby="rp-answers">
        <h2 id="rp-answers">{t('report.answers')}</h2>
        <ReportAnswers report={r} teamName={teamName} />
        <ReportStatements report={r} teamName={teamName} />
      </section>

      <section className="card rp-section" aria-labelledby="rp-scorecards">
        <h2 id="rp-scorecards">{t('report.scorecards')}</h2>
        <p className="muted">
          {t('report.scaleLegend')}{' '}
          {scaleValues(r.exercise.scale)
            .map((v) => `${v.value} — ${t(v.meaningKey)}`)
            .join('; ')}
        </p>
        {teams.map((team) => (
          <Scorecard key={team.team_id} team={team} criteria={criteria} teamName={teamName} injectTitle={injectTitle} />
        ))}
      </section>

      <section className="card rp-section" aria-labelledby="rp-heat">
        <h2 id="rp-heat">{t('report.heatMap')}</h2>
        <HeatMapTable report={r} teamName={teamName} />
      </section>

      <section className="card rp-section" aria-labelledby="rp-charts">
        <h2 id="rp-charts">{t('report.responseTimes')}</h2>
        <Suspense fallback={<p role="status">{t('loading')}</p>}>
          <ResponseCharts teams={teams} injectTitle={injectTitle} />
        </Suspense>
      </section>

      {staff && (r.notes ?? []).length > 0 && (
        <section className="card rp-section" aria-labelledby="rp-notes">
          <h2 id="rp-notes">{t('report.notes')}</h2>
          <ul>
            {(r.notes ?? []).map((n, i) => (
              <li key={i}>
                <span className="mono">{formatSeconds(n.at_seconds)}</span> {n.text} <span className="muted">— {n.by}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card rp-section" aria-labelledby="rp-plan-r">
        <h2 id="rp-plan-r">{t('plan.title')}</h2>
        <PlanTable plan={r.improvement_plan ?? []} />
      </section>

      {r.definitions && (
        <section className="card rp-section" aria-labelledby="rp-defs">
          <h2 id="rp-defs">{t('report.definitions')}</h2>
          <dl className="rp-defs">
            {Object.entries(r.definitions)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => (
                <div key={k}>
                  <dt>{t(`definitions.${k}`, { defaultValue: k })}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
          </dl>
        </section>
      )}
      {staff && <SurveyAnnex exerciseId={id} lang={r.language} />}
    </div>
  );
}

function TimelineSection({ report: r, teamName }: { report: Report; teamName: (id: number | undefined) => string }) {
  const { t } = useTranslation('report');
  const [team, setTeam] = useState(0);
  const [kinds, setKinds] = useState<Set<string>>(new Set());
  const all = useMemo(() => r.timeline ?? [], [r.timeline]);
  const rows = useMemo(() => filterTimeline(all, { team, kinds }), [all, team, kinds]);
  const toggle = (k: string, on: boolean) =>
    setKinds((prev) => {
      const next = new Set(prev);
      if (on) next.add(k);
      else next.delete(k);
      return next;
    });
  return (
    <section className="card rp-section" aria-labelledby="rp-timeline">
      <h2 id="rp-timeline">{t('report.timeline')}</h2>
      <div className="rp-filters no-print" role="group" aria-label={t('timeline.filters')}>
        <div className="field">
          <label htmlFor="rp-tl-team">{t('timeline.team')}</label>
          <select id="rp-tl-team" value={team} onChange={(e) => setTeam(Number(e.target.value))}>
            <option value={0}>{t('timeline.allTeams')}</option>
            {(r.heat_map.teams ?? []).map((x) => (
              <option key={x} value={x}>
                {teamName(x)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="rp-kinds">
          <legend>{t('timeline.kinds')}</legend>
          {KINDS.map((k) => (
            <label key={k}>
              <input type="checkbox" checked={kinds.has(k)} onChange={(e) => toggle(k, e.target.checked)} />{' '}
              {t(`timeline.kind.${k}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="muted" aria-live="polite">
        {t('timeline.count', { count: rows.length, total: all.length })}
      </p>
      <div className="table-wrap">
        <table className="compact rp-timeline">
          <thead>
            <tr>
              <th scope="col">{t('timeline.time')}</th>
              <th scope="col">{t('timeline.kindCol')}</th>
              <th scope="col">{t('timeline.what')}</th>
              <th scope="col">{t('timeline.by')}</th>
              <th scope="col">{t('timeline.to')}</th>
              <th scope="col">{t('timeline.cbms')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={`${e.seq}-${e.kind}`} data-kind={e.kind} data-seq={e.seq}>
                <td className="mono">{formatSeconds(e.at_seconds)}</td>
                <td>{t(`timeline.kind.${e.kind}`, { defaultValue: e.kind })}</td>
                <td>
                  {e.kind === 'message' || e.kind === 'request' ? `#${e.seq} ` : ''}
                  {e.title}
                  {e.detail && !isJumpEntry(e) && <span className="muted"> · {t(`detail.${e.detail}`, { defaultValue: e.detail })}</span>}
                  <JumpDetail entry={e} />
                </td>
                <td>{e.team_id ? teamName(e.team_id) : e.kind === 'message' || e.kind === 'request' ? teamName(0) : '—'}</td>
                <td>{(e.teams ?? []).length ? (e.teams ?? []).map((x) => teamName(x)).join(', ') : '—'}</td>
                <td>{(e.cbms ?? []).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Scorecard({
  team,
  criteria,
  teamName,
  injectTitle,
}: {
  team: TeamReport;
  criteria: Report['exercise']['criteria'];
  teamName: (id: number) => string;
  injectTitle: (key: string) => string;
}) {
  const { t } = useTranslation('report');
  const titleOf = (key: string) => criteria?.find((c) => c.key === key)?.title ?? key;
  return (
    <article className="rp-scorecard" aria-labelledby={`rp-sc-${team.team_id}`} data-team-key={team.key}>
      <h3 id={`rp-sc-${team.team_id}`}>{teamName(team.team_id)}</h3>
      <div className="table-wrap">
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('scorecard.criterion')}</th>
              <th scope="col">{t('scorecard.agreed')}</th>
              <th scope="col">{t('scorecard.facilitators')}</th>
              <th scope="col">{t('scorecard.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {(team.scorecard ?? []).map((c) => (
              <tr key={c.criterion} data-criterion={c.criterion}>
                <th scope="row">{titleOf(c.criterion)}</th>
                <td data-final>{c.final ? <strong className="rp-score">{c.final.value}</strong> : '—'}</td>
                <td>
                  {(c.scores ?? []).length === 0
                    ? '—'
                    : (c.scores ?? []).map((s) => `${s.by}: ${s.value}`).join(' · ')}
                  {c.differ && (
                    <>
                      {' '}
                      <span className="ex-badge rp-badge-differ">{t('scorecard.differ')}</span>
                    </>
                  )}
                </td>
                <td>
                  {c.final?.comment || (c.scores ?? []).map((s) => s.comment).filter(Boolean).join(' / ') || '—'}
                  {(c.final?.evidence ?? []).length > 0 && (
                    <span className="muted"> ({t('scorecard.evidence', { list: (c.final?.evidence ?? []).map((x) => `#${x}`).join(', ') })})</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {team.agreement && <RaterAgreement agreement={team.agreement} titleOf={titleOf} />}
      <div className="rp-assess">
        <div>
          <h4>{t('strengths')}</h4>
          <p className="rp-pre">{team.strengths || '—'}</p>
        </div>
        <div>
          <h4>{t('improvements')}</h4>
          <p className="rp-pre">{team.improvements || '—'}</p>
        </div>
      </div>
      <details className="rp-measured" open>
        <summary>
          <h4>{t('report.measured')}</h4>
        </summary>
        <MeasuredEvidence team={team} teamName={teamName} injectTitle={injectTitle} headingLevel={4} />
      </details>
    </article>
  );
}

function HeatMapTable({ report: r, teamName }: { report: Report; teamName: (id: number) => string }) {
  const { t } = useTranslation('report');
  const rows = heatRows(r.heat_map);
  const teams = r.heat_map.teams ?? [];
  if (rows.length === 0) return <p className="muted">{t('heat.empty')}</p>;
  return (
    <>
      <p className="muted">{t('heat.legend')}</p>
      <div className="table-wrap">
        <table className="rp-heat">
          <caption className="visually-hidden">{t('heat.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('heat.cbm')}</th>
              {teams.map((x) => (
                <th scope="col" key={x}>
                  {teamName(x)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.cbm} data-cbm={row.cbm}>
                <th scope="row">{t('cbm', { cbm: row.cbm })}</th>
                {row.cells.map((c) => (
                  <td
                    key={c.team}
                    className={`rp-heat-${c.level}${c.expected ? ' rp-heat-expected' : ''}`}
                    data-team={c.team}
                    data-count={c.count}
                  >
                    <span className="rp-heat-count">{c.count}</span>
                    {c.expected && (
                      <span className="rp-heat-mark" title={t('heat.expected')}>
                        {' '}
                        ★<span className="visually-hidden">{t('heat.expected')}</span>
                      </span>
                    )}
                    {c.expected && c.count === 0 && <span className="visually-hidden"> {t('heat.missing')}</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
