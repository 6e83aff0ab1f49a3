import {
  buildPath,
  fullPath,
  type BodyOf,
  type Endpoint,
  type HttpMethod,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
} from '@medianest/contracts';
import { ApiError, errorFromResponse } from './api-error.js';

/** What a call sends, typed from the endpoint: `params` and `body` are required when the endpoint has them. */
export type CallInput<E extends Endpoint> = ([ParamsOf<E>] extends [undefined]
  ? { params?: undefined }
  : { params: ParamsOf<E> }) &
  ([QueryOf<E>] extends [undefined]
    ? { query?: undefined }
    : object extends QueryOf<E>
      ? { query?: QueryOf<E> }
      : { query: QueryOf<E> }) &
  ([BodyOf<E>] extends [undefined] ? { body?: undefined } : { body: BodyOf<E> });

export interface CallOptions {
  signal?: AbortSignal;
  /** Set by the session refresh itself, so a 401 on the refresh call does not recurse. */
  skipSessionRefresh?: boolean;
}

/** The arguments of `apiCall`: the input may be left out when the endpoint needs none. */
export type CallArgs<E extends Endpoint> = object extends CallInput<E>
  ? [input?: CallInput<E>, options?: CallOptions]
  : [input: CallInput<E>, options?: CallOptions];

export interface OutgoingRequest {
  method: HttpMethod;
  url: string;
}

export interface ApiClientOptions {
  /** Prefix for every URL; '' (the default) means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Extra headers for each attempt, e.g. the CSRF token on unsafe methods (the auth context sets it). */
  requestHeaders?: (request: OutgoingRequest) => Record<string, string> | undefined;
  /**
   * Called once per burst of 401 answers: resolve `true` when the session was refreshed and the request
   * may be sent again (once), `false` to let the 401 through. Concurrent 401s share one refresh.
   */
  refreshSession?: (error: ApiError) => Promise<boolean>;
}

export interface ApiClient {
  call<E extends Endpoint>(endpoint: E, ...args: CallArgs<E>): Promise<ResponseOf<E>>;
  /** Changes hooks at run time (the auth context installs its CSRF header and refresh here). */
  configure(options: Partial<ApiClientOptions>): void;
}

type QueryValue = string | number | boolean | Date | null | undefined | readonly (string | number | boolean | Date)[];

function encodeQuery(query: object | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  const text = (value: string | number | boolean | Date) => (value instanceof Date ? value.toISOString() : String(value));
  for (const [key, value] of Object.entries(query as Record<string, QueryValue>)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, text(item));
    else search.append(key, text(value as string | number | boolean | Date));
  }
  const encoded = search.toString();
  return encoded ? `?${encoded}` : '';
}

const unreachable = (cause: unknown) =>
  new ApiError({
    code: 'NETWORK_UNREACHABLE',
    message: 'MediaNest cannot be reached. Check your connection; it will be tried again.',
    status: 0,
    cause,
  });

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export function createApiClient(initial: ApiClientOptions = {}): ApiClient {
  const options: ApiClientOptions = { ...initial };
  let refreshing: Promise<boolean> | undefined;

  const refreshOnce = (error: ApiError): Promise<boolean> => {
    const refresh = options.refreshSession;
    if (!refresh) return Promise.resolve(false);
    refreshing ??= refresh(error)
      .catch(() => false)
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  };

  async function send(endpoint: Endpoint, url: string, body: unknown, signal: AbortSignal | undefined) {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, options.requestHeaders?.({ method: endpoint.method, url }));
    const doFetch = options.fetch ?? globalThis.fetch;
    try {
      return await doFetch(url, {
        method: endpoint.method.toUpperCase(),
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw unreachable(error);
    }
  }

  async function call<E extends Endpoint>(endpoint: E, ...args: CallArgs<E>): Promise<ResponseOf<E>> {
    const [input, callOptions = {}] = args;
    const params = input?.params as Record<string, string | number> | undefined;
    const url = `${options.baseUrl ?? ''}${buildPath(fullPath(endpoint), params)}${encodeQuery(input?.query ?? undefined)}`;
    const body: unknown = input?.body;

    let response = await send(endpoint, url, body, callOptions.signal);
    if (response.status === 401 && !callOptions.skipSessionRefresh && options.refreshSession) {
      const error = await errorFromResponse(response);
      if (!(await refreshOnce(error))) throw error;
      response = await send(endpoint, url, body, callOptions.signal);
    }
    if (!response.ok) throw await errorFromResponse(response);

    const schema = endpoint.responses[response.status];
    const requestId = response.headers.get('x-request-id') ?? undefined;
    if (schema === null || response.status === 204) return undefined as ResponseOf<E>;
    if (schema === undefined) {
      throw new ApiError({
        code: 'INVALID_RESPONSE',
        message: `The server answered ${response.status}, which ${endpoint.method.toUpperCase()} ${endpoint.path} does not declare.`,
        status: response.status,
        requestId,
      });
    }
    let payload: unknown;
    try {
      payload = await response.json();
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError({ code: 'INVALID_RESPONSE', message: 'The server answered with something that is not JSON.', status: response.status, requestId, cause: error });
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      throw new ApiError({
        code: 'INVALID_RESPONSE',
        message: 'The server answered in a shape this page does not understand. Reload the page to get the current version.',
        status: response.status,
        requestId,
        details: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
    }
    return parsed.data as ResponseOf<E>;
  }

  return {
    call,
    configure(changes) {
      Object.assign(options, changes);
    },
  };
}

/** The app's one client: same origin, cookies sent; auth configures its hooks with `apiClient.configure`. */
export const apiClient = createApiClient();

/** Calls an endpoint defined in `@medianest/contracts` and returns its typed, validated response. */
export function apiCall<E extends Endpoint>(endpoint: E, ...args: CallArgs<E>): Promise<ResponseOf<E>> {
  return apiClient.call(endpoint, ...args);
}
