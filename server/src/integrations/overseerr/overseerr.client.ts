import { z } from 'zod';
import type { Upstream } from '../http/index.js';

export interface OverseerrConnection {
  /** Where Overseerr answers, e.g. `http://overseerr:5055` (a path prefix is kept). */
  url: string;
  apiKey: string;
}

export const OverseerrStatusSchema = z.object({
  version: z.string().min(1),
  commitTag: z.string().nullish(),
  updateAvailable: z.boolean().nullish(),
  commitsBehind: z.number().nullish(),
  restartRequired: z.boolean().nullish(),
});
export type OverseerrStatus = z.infer<typeof OverseerrStatusSchema>;

export const OverseerrUserSchema = z.object({
  id: z.number().int(),
  email: z.string().nullish(),
  displayName: z.string().nullish(),
  permissions: z.number().int(),
});
export type OverseerrUser = z.infer<typeof OverseerrUserSchema>;

export const OverseerrRequestCountSchema = z.object({
  total: z.number().int(),
  movie: z.number().int(),
  tv: z.number().int(),
  pending: z.number().int(),
  approved: z.number().int(),
  declined: z.number().int(),
  processing: z.number().int(),
  available: z.number().int(),
});
export type OverseerrRequestCount = z.infer<typeof OverseerrRequestCountSchema>;

export interface CallOptions {
  /** No breaker, no retries: "test connection" (see `UpstreamRequest.direct`). */
  direct?: boolean;
}

const AUTH_HINT = 'Copy the API key from Overseerr → Settings → General into Admin → Services.';

/** Overseerr's REST API (`/api/v1`) through the client base; every answer parsed with its schema. */
export class OverseerrClient {
  constructor(readonly upstream: Upstream) {}

  private url(connection: Pick<OverseerrConnection, 'url'>, path: string): URL {
    const base = connection.url.endsWith('/') ? connection.url : `${connection.url}/`;
    return new URL(`api/v1/${path}`, base);
  }

  private headers(connection?: OverseerrConnection): Record<string, string> {
    return { Accept: 'application/json', ...(connection ? { 'X-Api-Key': connection.apiKey } : {}) };
  }

  /** `GET /status` (public): the version, and proof that Overseerr is what answers at that address. */
  status(connection: Pick<OverseerrConnection, 'url'>, options: CallOptions = {}): Promise<OverseerrStatus> {
    return this.upstream.json({
      operation: 'status',
      url: this.url(connection, 'status'),
      headers: this.headers(),
      schema: OverseerrStatusSchema,
      ...options,
    });
  }

  /** `GET /auth/me` with the API key: proves the key (Overseerr answers 403 to a wrong one). */
  me(connection: OverseerrConnection, options: CallOptions = {}): Promise<OverseerrUser> {
    return this.upstream.json({
      operation: 'me',
      url: this.url(connection, 'auth/me'),
      headers: this.headers(connection),
      schema: OverseerrUserSchema,
      authHint: AUTH_HINT,
      ...options,
    });
  }

  /** `GET /request/count`: how many requests in each state. */
  requestCount(connection: OverseerrConnection, options: CallOptions = {}): Promise<OverseerrRequestCount> {
    return this.upstream.json({
      operation: 'requestCount',
      url: this.url(connection, 'request/count'),
      headers: this.headers(connection),
      schema: OverseerrRequestCountSchema,
      authHint: AUTH_HINT,
      ...options,
    });
  }
}
