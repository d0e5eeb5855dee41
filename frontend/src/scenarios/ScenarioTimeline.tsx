import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Inject, Phase, Trigger } from '../api/scenarios';
import { formatOffset, layoutTimeline } from './timeline';

interface Props {
  durationSeconds: number;
  phases: readonly Phase[];
  injects: readonly Inject[];
  triggers?: readonly Trigger[];
}

/**
 * The injects on a time axis (an SVG, one row per phase), followed by the same
 * information as a list for screen readers and keyboard users, and the injects that
 * are held for a trigger or the facilitator.
 */
export function ScenarioTimeline({ durationSeconds, phases, injects, triggers = [] }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const layout = useMemo(() => layoutTimeline(durationSeconds, phases, injects), [durationSeconds, phases, injects]);
  const byKey = new Map(injects.map((i) => [i.key, i]));
  const scheduled = [...layout.marks].sort((a, b) => a.seconds - b.seconds || a.row - b.row);

  return (
    <div className="timeline">
      <div className="timeline-scroll">
        <svg
          className="timeline-svg"
          role="img"
          aria-labelledby={titleId}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width={layout.width}
          height={layout.height}
          data-testid="inject-timeline"
        >
          <title id={titleId}>{t('scenarios.timeline.svgTitle', { count: layout.marks.length })}</title>
          {layout.rows.map((row, i) => (
            <g key={row.key || '_other'} className="timeline-row">
              <rect
                x={0}
                y={row.y}
                width={layout.width}
                height={row.height}
                className={i % 2 === 0 ? 'timeline-band' : 'timeline-band alt'}
              />
              <text x={6} y={row.y + 17} className="timeline-row-label">
                {truncate(row.title || t('scenarios.timeline.otherPhase'), 24)}
              </text>
              {row.startX !== null && (
                <line x1={row.startX} x2={row.startX} y1={row.y} y2={row.y + row.height} className="timeline-phase-start" />
              )}
            </g>
          ))}
          {layout.ticks.map((tick) => (
            <g key={tick.seconds}>
              <line x1={tick.x} x2={tick.x} y1={layout.rows.length ? 22 : 0} y2={layout.height} className="timeline-grid" />
              <text x={tick.x} y={16} textAnchor="middle" className="timeline-tick">
                {formatOffset(tick.seconds)}
              </text>
            </g>
          ))}
          {layout.marks.map((m) => (
            <g key={m.key} className="timeline-mark" data-inject={m.key}>
              <title>{`${formatOffset(m.seconds)} · ${m.title}`}</title>
              <circle cx={m.x} cy={m.y} r={6} />
            </g>
          ))}
        </svg>
      </div>

      <details className="timeline-list">
        <summary>{t('scenarios.timeline.listSummary')}</summary>
        <ol>
          {scheduled.map((m) => (
            <li key={m.key}>
              <span className="mono">{formatOffset(m.seconds)}</span> {m.title}
              {byKey.get(m.key)?.from && <span className="muted"> — {byKey.get(m.key)?.from}</span>}
            </li>
          ))}
        </ol>
      </details>

      {layout.held.length > 0 && (
        <div className="timeline-held">
          <h4>{t('scenarios.timeline.heldTitle')}</h4>
          <ul>
            {layout.held.map((i) => {
              const by = triggers.filter((tr) => tr.release.includes(i.key)).map((tr) => `“${tr.title}”`);
              return (
                <li key={i.key}>
                  {i.title}{' '}
                  <span className="muted">
                    —{' '}
                    {by.length > 0
                      ? t('scenarios.timeline.heldByTrigger', { triggers: by.join(', ') })
                      : t('scenarios.timeline.heldByFacilitator')}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
