import type { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';

/**
 * Why a call to an upstream failed, as far as the transport can tell. The breaker counts the
 * `unavailable` kinds alike (timeout, refused, DNS, TLS, reset, 5xx); the others are answers.
 */
export type FailureKind = 'timeout' | 'refused' | 'dns' | 'tls' | 'reset' | 'network' | 'server-error';

export const UNAVAILABLE_KINDS: readonly FailureKind[] = ['timeout', 'refused', 'dns', 'tls', 'reset', 'network', 'server-error'];

export type BreakerStateName = 'closed' | 'open' | 'half-open' | 'isolated';

/** Details of an UPSTREAM_UNAVAILABLE error (what the web app shows in its banner). */
export interface UnavailableDetails {
  service: string;
  reason: FailureKind | 'circuit-open';
  /** ISO time since when the upstream has been failing (the breaker opened or the first failure). */
  since: string | null;
  breaker: BreakerStateName;
  status?: number;
  code?: string;
}

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const refusedCodes = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETESTNETWORK']);
const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** The innermost `code` of a fetch failure (undici wraps the socket error in `cause`, sometimes twice). */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  let code: string | undefined;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const candidate = (current as { code?: unknown }).code;
    if (typeof candidate === 'string') code = candidate;
    const errors = (current as { errors?: unknown }).errors;
    // Happy-eyeballs connects raise an AggregateError: its first member says what happened.
    current = (current as { cause?: unknown }).cause ?? (Array.isArray(errors) ? (errors[0] as unknown) : undefined);
  }
  return code;
}

/** Classifies a fetch() rejection: timeout, DNS, refused, TLS, reset or some other network failure. */
export function classifyFetchError(error: unknown): FailureKind {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError') return 'timeout';
  const code = errorCode(error);
  if (code === undefined) return 'network';
  if (dnsCodes.has(code)) return 'dns';
  if (refusedCodes.has(code)) return 'refused';
  if (resetCodes.has(code)) return 'reset';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') return 'timeout';
  if (/CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME_MISMATCH/i.test(code)) return 'tls';
  return 'network';
}

const reasonWords: Record<FailureKind | 'circuit-open', string> = {
  timeout: 'did not answer in time',
  refused: 'refused the connection',
  dns: 'has an address that does not resolve',
  tls: 'failed the secure (TLS) connection',
  reset: 'closed the connection without answering',
  network: 'cannot be reached',
  'server-error': 'answered with a server error',
  'circuit-open': 'has been failing',
};

export function unavailableError(details: UnavailableDetails): AppError {
  const since = details.since ? ` since ${details.since}` : '';
  const message =
    details.reason === 'circuit-open'
      ? `${details.service} has been unavailable${since}; MediaNest is not calling it for a moment. Try again in a minute.`
      : `${details.service} ${reasonWords[details.reason]}${details.status ? ` (${details.status})` : ''}. Try again in a minute.`;
  return new AppError('UPSTREAM_UNAVAILABLE', message, details);
}

export function authError(service: string, status: number, hint = 'Check its API key in Admin → Services.'): AppError {
  return new AppError('UPSTREAM_AUTH', `${service} refused MediaNest's credentials (${status}). ${hint}`, { service, status });
}

export function rateLimitedError(service: string, retryAfterSeconds: number | null): AppError {
  const wait = retryAfterSeconds ? ` Try again in ${Math.ceil(retryAfterSeconds)} s.` : ' Try again in a minute.';
  return new AppError('UPSTREAM_RATE_LIMITED', `${service} is limiting MediaNest's requests right now.${wait}`, {
    service,
    retryAfterSeconds,
  }, retryAfterSeconds ? { 'Retry-After': String(Math.ceil(retryAfterSeconds)) } : undefined);
}

export function badResponseError(service: string, operation: string, problem: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('UPSTREAM_BAD_RESPONSE', `${service} sent a response MediaNest does not understand (${operation}): ${problem}.`, {
    service,
    operation,
    ...extra,
  });
}

/** A zod failure as an UPSTREAM_BAD_RESPONSE naming the first offending field paths. */
export function schemaError(service: string, operation: string, error: z.ZodError): AppError {
  const issues = error.issues.slice(0, 3).map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  const first = issues[0];
  return badResponseError(service, operation, first ? `field "${first.path}" ${first.message.toLowerCase()}` : 'invalid body', {
    field: first?.path,
    issues,
  });
}

/** `Retry-After` as seconds: a number of seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, (date - nowMs) / 1000);
}
