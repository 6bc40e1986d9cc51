import { QueryClient } from '@tanstack/react-query';
import { ApiError, ApiUnreachableError } from '../api/apiClient';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: false,
        // Retrying a 4xx only repeats the same answer; an unreachable server is shown by the banner instead.
        retry: (failureCount, error) =>
          !(error instanceof ApiError && error.status < 500) &&
          !(error instanceof ApiUnreachableError) &&
          failureCount < 2,
      },
    },
  });
}
