import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, isApiError, type Schema } from '../api/client';
import type { Session } from '../api/types';

export const ME_QUERY_KEY = ['auth', 'me'] as const;

// True after the user signed out on purpose (as opposed to a session that expired):
// the next sign-in then starts at the home page rather than where the user left off.
let signedOutOnPurpose = false;

export function wasSignedOutOnPurpose(): boolean {
  return signedOutOnPurpose;
}

/** Why the session ended under an open page (its live stream said so); the sign-in page says it. */
export type SessionEnd = 'signed_out' | 'expired';
let sessionEnd: SessionEnd | null = null;

export function lastSessionEnd(): SessionEnd | null {
  return sessionEnd;
}

/** Forgets the session the server ended, so the guards send the browser to sign in again. */
export function endSession(qc: QueryClient, why: SessionEnd) {
  sessionEnd = why;
  qc.setQueryData(ME_QUERY_KEY, null);
}

/** Forgets the session after a 401 (the server no longer knows it); the guards then send the browser to sign in. */
export function forgetSession(qc: QueryClient) {
  qc.setQueryData(ME_QUERY_KEY, null);
}

/** The current session, or null when the server says 401 (signed out). */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    return await api.get('/auth/me', { signal });
  } catch (err) {
    if (isApiError(err) && err.status === 401) return null;
    throw err;
  }
}

export const sessionQuery = queryOptions({
  queryKey: ME_QUERY_KEY,
  queryFn: ({ signal }) => fetchSession(signal),
  staleTime: 60_000,
});

export function useSession() {
  return useQuery(sessionQuery);
}

export type Credentials = Schema<'LoginInput'>;

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: ['login'],
    mutationFn: (c: Credentials) => api.post('/auth/login', { body: c }),
    onSuccess: (data) => {
      signedOutOnPurpose = false;
      sessionEnd = null;
      const next: Session = { role: data.user.role, user: data.user, csrf_token: data.csrf_token };
      qc.setQueryData(sessionQuery.queryKey, next);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: ['logout'],
    mutationFn: () => api.post('/auth/logout'),
    onSettled: () => {
      // Whatever the server answered, forget everything we know locally.
      signedOutOnPurpose = true;
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] });
      qc.setQueryData(sessionQuery.queryKey, null);
    },
  });
}
