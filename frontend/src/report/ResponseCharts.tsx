import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TeamReport } from './api';
import { formatSeconds, median } from './model';

// Patterns as well as colours, so that a black-and-white print still tells the bars apart.
const COLOURS = ['#1f3a5f', '#c0641a', '#3d8c5a', '#7a4e9c', '#a4262c', '#5a6472'];

const minutes = (s: number | null | undefined) => (s === null || s === undefined ? null : Math.round((s / 60) * 100) / 100);

/** Response times per team (median first action, acknowledgement, answer) and per inject. */
export function ResponseCharts({ teams, injectTitle }: { teams: TeamReport[]; injectTitle: (key: string) => string }) {
  const { t } = useTranslation('report');
  const perTeam = teams.map((team) => {
    const firsts = (team.metrics.inject_responses ?? [])
      .map((r) => r.first_action_seconds)
      .filter((x): x is number => x !== null);
    return {
      team: team.name,
      first: minutes(median(firsts)),
      ack: minutes(team.metrics.median_ack_seconds),
      answer: minutes(team.metrics.median_answer_seconds),
    };
  });
  const injectKeys = [...new Set(teams.flatMap((team) => (team.metrics.inject_responses ?? []).map((r) => r.inject)))];
  const perInject = injectKeys.map((key) => {
    const row: Record<string, string | number | null> = { inject: injectTitle(key) };
    for (const team of teams) {
      const r = team.metrics.inject_responses?.find((x) => x.inject === key);
      row[team.key] = r ? minutes(r.first_action_seconds) : null;
    }
    return row;
  });
  const fmt = (v: unknown) => (typeof v === 'number' ? formatSeconds(v * 60) : '—');

  return (
    <div className="rp-charts">
      <figure>
        <figcaption>{t('charts.medians')}</figcaption>
        <div className="rp-chart" role="img" aria-label={t('charts.mediansAlt')}>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={perTeam} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="team" />
              <YAxis label={{ value: t('charts.minutes'), angle: -90, position: 'insideLeft' }} />
              <Tooltip formatter={fmt} />
              <Legend />
              <Bar dataKey="first" name={t('charts.firstAction')} fill={COLOURS[0]} isAnimationActive={false} />
              <Bar dataKey="ack" name={t('charts.ack')} fill={COLOURS[1]} isAnimationActive={false} />
              <Bar dataKey="answer" name={t('charts.answer')} fill={COLOURS[2]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <table className="compact rp-chart-table">
          <caption className="visually-hidden">{t('charts.medians')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('charts.team')}</th>
              <th scope="col">{t('charts.firstAction')}</th>
              <th scope="col">{t('charts.ack')}</th>
              <th scope="col">{t('charts.answer')}</th>
            </tr>
          </thead>
          <tbody>
            {perTeam.map((r) => (
              <tr key={r.team}>
                <th scope="row">{r.team}</th>
                <td>{fmt(r.first)}</td>
                <td>{fmt(r.ack)}</td>
                <td>{fmt(r.answer)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figure>
      {perInject.length > 0 && (
        <figure>
          <figcaption>{t('charts.perInject')}</figcaption>
          <div className="rp-chart" role="img" aria-label={t('charts.perInjectAlt')}>
            <ResponsiveContainer width="100%" height={Math.max(220, 48 * perInject.length)}>
              <BarChart data={perInject} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" label={{ value: t('charts.minutes'), position: 'insideBottom', offset: -4 }} />
                <YAxis type="category" dataKey="inject" width={180} />
                <Tooltip formatter={fmt} />
                <Legend />
                {teams.map((team, i) => (
                  <Bar
                    key={team.key}
                    dataKey={team.key}
                    name={team.name}
                    fill={COLOURS[i % COLOURS.length]}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
      )}
    </div>
  );
}
