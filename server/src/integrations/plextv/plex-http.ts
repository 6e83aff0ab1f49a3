import type { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';

/** Who MediaNest says it is to plex.tv and to Plex Media Server (the X-Plex-* headers). */
export interface PlexClientIdentity {
  /** Opaque and stable per install: plex.tv lists MediaNest as one device by it. */
  clientIdentifier: string;
  product: string;
  version: string;
  platform: string;
  device: string;
}

export function plexHeaders(identity: PlexClientIdentity, token?: string): Record<string, string> {
  return {
    Accept: 'application/json',
    'X-Plex-Client-Identifier': identity.clientIdentifier,
    'X-Plex-Product': identity.product,
    'X-Plex-Version': identity.version,
    'X-Plex-Platform': identity.platform,
    'X-Plex-Device': identity.device,
    'X-Plex-Device-Name': identity.product,
    ...(token ? { 'X-Plex-Token': token } : {}),
  };
}

export interface PlexRequest {
  /** Names the upstream in errors: "plex.tv" or "Plex Media Server". */
  service: string;
  url: URL;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** A response from a Plex upstream after the transport-level failures have become AppErrors. */
export interface PlexResponse {
  status: number;
  text: string;
}

/**
 * One call to a Plex upstream with a timeout. Unreachable, timed out, 5xx and 429 become typed
 * errors naming the service; the caller decides what other statuses mean.
 */
export async function plexCall(request: PlexRequest): Promise<PlexResponse> {
  const doFetch = request.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(request.url, {
      method: request.method ?? 'GET',
      headers: request.headers,
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new AppError(
      'UPSTREAM_UNAVAILABLE',
      `${request.service} ${timedOut ? `did not answer within ${request.timeoutMs / 1000} s` : 'cannot be reached'}. Try again in a minute.`,
      { service: request.service, reason: timedOut ? 'timeout' : 'unreachable' },
    );
  }
  const text = await response.text();
  if (response.status === 429) {
    throw new AppError('UPSTREAM_RATE_LIMITED', `${request.service} is limiting requests right now. Try again in a minute.`, {
      service: request.service,
    });
  }
  if (response.status >= 500) {
    throw new AppError('UPSTREAM_UNAVAILABLE', `${request.service} answered with an error (${response.status}). Try again later.`, {
      service: request.service,
      status: response.status,
    });
  }
  return { status: response.status, text };
}

export function upstreamAuthError(service: string): AppError {
  return new AppError('UPSTREAM_AUTH', `${service} refused the Plex token. Sign in with Plex again.`, { service });
}

export function unexpectedStatus(service: string, status: number): AppError {
  return new AppError('UPSTREAM_BAD_RESPONSE', `${service} answered with an unexpected status (${status}).`, { service, status });
}

/** Parses a JSON body with its schema; a body of another shape is the upstream's fault, not ours. */
export function parseJson<S extends z.ZodType>(service: string, text: string, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('UPSTREAM_BAD_RESPONSE', `${service} sent a response that is not JSON.`, { service });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('UPSTREAM_BAD_RESPONSE', `${service} sent a response MediaNest does not understand.`, {
      service,
      issues: parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    });
  }
  return parsed.data;
}
