import { z } from 'zod';
import { parseJson, plexCall, plexHeaders, unexpectedStatus, upstreamAuthError, type PlexClientIdentity } from '../plextv/plex-http.js';

const IdentitySchema = z.object({
  MediaContainer: z.object({
    machineIdentifier: z.string().min(1),
    version: z.string().nullish(),
    claimed: z.boolean().nullish(),
  }),
});

const ServerInfoSchema = z.object({
  MediaContainer: z.object({
    machineIdentifier: z.string().min(1),
    friendlyName: z.string().nullish(),
    version: z.string().nullish(),
  }),
});

export interface PlexServerIdentity {
  machineIdentifier: string;
  version: string | null;
  claimed: boolean;
}

export interface PlexServerInfo {
  machineIdentifier: string;
  friendlyName: string | null;
  version: string | null;
}

/** What MediaNest asks of a Plex Media Server during setup. */
export interface PlexServerClient {
  /** `GET /identity`, which needs no token: is this a Plex server, and which one. */
  identity(baseUrl: string): Promise<PlexServerIdentity>;
  /** `GET /` with the token: proves the token works on that server; UPSTREAM_AUTH when it does not. */
  serverInfo(baseUrl: string, token: string): Promise<PlexServerInfo>;
}

export interface HttpPlexServerClientOptions {
  identity: PlexClientIdentity;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const SERVICE = 'Plex Media Server';

export class HttpPlexServerClient implements PlexServerClient {
  constructor(private readonly options: HttpPlexServerClientOptions) {}

  private async call(baseUrl: string, path: string, token?: string) {
    return plexCall({
      service: SERVICE,
      url: new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`),
      headers: plexHeaders(this.options.identity, token),
      timeoutMs: this.options.timeoutMs ?? 8_000,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    });
  }

  async identity(baseUrl: string): Promise<PlexServerIdentity> {
    const response = await this.call(baseUrl, 'identity');
    if (response.status !== 200) throw unexpectedStatus(SERVICE, response.status);
    const { MediaContainer: body } = parseJson(SERVICE, response.text, IdentitySchema);
    return { machineIdentifier: body.machineIdentifier, version: body.version ?? null, claimed: body.claimed ?? false };
  }

  async serverInfo(baseUrl: string, token: string): Promise<PlexServerInfo> {
    const response = await this.call(baseUrl, '', token);
    if (response.status === 401 || response.status === 403) throw upstreamAuthError(SERVICE);
    if (response.status !== 200) throw unexpectedStatus(SERVICE, response.status);
    const { MediaContainer: body } = parseJson(SERVICE, response.text, ServerInfoSchema);
    return { machineIdentifier: body.machineIdentifier, friendlyName: body.friendlyName ?? null, version: body.version ?? null };
  }
}
