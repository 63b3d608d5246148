import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error';
import { queryKeys } from './query-keys';

function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

export function createQueryClient(): QueryClient {
  // A 401 anywhere means the session cookie expired or was revoked: clearing the cached user sends
  // every protected route to the login page, which then returns the user where they were.
  const dropSession = (error: unknown, key?: readonly unknown[]) => {
    if (isUnauthorized(error) && key?.[0] !== queryKeys.me[0]) client.setQueryData(queryKeys.me, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => dropSession(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error, _vars, _ctx, mutation) => dropSession(error, mutation.options.mutationKey) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Client errors (403, 404, validation) will not heal by retrying; network blips and 5xx may.
        retry: (failureCount, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
