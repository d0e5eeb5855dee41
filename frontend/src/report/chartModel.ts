/**
 * Pure helpers for the report's response-time charts: one colour per team, short labels
 * that wrap, and the rows of the charts and their tables.
 */
import type { TeamReport } from './api';
import { median } from './model';

/**
 * The Okabe–Ito palette, which people with the common colour-vision deficiencies tell
 * apart. On the report page these colours mean teams and nothing else, so the order keeps
 * the hues of the status badges (green "in time", yellow "late", red "not observed") for
 * the sixth team onwards, and lets the first four differ in lightness too, for grey print.
 */
export const TEAM_COLOURS = ['#0072B2', '#CC79A7', '#E69F00', '#000000', '#56B4E9', '#009E73', '#D55E00', '#F0E442'] as const;

/** Each team's colour, by its place in the report's team list: the same in every chart. */
export function teamColours(teams: readonly { team_id: number }[]): Map<number, string> {
  return new Map(teams.map((t, i) => [t.team_id, TEAM_COLOURS[i % TEAM_COLOURS.length]!]));
}

/**
 * Splits a label into at most `maxLines` lines of about `width` characters, at spaces
 * where it can (a word longer than a line is cut); the last line ends in "…" when the
 * label does not fit. The full text goes into a tooltip and the table beside the chart.
 */
export function wrapLabel(text: string, width: number, maxLines: number): { lines: string[]; cut: boolean } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const push = () => {
    lines.push(line);
    line = '';
  };
  for (let w of words) {
    while (w.length > width) {
      if (line) push();
      lines.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else {
      push();
      line = w;
    }
  }
  if (line) push();
  if (lines.length <= maxLines) return { lines, cut: false };
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`;
  return { lines: kept, cut: true };
}

const minutes = (s: number | null | undefined) => (s === null || s === undefined ? null : Math.round((s / 60) * 100) / 100);

/** The three medians of one measure across teams: one row per measure, one value per team (minutes). */
export interface MedianRow {
  measure: 'first' | 'ack' | 'answer';
  [teamKey: string]: number | null | string;
}

/** Per team: median time to first action after an inject, to acknowledge and to answer a request (minutes). */
export function teamMedians(team: TeamReport): { first: number | null; ack: number | null; answer: number | null } {
  const firsts = (team.metrics.inject_responses ?? []).map((r) => r.first_action_seconds).filter((x): x is number => x !== null);
  return {
    first: minutes(median(firsts)),
    ack: minutes(team.metrics.median_ack_seconds),
    answer: minutes(team.metrics.median_answer_seconds),
  };
}

/** The medians chart's rows: one per measure, a value per team key. */
export function medianRows(teams: readonly TeamReport[]): MedianRow[] {
  const per = teams.map((t) => [t.key, teamMedians(t)] as const);
  return (['first', 'ack', 'answer'] as const).map((measure) => {
    const row: MedianRow = { measure };
    for (const [key, m] of per) row[key] = m[measure];
    return row;
  });
}

/** One inject of the "from inject to first action" chart and table. */
export interface InjectRow {
  inject: string;
  releasedAt: number;
  /** Minutes to each team's first action (by team key); null: no action; absent: not received. */
  minutes: Record<string, number | null>;
}

/** The injects the teams received, in the order they were released (then by key), with each team's time to first action. */
export function injectRows(teams: readonly TeamReport[]): InjectRow[] {
  const rows = new Map<string, InjectRow>();
  for (const team of teams) {
    for (const r of team.metrics.inject_responses ?? []) {
      const row = rows.get(r.inject) ?? { inject: r.inject, releasedAt: r.released_at_seconds, minutes: {} };
      row.releasedAt = Math.min(row.releasedAt, r.released_at_seconds);
      row.minutes[team.key] = minutes(r.first_action_seconds);
      rows.set(r.inject, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.releasedAt - b.releasedAt || a.inject.localeCompare(b.inject));
}
