import { XMLParser } from 'fast-xml-parser';
import { AppError } from '../../platform/http/errors.js';
import type { Upstream } from '../http/index.js';
import { expectPlexOk, parseJson, plexCall, plexHeaders, plexUpstream, unexpectedStatus, type PlexClientIdentity } from './plex-http.js';
import {
  FriendsSchema,
  PlexTvPinSchema,
  PlexTvResourcesSchema,
  PlexTvUserSchema,
  SharedUsersSchema,
  type PlexTvAccount,
  type PlexTvPin,
  type PlexTvServer,
  type PlexTvSharedUser,
} from './plextv.schemas.js';

export type { PlexTvAccount, PlexTvPin, PlexTvServer, PlexTvSharedUser } from './plextv.schemas.js';

/** What MediaNest asks of plex.tv. A strict fake implements it in unit tests; the simulator plays it in integration tests. */
export interface PlexTvClient {
  /** A strong PIN (long code, ~30 min). */
  createPin(): Promise<PlexTvPin>;
  /** The PIN with its token once approved; null when plex.tv no longer knows it (expired). */
  getPin(id: number): Promise<PlexTvPin | null>;
  /** The account behind a token; UPSTREAM_AUTH when the token is refused. */
  getAccount(token: string): Promise<PlexTvAccount>;
  /** Plex Media Servers the account can reach (owned or shared with it). */
  getServers(token: string): Promise<PlexTvServer[]>;
  /** The accounts the owner shares servers with, and which servers (by machine identifier). */
  getSharedUsers(ownerToken: string): Promise<PlexTvSharedUser[]>;
  /** The app.plex.tv page where the user approves a PIN; with `forwardUrl` it sends them back after. */
  authUrl(code: string, forwardUrl?: string): string;
}

export interface HttpPlexTvClientOptions {
  /** `plexTvUrl` from config (https://plex.tv). */
  baseUrl: string;
  /** `plexAppUrl` from config (https://app.plex.tv). */
  appUrl: string;
  identity: PlexClientIdentity;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The shared plex.tv upstream (breaker, rate limit, metrics); a private one when absent. */
  upstream?: Upstream;
}

const SERVICE = 'plex.tv';
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  isArray: (name) => name === 'User' || name === 'Server',
});

const rank = (c: { local: boolean; relay: boolean }) => (c.relay ? 2 : c.local ? 0 : 1);

/** plex.tv over HTTP: a small typed client (fetch with a timeout, zod-parsed responses, X-Plex-* headers). */
export class HttpPlexTvClient implements PlexTvClient {
  private readonly upstream: Upstream;

  constructor(private readonly options: HttpPlexTvClientOptions) {
    this.upstream = plexUpstream('plextv', SERVICE, { timeoutMs: options.timeoutMs ?? 10_000, ...options });
  }

  private async call(operation: string, path: string, init: { method?: 'GET' | 'POST'; token?: string; accept?: string } = {}) {
    const headers = plexHeaders(this.options.identity, init.token);
    if (init.accept) headers.Accept = init.accept;
    const response = await plexCall(this.upstream, {
      operation,
      url: new URL(path, this.options.baseUrl),
      method: init.method ?? 'GET',
      headers,
    });
    return { status: response.status, text: response.text };
  }

  private pin(text: string): PlexTvPin {
    const raw = parseJson(this.upstream, 'pin', text, PlexTvPinSchema);
    const expiresAt = raw.expiresAt
      ? new Date(raw.expiresAt)
      : new Date(Date.now() + (raw.expiresIn ?? 1800) * 1000);
    return { id: raw.id, code: raw.code, expiresAt, authToken: raw.authToken ?? null };
  }

  async createPin(): Promise<PlexTvPin> {
    const response = await this.call('createPin', '/api/v2/pins?strong=true', { method: 'POST' });
    if (response.status !== 201 && response.status !== 200) throw unexpectedStatus(SERVICE, response.status);
    return this.pin(response.text);
  }

  async getPin(id: number): Promise<PlexTvPin | null> {
    const response = await this.call('getPin', `/api/v2/pins/${id}`);
    if (response.status === 404) return null;
    if (response.status !== 200) throw unexpectedStatus(SERVICE, response.status);
    return this.pin(response.text);
  }

  async getAccount(token: string): Promise<PlexTvAccount> {
    const response = await this.call('user', '/api/v2/user', { token });
    expectPlexOk(SERVICE, response);
    const user = parseJson(this.upstream, 'user', response.text, PlexTvUserSchema);
    const username = user.username || user.title || `plex-${user.id}`;
    const title = user.friendlyName || user.title || username;
    return { id: user.id, uuid: user.uuid ?? null, username, title, email: user.email ?? null, thumb: user.thumb ?? null };
  }

  async getServers(token: string): Promise<PlexTvServer[]> {
    const response = await this.call('resources', '/api/v2/resources?includeHttps=1&includeRelay=1&includeIPv6=1', { token });
    expectPlexOk(SERVICE, response);
    return parseJson(this.upstream, 'resources', response.text, PlexTvResourcesSchema)
      .filter((resource) => resource.provides.split(',').includes('server'))
      .map((resource) => ({
        name: resource.name,
        machineIdentifier: resource.clientIdentifier,
        productVersion: resource.productVersion ?? null,
        owned: resource.owned,
        accessToken: resource.accessToken ?? null,
        connections: [...resource.connections].sort((a, b) => rank(a) - rank(b)),
      }));
  }

  async getSharedUsers(ownerToken: string): Promise<PlexTvSharedUser[]> {
    // The v1 list (XML) names each user's servers by machine identifier; v2 friends is the fallback.
    const response = await this.call('users', '/api/users', { token: ownerToken, accept: 'application/xml, application/json' });
    if (response.status === 404) return this.friends(ownerToken);
    expectPlexOk(SERVICE, response);
    const body = response.text.trimStart();
    let raw: unknown;
    try {
      raw = body.startsWith('{') ? JSON.parse(body) : xml.parse(body);
    } catch {
      throw new AppError('UPSTREAM_BAD_RESPONSE', 'plex.tv sent a users list MediaNest cannot read.', { service: SERVICE });
    }
    const parsed = this.upstream.validate({ operation: 'users', schema: SharedUsersSchema }, raw);
    return parsed.MediaContainer.User.map((user) => ({
      id: user.id,
      uuid: null,
      username: user.username ?? user.title ?? `plex-${user.id}`,
      title: user.title ?? user.username ?? `plex-${user.id}`,
      email: user.email,
      thumb: user.thumb,
      serverMachineIdentifiers: user.Server.map((server) => server.machineIdentifier),
    }));
  }

  private async friends(ownerToken: string): Promise<PlexTvSharedUser[]> {
    const response = await this.call('friends', '/api/v2/friends', { token: ownerToken });
    expectPlexOk(SERVICE, response);
    return parseJson(this.upstream, 'friends', response.text, FriendsSchema).map((friend) => ({
      id: friend.id,
      uuid: friend.uuid ?? null,
      username: friend.username || friend.title || `plex-${friend.id}`,
      title: friend.friendlyName || friend.title || friend.username || `plex-${friend.id}`,
      email: friend.email ?? null,
      thumb: friend.thumb ?? null,
      serverMachineIdentifiers: friend.sharedServers
        .map((server) => server.machineIdentifier)
        .filter((id): id is string => typeof id === 'string'),
    }));
  }

  authUrl(code: string, forwardUrl?: string): string {
    const query = new URLSearchParams({ clientID: this.options.identity.clientIdentifier, code });
    if (forwardUrl) query.set('forwardUrl', forwardUrl);
    query.set('context[device][product]', this.options.identity.product);
    return `${this.options.appUrl.replace(/\/$/, '')}/auth#?${query.toString()}`;
  }
}
