/**
 * The tours de table as the log tells them up to a step of the replay: per phase, the
 * order of speakers, each turn (who had the floor, from when), the close, and each
 * delegation's latest statement. The log a reader gets holds only what they could see,
 * so the statements here are those the reader may read.
 */
import type { ExerciseEvent } from '../exercise/stream';

export interface ReplayTurn {
  team: number;
  offsetSeconds: number;
}

export interface ReplayTour {
  phase: string;
  order: number[];
  /** Time per delegation. */
  seconds: number;
  openedSeconds: number;
  turns: ReplayTurn[];
  closedSeconds: number | null;
  /** Team → its latest statement. */
  statements: Map<number, { text: string; by: string }>;
}

/** How one delegation fared in a tour, as of the replay's time. */
export interface Speaker {
  team: number;
  /** Has the floor now. */
  speaking: boolean;
  /** Seconds it held the floor over its finished turns; null before its first turn. */
  spokeSeconds: number | null;
  turns: number;
  statement?: { text: string; by: string };
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Folds the tour events of `events` (already cut at the replay's step), tours in the order opened. */
export function foldTours(events: readonly ExerciseEvent[]): ReplayTour[] {
  const tours = new Map<string, ReplayTour>();
  // A statement may be written before its phase's tour opens: kept until it does.
  const early = new Map<string, Map<number, { text: string; by: string }>>();
  const statementsOf = (phase: string) => tours.get(phase)?.statements ?? early.get(phase) ?? early.set(phase, new Map()).get(phase)!;
  const put = (d: Record<string, unknown>, phase: string) => {
    const text = str(d.text);
    if (text) statementsOf(phase).set(num(d.team_id), { text, by: str(d.by) });
    else statementsOf(phase).delete(num(d.team_id));
  };
  for (const e of events) {
    const d = e.data;
    const phase = str(d.key);
    switch (e.type) {
      case 'tour.opened':
        tours.set(phase, {
          phase,
          order: Array.isArray(d.order) ? d.order.filter((x): x is number => typeof x === 'number') : [],
          seconds: num(d.seconds),
          openedSeconds: e.offset_seconds,
          turns: [],
          closedSeconds: null,
          statements: early.get(phase) ?? new Map(),
        });
        break;
      case 'tour.speaker':
        tours.get(phase)?.turns.push({ team: num(d.team_id), offsetSeconds: e.offset_seconds });
        break;
      case 'tour.closed': {
        const t = tours.get(phase);
        if (!t) break;
        t.closedSeconds = e.offset_seconds;
        for (const s of Array.isArray(d.statements) ? (d.statements as Record<string, unknown>[]) : []) put(s, phase);
        break;
      }
      case 'statement.updated':
        put(d, str(d.phase));
        break;
    }
  }
  return [...tours.values()];
}

/**
 * Each delegation of the tour in the speaking order, as the folded events leave it: whether it has
 * the floor, how long it spoke in its finished turns, how many turns it had, its statement.
 */
export function speakers(t: ReplayTour): Speaker[] {
  return t.order.map((team) => {
    let spoke: number | null = null;
    let turns = 0;
    let speaking = false;
    t.turns.forEach((turn, i) => {
      if (turn.team !== team) return;
      turns++;
      const end = i + 1 < t.turns.length ? t.turns[i + 1]!.offsetSeconds : t.closedSeconds;
      if (end == null) speaking = true;
      else spoke = (spoke ?? 0) + (end - turn.offsetSeconds);
    });
    const statement = t.statements.get(team);
    return { team, speaking, spokeSeconds: spoke, turns, ...(statement ? { statement } : {}) };
  });
}
