import type { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { DEFAULT_POLICIES, DEFAULT_POLICY, realRuntime, Upstream, type UpstreamPolicy, type UpstreamResponse } from '../http/index.js';

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

/** The upstream a Plex client uses: the shared one from the composition root, or its own (tests). */
export function plexUpstream(
  name: 'plextv' | 'plex',
  service: string,
  options: { upstream?: Upstream; timeoutMs?: number; fetch?: typeof fetch },
): Upstream {
  if (options.upstream) return options.upstream;
  const policy: UpstreamPolicy = { ...DEFAULT_POLICY, ...DEFAULT_POLICIES[name], ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
  return new Upstream(name, service, policy, { ...realRuntime, ...(options.fetch ? { fetch: options.fetch } : {}) });
}

export interface PlexCall {
  operation: string;
  url: URL;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Setup and "test connection": no breaker, no retries (see `UpstreamRequest.direct`). */
  direct?: boolean;
}

/**
 * One call to a Plex upstream through the client base: unreachable, timed out, 5xx and 429 become typed
 * errors naming the service; the caller decides what other statuses mean.
 */
export function plexCall(upstream: Upstream, call: PlexCall): Promise<UpstreamResponse> {
  return upstream.send({
    operation: call.operation,
    url: call.url,
    method: call.method ?? 'GET',
    headers: call.headers,
    ...(call.direct ? { direct: true } : {}),
  });
}

export function upstreamAuthError(service: string): AppError {
  return new AppError('UPSTREAM_AUTH', `${service} refused the Plex token. Sign in with Plex again.`, { service });
}

/** A Plex answer other than 200 as its typed error: 401/403 → UPSTREAM_AUTH (the token), others → UPSTREAM_BAD_RESPONSE. */
export function expectPlexOk(service: string, response: Pick<UpstreamResponse, 'status'>): void {
  if (response.status === 401 || response.status === 403) throw upstreamAuthError(service);
  if (response.status !== 200) throw unexpectedStatus(service, response.status);
}

export function unexpectedStatus(service: string, status: number): AppError {
  return new AppError('UPSTREAM_BAD_RESPONSE', `${service} answered with an unexpected status (${status}).`, { service, status });
}

/** Parses a JSON body with its schema; a body of another shape is the upstream's fault (named field), not ours. */
export function parseJson<S extends z.ZodType>(upstream: Upstream, operation: string, text: string, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('UPSTREAM_BAD_RESPONSE', `${upstream.service} sent a response that is not JSON.`, { service: upstream.service, operation });
  }
  return upstream.validate({ operation, schema }, raw);
}
