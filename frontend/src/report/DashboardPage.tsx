import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { useWorkshops } from '../exercise/api';
import { dashboardCsvUrl, useDashboard, type DashboardState } from './api';
import { formatSeconds } from './model';
import './report.css';

/** Most and least used CBMs of a State (ties listed together); empty when none used. */
export function extremes(use: Record<string, number> | null | undefined): { most: string[]; least: string[] } {
  const entries = Object.entries(use ?? {}).filter(([, n]) => n > 0);
  if (entries.length === 0) return { most: [], least: [] };
  const max = Math.max(...entries.map(([, n]) => n));
  const min = Math.min(...entries.map(([, n]) => n));
  const byCbm = (a: string, b: string) => Number(a) - Number(b);
  return {
    most: entries.filter(([, n]) => n === max).map(([c]) => c).sort(byCbm),
    least: entries.filter(([, n]) => n === min).map(([c]) => c).sort(byCbm),
  };
}

/** Organisers' dashboard: the same figures across exercises and workshops, per State and per CBM. */
export function DashboardPage() {
  const { t, i18n } = useTranslation('report');
  const [params, setParams] = useSearchParams();
  const workshop = Number(params.get('workshop')) || null;
  const workshops = useWorkshops();
  const dash = useDashboard(workshop);
  const [open, setOpen] = useState<string | null>(null);
  const date = (s: string | null) => (s ? new Date(s).toLocaleDateString(i18n.language) : '—');

  const choose = (v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set('workshop', v);
    else next.delete('workshop');
    setParams(next, { replace: true });
  };

  const cbms = [...(dash.data?.cbms ?? [])].sort((a, b) => b.uses - a.uses || Number(a.cbm) - Number(b.cbm));
  const maxUses = Math.max(0, ...cbms.map((c) => c.uses));

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
      {dash.data && (
        <>
          <section className="card" aria-labelledby="rp-d-ex">
            <h2 id="rp-d-ex">{t('dashboard.exercises', { count: dash.data.exercises?.length ?? 0 })}</h2>
            {(dash.data.exercises ?? []).length === 0 ? (
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
                    {(dash.data.exercises ?? []).map((x) => (
                      <tr key={x.id}>
                        <td>
                          <Link to={`/exercises/${x.id}/report`}>{x.title || x.scenario}</Link>
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

          <section className="card" aria-labelledby="rp-d-states">
            <h2 id="rp-d-states">{t('dashboard.states')}</h2>
            {(dash.data.states ?? []).length === 0 ? (
              <p className="muted">{t('dashboard.noStates')}</p>
            ) : (
              <div className="table-wrap">
                <table className="compact">
                  <thead>
                    <tr>
                      <th scope="col">{t('dashboard.state')}</th>
                      <th scope="col">{t('dashboard.played')}</th>
                      <th scope="col">{t('dashboard.messages')}</th>
                      <th scope="col">{t('dashboard.medianAck')}</th>
                      <th scope="col">{t('dashboard.medianAnswer')}</th>
                      <th scope="col">{t('dashboard.mostUsed')}</th>
                      <th scope="col">{t('dashboard.leastUsed')}</th>
                      <th scope="col">{t('dashboard.scores')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(dash.data.states ?? []).map((s) => (
                      <StateRow key={s.name} state={s} open={open === s.name} onToggle={() => setOpen(open === s.name ? null : s.name)} date={date} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="card" aria-labelledby="rp-d-cbms">
            <h2 id="rp-d-cbms">{t('dashboard.cbms')}</h2>
            {cbms.length === 0 ? (
              <p className="muted">{t('dashboard.noCbms')}</p>
            ) : (
              <div className="table-wrap">
                <table className="compact">
                  <thead>
                    <tr>
                      <th scope="col">{t('heat.cbm')}</th>
                      <th scope="col">{t('dashboard.uses')}</th>
                      <th scope="col">{t('dashboard.statesUsing')}</th>
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
                        <td>{c.states_using}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function StateRow({
  state: s,
  open,
  onToggle,
  date,
}: {
  state: DashboardState;
  open: boolean;
  onToggle: () => void;
  date: (s: string | null) => string;
}) {
  const { t } = useTranslation('report');
  const { most, least } = extremes(s.cbm_use);
  const scores = [...(s.scores ?? [])].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.exercise_id - b.exercise_id);
  const list = (xs: string[]) => (xs.length ? xs.map((c) => t('cbm', { cbm: c })).join(', ') : '—');
  return (
    <>
      <tr data-state={s.name}>
        <th scope="row">{s.name}</th>
        <td>{s.exercises}</td>
        <td>{s.messages_sent}</td>
        <td>{formatSeconds(s.median_ack_seconds)}</td>
        <td>{formatSeconds(s.median_answer_seconds)}</td>
        <td>{list(most)}</td>
        <td>{list(least)}</td>
        <td>
          {scores.length === 0 ? (
            '—'
          ) : (
            <button type="button" className="button secondary" aria-expanded={open} onClick={onToggle}>
              {t('dashboard.showScores', { count: scores.length })}
            </button>
          )}
        </td>
      </tr>
      {open && (
        <tr className="rp-subrow">
          <td colSpan={8}>
            <table className="compact">
              <caption>{t('dashboard.scoresOverTime', { state: s.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.date')}</th>
                  <th scope="col">{t('dashboard.exercise')}</th>
                  <th scope="col">{t('scorecard.criterion')}</th>
                  <th scope="col">{t('dashboard.score')}</th>
                </tr>
              </thead>
              <tbody>
                {scores.map((x, i) => (
                  <tr key={i}>
                    <td>{date(x.date)}</td>
                    <td>{x.exercise}</td>
                    <td>{x.criterion_title || x.criterion}</td>
                    <td>
                      <strong>{x.value}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </td>
        </tr>
      )}
    </>
  );
}
