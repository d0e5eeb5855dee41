/**
 * Participants and observers sign in with a join code, not an account: /auth/me then
 * answers `{role: "participant"|"observer", participant: {exercise_id, team_id}}` and
 * no `user`. They see only their exercise.
 */
import type { Session } from '../api/types';

export type GuestSession = Session & {
  role: 'participant' | 'observer';
  participant: NonNullable<Session['participant']>;
};

export function asGuestSession(s: unknown): GuestSession | null {
  if (!s || typeof s !== 'object') return null;
  const v = s as Partial<GuestSession> & { user?: unknown };
  if (v.user) return null;
  if ((v.role !== 'participant' && v.role !== 'observer') || !v.participant) return null;
  if (typeof v.participant.exercise_id !== 'number') return null;
  return v as GuestSession;
}

/** Where a participant's or observer's session belongs; null for staff (or nobody). */
export function guestHome(s: unknown): string | null {
  const g = asGuestSession(s);
  if (!g) return null;
  const id = g.participant.exercise_id;
  return g.role === 'observer' ? `/exercises/${id}/observe` : `/exercises/${id}/room`;
}
