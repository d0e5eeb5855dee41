import type { ClockState, ClockStatus } from './api';

/** A clock reading with its reference time in epoch milliseconds. */
export interface ClockReading {
  status: ClockStatus;
  speed: number;
  offsetSeconds: number;
  /** When offsetSeconds was true, in milliseconds since the epoch (server time). */
  asOfMs: number;
}

export function readingFromState(c: ClockState): ClockReading {
  return { status: c.status, speed: c.speed, offsetSeconds: c.offset_seconds, asOfMs: Date.parse(c.as_of) || 0 };
}

/**
 * Exercise time in seconds at `nowMs`: while running, offset + (now − as_of) × speed;
 * otherwise the offset stands still. Never negative, never behind the reading.
 */
export function exerciseSeconds(c: ClockReading, nowMs: number): number {
  if (c.status !== 'running') return Math.max(0, c.offsetSeconds);
  const elapsed = Math.max(0, nowMs - c.asOfMs) / 1000;
  return Math.max(0, c.offsetSeconds + elapsed * c.speed);
}

/** Seconds as hh:mm:ss (hours keep counting past 24). */
export function formatHms(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(h)}:${pad(m)}:${pad(sec)}`;
}

/** A speed as shown to people: 0.5×, 1×, 10×. */
export function formatSpeed(speed: number): string {
  return `${Number(speed.toFixed(2))}×`;
}

export const SPEEDS = [0.5, 1, 2, 5, 10] as const;
