import { fullPath, type Endpoint, type ResponseOf } from '@medianest/contracts';
import {
  QueryClient,
  queryOptions,
  useMutation,
  useQuery,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import { isApiError, type ApiError } from './api-error.js';
import { apiClient, type CallInput } from './client.js';

declare module '@tanstack/react-query' {
  interface Register {
    /** Every query and mutation of the app fails with an ApiError (see client.ts). */
    defaultError: ApiError;
  }
}

/**
 * The cache key of an endpoint call. Without `input` it is the prefix of every call to that endpoint,
 * for `queryClient.invalidateQueries({ queryKey: apiQueryKey(endpoint) })`.
 */
export function apiQueryKey<E extends Endpoint>(endpoint: E, input?: CallInput<E>): readonly unknown[] {
  const base = ['api', endpoint.method, fullPath(endpoint)] as const;
  return input ? [...base, { params: input.params ?? null, query: input.query ?? null }] : base;
}

type InputOption<E extends Endpoint> = object extends CallInput<E> ? { input?: CallInput<E> } : { input: CallInput<E> };

export type ApiQueryOptions<E extends Endpoint> = Omit<
  UseQueryOptions<ResponseOf<E>, ApiError, ResponseOf<E>, readonly unknown[]>,
  'queryKey' | 'queryFn'
> &
  InputOption<E>;

type QueryArgs<E extends Endpoint> = object extends CallInput<E> ? [options?: ApiQueryOptions<E>] : [options: ApiQueryOptions<E>];

/** Query options for an endpoint, for `useQuery`, `prefetchQuery` or `ensureQueryData`. */
export function apiQueryOptions<E extends Endpoint>(endpoint: E, ...[options]: QueryArgs<E>) {
  const { input, ...rest } = (options ?? {}) as ApiQueryOptions<E> & { input?: CallInput<E> };
  const call = apiClient.call as (e: E, i: CallInput<E> | undefined, o: { signal: AbortSignal }) => Promise<ResponseOf<E>>;
  return queryOptions<ResponseOf<E>, ApiError, ResponseOf<E>, readonly unknown[]>({
    ...rest,
    queryKey: apiQueryKey(endpoint, input),
    queryFn: ({ signal }) => call(endpoint, input, { signal }),
  });
}

/** `useQuery` for an endpoint: `useApiQuery(getSystemStatus, { refetchInterval: 10_000 })`. */
export function useApiQuery<E extends Endpoint>(endpoint: E, ...args: QueryArgs<E>) {
  return useQuery(apiQueryOptions(endpoint, ...args));
}

/** `useMutation` for an endpoint; `mutate({ params, body })` takes the endpoint's typed input. */
export function useApiMutation<E extends Endpoint>(
  endpoint: E,
  options: Omit<UseMutationOptions<ResponseOf<E>, ApiError, CallInput<E>>, 'mutationFn'> = {},
) {
  const call = apiClient.call as (e: E, i: CallInput<E>) => Promise<ResponseOf<E>>;
  return useMutation<ResponseOf<E>, ApiError, CallInput<E>>({ ...options, mutationFn: (input) => call(endpoint, input) });
}

/** Retries only what may succeed unchanged (network, 5xx, rate limits), at most twice. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < 2 && isApiError(error) && error.isRetryable;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 10_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
