import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../api/client';
import type { LoginResponse, Session } from '../api/types';

export const ME_QUERY_KEY = ['auth', 'me'] as const;

// True after the user signed out on purpose (as opposed to a session that expired):
// the next sign-in then starts at the home page rather than where the user left off.
let signedOutOnPurpose = false;

export function wasSignedOutOnPurpose(): boolean {
  return signedOutOnPurpose;
}

/** The current session, or null when the server says 401 (signed out). */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    return await api.get<Session>('/auth/me', signal);
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

export interface Credentials {
  email: string;
  password: string;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: ['login'],
    mutationFn: (c: Credentials) => api.post<LoginResponse>('/auth/login', c),
    onSuccess: (data) => {
      signedOutOnPurpose = false;
      const next: Session = { user: data.user, csrf_token: data.csrf_token };
      qc.setQueryData(sessionQuery.queryKey, next);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: ['logout'],
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      // Whatever the server answered, forget everything we know locally.
      signedOutOnPurpose = true;
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] });
      qc.setQueryData(sessionQuery.queryKey, null);
    },
  });
}
