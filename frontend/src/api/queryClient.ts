import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './client';

export interface QueryClientOptions {
  /** Called on any 401 from a query or mutation (other than the sign-in itself). */
  onUnauthenticated?: (client: QueryClient) => void;
}

/**
 * Creates the app's QueryClient. The app passes auth's forgetSession as
 * `onUnauthenticated`, so that a 401 marks the session as gone, which sends the user to
 * sign-in (passed in, so that this layer does not depend on auth).
 */
export function createQueryClient(options: QueryClientOptions = {}): QueryClient {
  const onUnauthenticated = (err: unknown) => {
    if (isApiError(err) && err.status === 401) options.onUnauthenticated?.(client);
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
