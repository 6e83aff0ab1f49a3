import { ErrorEnvelope, type ErrorCode } from '@medianest/contracts';

/**
 * Codes the client adds to the server's: the server could not be reached at all, or it answered
 * with something that is not what the endpoint promises.
 */
export type ClientErrorCode = 'NETWORK_UNREACHABLE' | 'INVALID_RESPONSE';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

export interface ApiErrorInit {
  code: ApiErrorCode;
  message: string;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  /** The server's request id (from the envelope or the `X-Request-Id` header), for support. */
  requestId?: string;
  details?: unknown;
  /** Seconds the server asked us to wait (`Retry-After`), on 429 and some 503s. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** Every failure of `apiCall` is one of these: the server's envelope, or a client-side code. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly details: unknown;
  readonly retryAfterSeconds: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.details = init.details;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** The server answered but could not reach something it depends on (an upstream, its database). */
  get isUnavailable(): boolean {
    return this.code === 'NETWORK_UNREACHABLE' || this.status === 503 || this.status === 502;
  }

  /** Worth trying again without changing the request. */
  get isRetryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.code === 'RATE_LIMITED';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function retryAfter(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - Date.now()) / 1000));
}

/** Turns a non-2xx response into an ApiError, reading the envelope when there is one. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const headerRequestId = response.headers.get('x-request-id') ?? undefined;
  const retryAfterSeconds = retryAfter(response);
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;
  }
  const envelope = ErrorEnvelope.safeParse(payload);
  if (envelope.success) {
    const { code, message, details, requestId } = envelope.data.error;
    return new ApiError({ code, message, status: response.status, requestId, details, retryAfterSeconds });
  }
  return new ApiError({
    code: response.status >= 500 ? 'INTERNAL' : 'INVALID_RESPONSE',
    message: `The server answered ${response.status} ${response.statusText || ''}`.trim() + ' without an explanation.',
    status: response.status,
    requestId: headerRequestId,
    retryAfterSeconds,
  });
}
