/**
 * Pure helpers for the scoring, report, replay and dashboard screens: rubric scales,
 * the heat-map colour scale, timeline filters, and folding the event log up to a step.
 */
import { project, type Projection } from '../exercise/projection';
import type { ExerciseEvent } from '../exercise/stream';
import type { HeatMap, TimelineEntry } from './api';

// ---- Rubric scales ----

export interface ScaleValue {
  value: string;
  /** i18n key (namespace report) of the value's meaning. */
  meaningKey: string;
}

/** The values of a rubric scale, best first (HSEEP P/S/M/U, or 4…0 for numeric). */
export function scaleValues(scale: string): ScaleValue[] {
  if (scale === 'numeric') {
    return ['4', '3', '2', '1', '0'].map((v) => ({ value: v, meaningKey: `scale.numeric.${v}` }));
  }
  return ['P', 'S', 'M', 'U'].map((v) => ({ value: v, meaningKey: `scale.psmu.${v}` }));
}

/** Whether `value` belongs to `scale`. */
export function isScaleValue(scale: string, value: string): boolean {
  return scaleValues(scale).some((v) => v.value === value);
}

/** A score as a number from 0 (worst) to 1 (best), for charts; null when unknown. */
export function scoreRatio(value: string): number | null {
  const psmu: Record<string, number> = { P: 1, S: 2 / 3, M: 1 / 3, U: 0 };
  if (value in psmu) return psmu[value]!;
  const n = Number(value);
  if (value !== '' && Number.isFinite(n) && n >= 0 && n <= 4) return n / 4;
  return null;
}

// ---- Heat map ----

/** Number of colour steps of the heat map (0 = none … 4 = the most). */
export const HEAT_LEVELS = 5;

/**
 * The colour step of a count: 0 for none, else 1…4 in proportion to the largest count
 * of the map (so a single message is never shown as "none").
 */
export function heatLevel(count: number, max: number): number {
  if (!(count > 0) || !(max > 0)) return 0;
  const top = HEAT_LEVELS - 1;
  return Math.min(top, Math.max(1, Math.ceil((count / max) * top)));
}

export interface HeatCell {
  cbm: string;
  team: number;
  count: number;
  expected: boolean;
  level: number;
}

/** The heat map as rows (one per CBM) of cells (one per team), with colour steps. */
export function heatRows(h: HeatMap): { cbm: string; cells: HeatCell[] }[] {
  const cbms = h.cbms ?? [];
  const teams = h.teams ?? [];
  const count = (c: string, t: number) => h.counts?.[c]?.[String(t)] ?? 0;
  let max = 0;
  for (const c of cbms) for (const t of teams) max = Math.max(max, count(c, t));
  return cbms.map((cbm) => ({
    cbm,
    cells: teams.map((team) => {
      const n = count(cbm, team);
      return { cbm, team, count: n, expected: h.expected?.[cbm]?.[String(team)] === true, level: heatLevel(n, max) };
    }),
  }));
}

// ---- Timeline ----

export interface TimelineFilter {
  /** 0: every team. */
  team: number;
  /** Empty: every kind. */
  kinds: ReadonlySet<string>;
}

/** Whether a timeline entry concerns a team: it acted, or received it. Entries for everyone (no teams) concern all. */
export function concernsTeam(e: TimelineEntry, team: number): boolean {
  if (!team) return true;
  if (e.team_id === team) return true;
  const to = e.teams ?? [];
  if (to.includes(team)) return true;
  return !e.team_id && to.length === 0;
}

export function filterTimeline(entries: readonly TimelineEntry[], f: TimelineFilter): TimelineEntry[] {
  return entries.filter((e) => (f.kinds.size === 0 || f.kinds.has(e.kind)) && concernsTeam(e, f.team));
}

/** Exercise seconds as h:mm:ss or m:ss. */
export function formatSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—';
  const total = Math.max(0, Math.round(s));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}

/** The median of numbers (null for none). */
export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

// ---- Replay ----

export interface ReplayMessage {
  seq: number;
  from: number;
  fromName: string;
  to: number[];
  all: boolean;
  toControl: boolean;
  channel: string;
  subject: string;
  kind: string;
  cbms: string[];
  offsetSeconds: number;
  status: string;
}

export interface ReplayState {
  /** How many events are folded (0…events.length). */
  step: number;
  /** The last folded event, if any. */
  event: ExerciseEvent | null;
  projection: Projection;
  /** Exercise seconds at this step. */
  offsetSeconds: number;
  /** Oldest first. */
  messages: ReplayMessage[];
}

const asNums = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);
const asStrs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The exercise as it stood after the first `step` events of the log (sorted by seq). */
export function foldLog(events: readonly ExerciseEvent[], step: number): ReplayState {
  const n = Math.max(0, Math.min(events.length, Math.floor(step)));
  const upto = events.slice(0, n);
  const messages: ReplayMessage[] = [];
  const bySeq = new Map<number, ReplayMessage>();
  let offset = 0;
  for (const e of upto) {
    offset = Math.max(offset, e.offset_seconds || 0);
    const d = e.data;
    if (e.type === 'message.sent') {
      const m: ReplayMessage = {
        seq: e.seq,
        from: typeof d.from === 'number' ? d.from : 0,
        fromName: typeof d.from_name === 'string' ? d.from_name : '',
        to: asNums(d.to),
        all: d.all === true,
        toControl: d.to_control === true,
        channel: typeof d.channel === 'string' ? d.channel : '',
        subject: typeof d.subject === 'string' ? d.subject : '',
        kind: typeof d.kind === 'string' ? d.kind : '',
        cbms: asStrs(d.cbms),
        offsetSeconds: e.offset_seconds,
        status: typeof d.kind === 'string' && d.kind ? 'open' : '',
      };
      messages.push(m);
      bySeq.set(e.seq, m);
    } else if (e.type === 'request.updated') {
      const m = typeof d.message === 'number' ? bySeq.get(d.message) : undefined;
      if (m && typeof d.status === 'string') m.status = d.status;
    }
  }
  return { step: n, event: n ? events[n - 1]! : null, projection: project(upto), offsetSeconds: offset, messages };
}
