import type { PlexServerClient, PlexServerIdentity, PlexServerInfo } from '../integrations/plex/index.js';
import type {
  PlexTvAccount,
  PlexTvClient,
  PlexTvPin,
  PlexTvServer,
  PlexTvSharedUser,
} from '../integrations/plextv/index.js';
import { AppError } from '../platform/http/errors.js';

export interface FakeAccount extends PlexTvAccount {
  token: string;
}

interface FakePin {
  pin: PlexTvPin;
  expired: boolean;
}

const refused = (service: string) =>
  new AppError('UPSTREAM_AUTH', `${service} refused the Plex token. Sign in with Plex again.`, { service });

/**
 * A strict in-memory stand-in for plex.tv behind the `PlexTvClient` interface (not an HTTP server):
 * it answers only for accounts, servers and shares it was told about, refuses unknown tokens as plex.tv
 * does, and records every call. The plex.tv/PMS simulators cover the HTTP layer.
 */
export class FakePlexTv implements PlexTvClient {
  readonly calls: string[] = [];
  private readonly accounts = new Map<string, FakeAccount>();
  private readonly pins = new Map<number, FakePin>();
  private readonly servers = new Map<string, PlexTvServer[]>();
  private readonly shares = new Map<string, PlexTvSharedUser[]>();
  private nextPin = 1000;
  /** Set to make every call fail as if plex.tv were down. */
  down = false;

  addAccount(account: FakeAccount): FakeAccount {
    this.accounts.set(account.token, account);
    return account;
  }

  /** The servers `/api/v2/resources` lists for a token. */
  setServers(token: string, servers: PlexTvServer[]): void {
    this.servers.set(token, servers);
  }

  /** Shares a server of the owner with an account (as `/api/users` then lists it). */
  share(ownerToken: string, account: PlexTvAccount, machineIdentifier: string): void {
    const list = this.shares.get(ownerToken) ?? [];
    const existing = list.find((user) => user.id === account.id);
    if (existing) existing.serverMachineIdentifiers.push(machineIdentifier);
    else list.push({ ...account, serverMachineIdentifiers: [machineIdentifier] });
    this.shares.set(ownerToken, list);
  }

  /** The account signs in at app.plex.tv and approves the PIN. */
  approve(pinId: number, account: FakeAccount): void {
    const entry = this.pins.get(pinId);
    if (!entry) throw new Error(`FakePlexTv: no PIN ${pinId}`);
    entry.pin.authToken = account.token;
  }

  expire(pinId: number): void {
    const entry = this.pins.get(pinId);
    if (entry) entry.expired = true;
  }

  /** The PIN whose code appears in an auth URL. */
  pinIdFromAuthUrl(authUrl: string): number {
    const code = new URLSearchParams(authUrl.split('#?')[1]).get('code');
    const found = [...this.pins.values()].find((entry) => entry.pin.code === code);
    if (!found) throw new Error(`FakePlexTv: no PIN for ${authUrl}`);
    return found.pin.id;
  }

  private enter(call: string): void {
    this.calls.push(call);
    if (this.down) {
      throw new AppError('UPSTREAM_UNAVAILABLE', 'plex.tv cannot be reached. Try again in a minute.', { service: 'plex.tv' });
    }
  }

  private account(token: string): FakeAccount {
    const account = this.accounts.get(token);
    if (!account) throw refused('plex.tv');
    return account;
  }

  async createPin(): Promise<PlexTvPin> {
    this.enter('createPin');
    const id = (this.nextPin += 1);
    const pin = { id, code: `code${id}abcdefghijklmnopq`, expiresAt: new Date(Date.now() + 1_800_000), authToken: null };
    this.pins.set(id, { pin, expired: false });
    return { ...pin };
  }

  async getPin(id: number): Promise<PlexTvPin | null> {
    this.enter(`getPin:${id}`);
    const entry = this.pins.get(id);
    return entry && !entry.expired ? { ...entry.pin } : null;
  }

  async getAccount(token: string): Promise<PlexTvAccount> {
    this.enter('getAccount');
    const { token: _token, ...account } = this.account(token);
    return account;
  }

  async getServers(token: string): Promise<PlexTvServer[]> {
    this.enter('getServers');
    this.account(token);
    return structuredClone(this.servers.get(token) ?? []);
  }

  async getSharedUsers(ownerToken: string): Promise<PlexTvSharedUser[]> {
    this.enter('getSharedUsers');
    this.account(ownerToken);
    return structuredClone(this.shares.get(ownerToken) ?? []);
  }

  authUrl(code: string, forwardUrl?: string): string {
    const query = new URLSearchParams({ clientID: 'fake-client', code });
    if (forwardUrl) query.set('forwardUrl', forwardUrl);
    return `https://app.plex.invalid/auth#?${query.toString()}`;
  }
}

interface FakeServerEntry {
  machineIdentifier: string;
  name: string;
  version: string;
  tokens: Set<string>;
}

/** A strict stand-in for Plex Media Servers behind `PlexServerClient`, keyed by base URL. */
export class FakePlexServers implements PlexServerClient {
  readonly calls: string[] = [];
  private readonly servers = new Map<string, FakeServerEntry>();

  add(url: string, server: { machineIdentifier: string; name: string; version?: string; tokens: string[] }): void {
    this.servers.set(url.replace(/\/+$/, ''), {
      machineIdentifier: server.machineIdentifier,
      name: server.name,
      version: server.version ?? '1.40.2.8395',
      tokens: new Set(server.tokens),
    });
  }

  private at(url: string): FakeServerEntry {
    const server = this.servers.get(url.replace(/\/+$/, ''));
    if (!server) {
      throw new AppError('UPSTREAM_UNAVAILABLE', 'Plex Media Server cannot be reached. Try again in a minute.', {
        service: 'Plex Media Server',
      });
    }
    return server;
  }

  async identity(baseUrl: string): Promise<PlexServerIdentity> {
    this.calls.push(`identity:${baseUrl}`);
    const server = this.at(baseUrl);
    return { machineIdentifier: server.machineIdentifier, version: server.version, claimed: true };
  }

  async serverInfo(baseUrl: string, token: string): Promise<PlexServerInfo> {
    this.calls.push(`serverInfo:${baseUrl}`);
    const server = this.at(baseUrl);
    if (!server.tokens.has(token)) throw refused('Plex Media Server');
    return { machineIdentifier: server.machineIdentifier, friendlyName: server.name, version: server.version };
  }
}
