import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { useWorkshops } from '../exercise/api';
import {
  dashboardCsvUrl,
  useDashboard,
  type Dashboard,
  type DashboardDelegation,
  type DashboardFigures,
  type DashboardScenario,
  type RankedCBM,
} from './api';
import { formatSeconds } from './model';
import './report.css';

/** Agreed scores as "P 3 · S 1", best first (P, S, M, U; 4 to 0). */
export function scoreCounts(scores: Record<string, number> | null | undefined): string {
  const order = 'PSMU43210';
  const rank = (v: string) => (v.length === 1 && order.includes(v) ? order.indexOf(v) : order.length);
  const entries = Object.entries(scores ?? {}).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  return entries.length ? entries.map(([v, n]) => `${v} ${n}`).join(' · ') : '—';
}

/**
 * Organisers' dashboard: how well the CBMs were used across exercises and workshops — per CBM,
 * per scenario and its roles (fictional States), per workshop. Real delegations appear only for
 * workshops whose organisers turned on attributed results, in a section of their own.
 */
export function DashboardPage() {
  const { t } = useTranslation('report');
  const [params, setParams] = useSearchParams();
  const workshop = Number(params.get('workshop')) || null;
  const workshops = useWorkshops();
  const dash = useDashboard(workshop);

  const choose = (v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set('workshop', v);
    else next.delete('workshop');
    setParams(next, { replace: true });
  };

  return (
    <div className="rp-page rp-dashboard">
      <PageTitle>{t('dashboard.title')}</PageTitle>
      <p className="muted">{t('dashboard.lead')}</p>
      <div className="rp-toolbar">
        <div className="field">
          <label htmlFor="rp-workshop">{t('dashboard.workshop')}</label>
          <select id="rp-workshop" value={workshop ?? ''} onChange={(e) => choose(e.target.value)}>
            <option value="">{t('dashboard.allWorkshops')}</option>
            {(workshops.data ?? []).map((w) => (
              <option key={w.id} value={w.id}>
                {w.title}
              </option>
            ))}
          </select>
        </div>
        <a className="button secondary" href={dashboardCsvUrl(workshop)} download>
          {t('dashboard.csv')}
        </a>
      </div>
      {dash.isPending && <p role="status">{t('loading')}</p>}
      {dash.isError && (
        <p className="alert error" role="alert">
          {t('loadFailed', { message: dash.error.message })}
        </p>
      )}
      {dash.data && <DashboardView d={dash.data} />}
    </div>
  );
}

export function DashboardView({ d }: { d: Dashboard }) {
  const { t, i18n } = useTranslation('report');
  const date = (s: string | null) => (s ? new Date(s).toLocaleDateString(i18n.language) : '—');
  const exercises = d.exercises ?? [];
  return (
    <>
      <section className="card" aria-labelledby="rp-d-ex">
        <h2 id="rp-d-ex">{t('dashboard.exercises', { count: exercises.length })}</h2>
        {exercises.length === 0 ? (
          <p className="muted">{t('dashboard.noExercises')}</p>
        ) : (
          <div className="table-wrap">
            <table className="compact">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.exercise')}</th>
                  <th scope="col">{t('dashboard.workshop')}</th>
                  <th scope="col">{t('dashboard.scenario')}</th>
                  <th scope="col">{t('dashboard.status')}</th>
                  <th scope="col">{t('dashboard.started')}</th>
                </tr>
              </thead>
              <tbody>
                {exercises.map((x) => (
                  <tr key={x.id}>
                    <td>
                      <Link to={`/exercises/${x.id}/report`}>{x.title || x.scenario}</Link>
                      {x.attributed && (
                        <>
                          {' '}
                          <span className="ex-badge ex-badge-new">{t('dashboard.attributedBadge')}</span>
                        </>
                      )}
                    </td>
                    <td>{x.workshop}</td>
                    <td>{x.scenario}</td>
                    <td>{t(`status.${x.status}`, { defaultValue: x.status })}</td>
                    <td>{date(x.started_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <CbmSection d={d} />
      <ScenarioSection scenarios={d.scenarios ?? []} />
      <WorkshopSection d={d} />
      {(d.delegations ?? []).length > 0 && <DelegationSection rows={d.delegations ?? []} date={date} />}
    </>
  );
}

/** "2 of 4" expected actions observed (or confirmed), and how many in time. */
function Observed({ x }: { x: { expected: number; observed: number; in_time: number } }) {
  const { t } = useTranslation('report');
  if (x.expected === 0) return <>—</>;
  return <>{t('dashboard.ofExpected', { observed: x.observed, expected: x.expected })}</>;
}

function InTime({ x }: { x: { expected: number; in_time: number } }) {
  const { t } = useTranslation('report');
  if (x.expected === 0) return <>—</>;
  return <>{t('dashboard.ofExpected', { observed: x.in_time, expected: x.expected })}</>;
}

function RankList({ id, title, list }: { id: string; title: string; list: RankedCBM[] }) {
  const { t } = useTranslation('report');
  return (
    <div className="rp-ranks">
      <h3 id={id}>{title}</h3>
      {list.length === 0 ? (
        <p className="muted">{t('dashboard.noCbms')}</p>
      ) : (
        <ol aria-labelledby={id} data-list={id}>
          {list.map((c) => (
            <li key={c.cbm} value={c.rank} data-cbm={c.cbm} data-rank={c.rank}>
              {t('cbm', { cbm: c.cbm })} — {t('dashboard.usesCount', { count: c.uses })}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function CbmSection({ d }: { d: Dashboard }) {
  const { t } = useTranslation('report');
  const cbms = d.cbms ?? [];
  const maxUses = Math.max(0, ...cbms.map((c) => c.uses));
  return (
    <section className="card" aria-labelledby="rp-d-cbms">
      <h2 id="rp-d-cbms">{t('dashboard.cbms')}</h2>
      {cbms.length === 0 ? (
        <p className="muted">{t('dashboard.noCbms')}</p>
      ) : (
        <>
          <p className="muted">{t('dashboard.ranksLegend')}</p>
          <div className="rp-ranks-pair">
            <RankList id="rp-d-most" title={t('dashboard.mostUsed')} list={d.most_used ?? []} />
            <RankList id="rp-d-least" title={t('dashboard.leastUsed')} list={d.least_used ?? []} />
          </div>
          <div className="table-wrap">
            <table className="compact">
              <thead>
                <tr>
                  <th scope="col">{t('heat.cbm')}</th>
                  <th scope="col">{t('dashboard.uses')}</th>
                  <th scope="col">{t('dashboard.teamsUsing')}</th>
                  <th scope="col">{t('dashboard.exercisesExpecting')}</th>
                  <th scope="col">{t('dashboard.observed')}</th>
                  <th scope="col">{t('dashboard.inTime')}</th>
                </tr>
              </thead>
              <tbody>
                {cbms.map((c) => (
                  <tr key={c.cbm} data-cbm={c.cbm}>
                    <th scope="row">{t('cbm', { cbm: c.cbm })}</th>
                    <td>
                      <span className="rp-bar" aria-hidden="true" style={{ width: `${maxUses ? (c.uses / maxUses) * 8 : 0}rem` }} />{' '}
                      {c.uses}
                    </td>
                    <td>{c.teams_using}</td>
                    <td>{c.exercises_expecting}</td>
                    <td>
                      <Observed x={c.expected_actions} />
                    </td>
                    <td>
                      <InTime x={c.expected_actions} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** The figures of a group of teams as table cells, in one order everywhere. */
function FigureCells({ f }: { f: DashboardFigures }) {
  return (
    <>
      <td>{f.exercises}</td>
      <td>{f.messages_sent}</td>
      <td>{formatSeconds(f.median_ack_seconds)}</td>
      <td>{formatSeconds(f.median_answer_seconds)}</td>
      <td>
        <Observed x={f.expected_actions} />
      </td>
      <td>
        <InTime x={f.expected_actions} />
      </td>
      <td>{scoreCounts(f.scores)}</td>
    </>
  );
}

function FigureHeads({ first }: { first: ReactNode }) {
  const { t } = useTranslation('report');
  return (
    <tr>
      <th scope="col">{first}</th>
      <th scope="col">{t('dashboard.played')}</th>
      <th scope="col">{t('dashboard.messages')}</th>
      <th scope="col">{t('dashboard.medianAck')}</th>
      <th scope="col">{t('dashboard.medianAnswer')}</th>
      <th scope="col">{t('dashboard.observed')}</th>
      <th scope="col">{t('dashboard.inTime')}</th>
      <th scope="col">{t('dashboard.scores')}</th>
    </tr>
  );
}

function ScenarioSection({ scenarios }: { scenarios: DashboardScenario[] }) {
  const { t } = useTranslation('report');
  return (
    <section className="card" aria-labelledby="rp-d-scen">
      <h2 id="rp-d-scen">{t('dashboard.scenarios')}</h2>
      <p className="muted">{t('dashboard.rolesLegend')}</p>
      {scenarios.length === 0 && <p className="muted">{t('dashboard.noExercises')}</p>}
      {scenarios.map((s) => (
        <div key={s.scenario} className="table-wrap rp-dash-scenario">
          <table className="compact">
            <caption>{s.scenario}</caption>
            <thead>
              <FigureHeads first={t('dashboard.role')} />
            </thead>
            <tbody>
              {(s.roles ?? []).map((r) => (
                // data-state: a role is a fictional State of the scenario.
                <tr key={r.key} data-role={r.key} data-state={r.name}>
                  <th scope="row">{r.name}</th>
                  <FigureCells f={r.figures} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-scenario-total>
                <th scope="row">{t('dashboard.allRoles', { count: s.figures.teams })}</th>
                <FigureCells f={s.figures} />
              </tr>
            </tfoot>
          </table>
        </div>
      ))}
    </section>
  );
}

function WorkshopSection({ d }: { d: Dashboard }) {
  const { t } = useTranslation('report');
  const workshops = d.workshops ?? [];
  return (
    <section className="card" aria-labelledby="rp-d-ws">
      <h2 id="rp-d-ws">{t('dashboard.workshops')}</h2>
      {workshops.length === 0 ? (
        <p className="muted">{t('dashboard.noExercises')}</p>
      ) : (
        <div className="table-wrap">
          <table className="compact">
            <thead>
              <FigureHeads first={t('dashboard.workshop')} />
            </thead>
            <tbody>
              {workshops.map((w) => (
                <tr key={w.id} data-workshop={w.id}>
                  <th scope="row">
                    {w.title}
                    {w.attribution && (
                      <>
                        {' '}
                        <span className="ex-badge ex-badge-new">{t('dashboard.attributedBadge')}</span>
                      </>
                    )}
                  </th>
                  <FigureCells f={w.figures} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DelegationSection({ rows, date }: { rows: DashboardDelegation[]; date: (s: string | null) => string }) {
  const { t } = useTranslation('report');
  return (
    <section className="card" aria-labelledby="rp-d-del">
      <h2 id="rp-d-del">{t('dashboard.delegations')}</h2>
      <p className="notice">{t('dashboard.delegationsLead')}</p>
      <div className="table-wrap">
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.delegation')}</th>
              <th scope="col">{t('dashboard.role')}</th>
              <th scope="col">{t('dashboard.exercise')}</th>
              <th scope="col">{t('dashboard.date')}</th>
              <th scope="col">{t('dashboard.messages')}</th>
              <th scope="col">{t('dashboard.observed')}</th>
              <th scope="col">{t('dashboard.agreedScores')}</th>
              <th scope="col">{t('dashboard.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.exercise_id}-${r.role}`} data-delegation={r.delegation}>
                <th scope="row">{r.delegation}</th>
                <td>{r.role}</td>
                <td>
                  <Link to={`/exercises/${r.exercise_id}/report`}>{r.exercise || r.scenario}</Link>
                  <span className="muted"> · {r.workshop}</span>
                </td>
                <td>{date(r.date)}</td>
                <td>{r.figures.messages_sent}</td>
                <td>
                  <Observed x={r.figures.expected_actions} />
                </td>
                <td>{(r.final_scores ?? []).map((s) => `${s.criterion_title || s.criterion}: ${s.value}`).join('; ') || '—'}</td>
                <td>
                  {r.attribution.reason} <span className="muted">— {r.attribution.by}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
