/**
 * What the caller may do in the room. The server decides it (the one table in
 * backend/internal/workshop/duties.go) and lists the acts a staff member's duty allows on
 * the exercise; the console offers only those. Observers and participants act as
 * staff nowhere.
 */
import type { Schema } from '../api/client';
import type { Exercise } from './api';

export type StaffAct = Schema<'StaffAct'>;
export type Duty = NonNullable<Exercise['viewer']['duty']>;

/** Tells whether the caller may do an act; always false for observers and participants. */
export type May = (act: StaffAct) => boolean;

export function mayOf(ex: Pick<Exercise, 'viewer'> | undefined, readOnly = false): May {
  if (readOnly || ex?.viewer.role !== 'staff') return () => false;
  // A server that lists no acts predates duties: every staff member did everything.
  const acts = ex.viewer.acts;
  if (!acts) return () => true;
  const allowed = new Set<StaffAct>(acts);
  return (act) => allowed.has(act);
}

/** The caller's duty, for staff only. */
export function dutyOf(ex: Pick<Exercise, 'viewer'> | undefined): Duty | undefined {
  return ex?.viewer.role === 'staff' ? ex.viewer.duty : undefined;
}
