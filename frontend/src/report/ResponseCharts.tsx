import { cloneElement, useEffect, useState, type ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TeamReport } from './api';
import { injectRows, medianRows, teamColours, teamMedians, wrapLabel } from './chartModel';
import { formatSeconds } from './model';

/** The width charts are drawn at for print: an A4 page's text width at 15 mm margins. */
const PRINT_WIDTH = 640;
/** Long inject titles wrap into this many lines of this many characters beside the bars. */
const TICK_CHARS = 26;
const TICK_LINES = 3;
const LEGEND_CHARS = 40;
/** A thin dark edge, so that the paler colours stand out on white paper too. */
const BAR_EDGE = '#1b2430';

const fmt = (v: unknown) => (typeof v === 'number' ? formatSeconds(v * 60) : '—');
const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Whether the page is being printed. Charts follow their container's width on screen; the
 * printed page is narrower than the screen, so before printing they are drawn again at
 * the page's width (synchronously: the browser lays the page out right after beforeprint).
 */
function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  return printing;
}

/** A chart as wide as its container on screen, or the printed page's width. */
function Sized({ printing, height, children }: { printing: boolean; height: number; children: ReactElement }) {
  if (printing) return cloneElement(children as ReactElement<{ width?: number; height?: number }>, { width: PRINT_WIDTH, height });
  return (
    <ResponsiveContainer width="100%" height={height}>
      {children}
    </ResponsiveContainer>
  );
}

/** An axis label that wraps into a few lines; the whole text is its tooltip. */
function WrappedTick(props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  const full = String(props.payload?.value ?? '');
  const { lines } = wrapLabel(full, TICK_CHARS, TICK_LINES);
  return (
    <g transform={`translate(${Number(props.x) || 0},${Number(props.y) || 0})`} className="rp-tick">
      <title>{full}</title>
      <text x={-6} y={0} textAnchor="end" fontSize={12} fill={BAR_EDGE}>
        {lines.map((l, i) => (
          <tspan key={i} x={-6} dy={i === 0 ? `${(-(lines.length - 1) * 1.1) / 2 + 0.35}em` : '1.1em'}>
            {l}
          </tspan>
        ))}
      </text>
    </g>
  );
}

/** A team's colour beside its name in the tables, as in the charts' legends. */
function Swatch({ colour }: { colour: string | undefined }) {
  return <span className="rp-swatch" style={{ background: colour }} aria-hidden="true" />;
}

/**
 * Response times per team (median first action, acknowledgement, answer) and per inject,
 * each chart beside a table of the same figures. Every team has one colour in both charts
 * (Okabe–Ito, safe for colour-blind readers), and its name in the legends and tables.
 */
export function ResponseCharts({ teams, injectTitle }: { teams: TeamReport[]; injectTitle: (key: string) => string }) {
  const { t } = useTranslation('report');
  const printing = usePrinting();
  const colour = teamColours(teams);
  const measureName = (m: unknown) => t(m === 'first' ? 'charts.firstAction' : m === 'ack' ? 'charts.ack' : 'charts.answer');
  const medians = medianRows(teams);
  const perInject = injectRows(teams);
  const perInjectData = perInject.map((r) => ({ inject: injectTitle(r.inject), ...r.minutes }));
  const legend = (
    <Legend
      itemSorter={null}
      formatter={(value) => (
        <span className="rp-legend-text" title={String(value)}>
          {short(String(value), LEGEND_CHARS)}
        </span>
      )}
    />
  );
  const bars = teams.map((team) => (
    <Bar
      key={team.key}
      dataKey={team.key}
      name={team.name}
      fill={colour.get(team.team_id)}
      stroke={BAR_EDGE}
      strokeWidth={0.5}
      isAnimationActive={false}
    />
  ));

  return (
    <div className="rp-charts">
      <figure className="rp-figure-pair">
        <figcaption>{t('charts.medians')}</figcaption>
        <div className="rp-chart" role="img" aria-label={t('charts.mediansAlt')}>
          <Sized printing={printing} height={280}>
            <BarChart data={medians} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="measure" tickFormatter={measureName} interval={0} />
              <YAxis label={{ value: t('charts.minutes'), angle: -90, position: 'insideLeft' }} />
              <Tooltip formatter={fmt} labelFormatter={measureName} />
              {legend}
              {bars}
            </BarChart>
          </Sized>
        </div>
        <div className="table-wrap">
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
              {teams.map((team) => {
                const m = teamMedians(team);
                return (
                  <tr key={team.key} data-team-key={team.key}>
                    <th scope="row">
                      <Swatch colour={colour.get(team.team_id)} /> {team.name}
                    </th>
                    <td>{fmt(m.first)}</td>
                    <td>{fmt(m.ack)}</td>
                    <td>{fmt(m.answer)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </figure>
      {perInject.length > 0 && (
        <figure className="rp-chart-wide">
          <figcaption>{t('charts.perInject')}</figcaption>
          <p className="muted">{t('readable.charts.byRelease')}</p>
          <div className="rp-chart" role="img" aria-label={t('charts.perInjectAlt')}>
            <Sized printing={printing} height={Math.max(220, perInject.length * (14 * teams.length + 30) + 70)}>
              <BarChart data={perInjectData} layout="vertical" margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" label={{ value: t('charts.minutes'), position: 'insideBottom', offset: -4 }} />
                <YAxis type="category" dataKey="inject" width={200} interval={0} tick={<WrappedTick />} />
                <Tooltip formatter={fmt} />
                {legend}
                {bars}
              </BarChart>
            </Sized>
          </div>
          <div className="table-wrap">
            <table className="compact rp-chart-table" data-table="per-inject">
              <caption className="visually-hidden">{t('charts.perInject')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('evidence.inject')}</th>
                  <th scope="col">{t('evidence.releasedAt')}</th>
                  {teams.map((team) => (
                    <th scope="col" key={team.key}>
                      <Swatch colour={colour.get(team.team_id)} /> {team.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {perInject.map((r) => (
                  <tr key={r.inject} data-inject={r.inject}>
                    <th scope="row">{injectTitle(r.inject)}</th>
                    <td>{formatSeconds(r.releasedAt)}</td>
                    {teams.map((team) => (
                      <td key={team.key}>
                        {!(team.key in r.minutes) ? '—' : r.minutes[team.key] === null ? t('evidence.noAction') : fmt(r.minutes[team.key])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </figure>
      )}
    </div>
  );
}
