/** Layout of the inject timeline: pure arithmetic, drawn by ScenarioTimeline. */
import type { Schema } from '../api/client';

export type TimelinePhase = Pick<Schema<'Phase'>, 'key' | 'title' | 'starts_at_seconds'>;

export type TimelineInject = Pick<Schema<'Inject'>, 'key' | 'title' | 'phase' | 'contingency' | 'release_at_seconds'>;

export interface TimelineOptions {
  /** Total width of the drawing, labels included. */
  width: number;
  /** Width of the row labels on the left. */
  labelWidth: number;
  /** Height of one lane (a row has one or more lanes). */
  laneHeight: number;
  /** Height of the axis at the top. */
  axisHeight: number;
  /** Marks closer than this (px) on the same row go to separate lanes. */
  minGap: number;
  /** Right padding so the last tick label fits. */
  padRight: number;
}

export const DEFAULT_TIMELINE_OPTIONS: TimelineOptions = {
  width: 880,
  labelWidth: 180,
  laneHeight: 26,
  axisHeight: 28,
  minGap: 14,
  padRight: 24,
};

export interface TimelineMark {
  key: string;
  title: string;
  seconds: number;
  x: number;
  y: number;
  row: number;
  lane: number;
}

export interface TimelineRow {
  key: string;
  title: string;
  y: number;
  height: number;
  /** Where the phase starts on the axis, or null for the row of injects without a known phase. */
  startX: number | null;
  lanes: number;
}

export interface TimelineTick {
  seconds: number;
  x: number;
}

export interface TimelineLayout {
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  /** The time scale: the scenario's duration, or the latest release if that is later. */
  span: number;
  ticks: TimelineTick[];
  rows: TimelineRow[];
  marks: TimelineMark[];
  /** Injects without a scheduled time: held for a trigger or the facilitator. */
  held: TimelineInject[];
}

const TICK_STEPS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** A tick step giving at most `maxTicks` intervals over `span` seconds. */
export function tickStep(span: number, maxTicks = 8): number {
  for (const step of TICK_STEPS) if (span / step <= maxTicks) return step;
  return Math.ceil(span / maxTicks / 86400) * 86400;
}

/** x of `seconds` on a scale from `left` (0 s) to `right` (`span` s), clamped to the scale. */
export function xFor(seconds: number, span: number, left: number, right: number): number {
  if (span <= 0) return left;
  const t = Math.min(Math.max(seconds, 0), span);
  return left + (t / span) * (right - left);
}

/**
 * Lays out the injects: one row per phase in the given order (plus a final row for
 * injects whose phase is unknown), x from `release_at_seconds` over the duration.
 * Contingency injects and those without a release time are set apart in `held`.
 * Marks too close to the previous one on a row are moved to a further lane.
 */
export function layoutTimeline(
  durationSeconds: number,
  phases: readonly TimelinePhase[],
  injects: readonly TimelineInject[],
  options: Partial<TimelineOptions> = {},
): TimelineLayout {
  const o = { ...DEFAULT_TIMELINE_OPTIONS, ...options };
  const scheduled = injects.filter((i) => !i.contingency && i.release_at_seconds !== null);
  const held = injects.filter((i) => i.contingency || i.release_at_seconds === null);
  const latest = scheduled.reduce((m, i) => Math.max(m, i.release_at_seconds ?? 0), 0);
  const span = Math.max(durationSeconds, latest, 1);
  const plotLeft = o.labelWidth;
  const plotRight = Math.max(plotLeft + 1, o.width - o.padRight);
  const x = (s: number) => xFor(s, span, plotLeft, plotRight);

  const phaseKeys = new Set(phases.map((p) => p.key));
  const rowDefs: { key: string; title: string; start: number | null }[] = phases.map((p) => ({
    key: p.key,
    title: p.title,
    start: p.starts_at_seconds,
  }));
  if (scheduled.some((i) => !phaseKeys.has(i.phase))) rowDefs.push({ key: '', title: '', start: null });

  const marks: TimelineMark[] = [];
  const rows: TimelineRow[] = [];
  let y = o.axisHeight;
  rowDefs.forEach((def, rowIndex) => {
    const inRow = scheduled
      .filter((i) => (def.key === '' ? !phaseKeys.has(i.phase) : i.phase === def.key))
      .sort((a, b) => (a.release_at_seconds ?? 0) - (b.release_at_seconds ?? 0));
    // Greedy lane assignment: the first lane whose last mark is far enough to the left.
    const laneEnds: number[] = [];
    const placed = inRow.map((i) => {
      const mx = x(i.release_at_seconds ?? 0);
      let lane = laneEnds.findIndex((end) => mx - end >= o.minGap);
      if (lane < 0) {
        lane = laneEnds.length;
        laneEnds.push(mx);
      } else {
        laneEnds[lane] = mx;
      }
      return { i, mx, lane };
    });
    const lanes = Math.max(1, laneEnds.length);
    for (const { i, mx, lane } of placed) {
      marks.push({
        key: i.key,
        title: i.title,
        seconds: i.release_at_seconds ?? 0,
        x: mx,
        y: y + lane * o.laneHeight + o.laneHeight / 2,
        row: rowIndex,
        lane,
      });
    }
    const height = lanes * o.laneHeight;
    rows.push({ key: def.key, title: def.title, y, height, startX: def.start === null ? null : x(def.start), lanes });
    y += height;
  });

  const step = tickStep(span);
  const ticks: TimelineTick[] = [];
  for (let s = 0; s <= span; s += step) ticks.push({ seconds: s, x: x(s) });

  return { width: o.width, height: y + 4, plotLeft, plotRight, span, ticks, rows, marks, held };
}

/** "H:MM" for an offset from the start of the exercise, e.g. 0:05, 1:30. */
export function formatOffset(seconds: number): string {
  const total = Math.max(0, Math.round(seconds / 60));
  const h = Math.floor(total / 60);
  const m = total % 60;
  return `${h}:${String(m).padStart(2, '0')}`;
}
