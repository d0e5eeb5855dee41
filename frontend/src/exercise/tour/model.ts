import type { Tour } from './api';

/** The server's limit (backend/internal/exercise/tour.go MaxStatementLen). */
export const MAX_STATEMENT = 2000;
export const DEFAULT_MINUTES = 3;

/** Who has the floor in a tour now: the speaker's team, place in the order and start (ms, server time). */
export interface Floor {
  teamId: number;
  index: number;
  startedMs: number;
}

/** The current speaker of an open tour; null once it is closed. */
export function floorOf(tour: Tour | undefined): Floor | null {
  if (!tour || tour.closed_at) return null;
  const turn = tour.turns[tour.turns.length - 1];
  if (!turn) return null;
  return { teamId: turn.team_id, index: turn.index, startedMs: Date.parse(turn.at) };
}

/**
 * Seconds left for the speaker (negative once over time): the round is a guide for the
 * moderator, nobody is cut off. nowMs is server time.
 */
export function secondsLeft(tour: Tour, floor: Floor, nowMs: number): number {
  return Math.ceil(tour.seconds - (nowMs - floor.startedMs) / 1000);
}

/** Seconds as m:ss. */
export function minutesSeconds(total: number): string {
  const s = Math.max(0, Math.round(total));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
