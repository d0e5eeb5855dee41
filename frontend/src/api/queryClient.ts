import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './client';
import { sessionQuery } from '../auth/session';

/**
 * Creates the app's QueryClient. Any 401 from a query or mutation (other than the
 * sign-in itself) marks the session as gone, which sends the user to sign-in.
 */
export function createQueryClient(): QueryClient {
  const onUnauthenticated = (err: unknown) => {
    if (isApiError(err) && err.status === 401) {
      client.setQueryData(sessionQuery.queryKey, null);
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: onUnauthenticated }),
    mutationCache: new MutationCache({
      onError: (err, _vars, _ctx, mutation) => {
        if (mutation.options.mutationKey?.[0] === 'login') return;
        onUnauthenticated(err);
      },
    }),
    defaultOptions: {
      queries: {
        retry: (failureCount, err) => {
          if (isApiError(err) && err.status > 0 && err.status < 500) return false;
          return failureCount < 2;
        },
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
