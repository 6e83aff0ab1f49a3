import { Random } from '../core/random.js';
import { SimServer, html, json, type SimRequest, type SimResponse } from '../core/sim-server.js';
import { Simulator } from '../core/simulator.js';
import { xmlDocument } from '../core/xml.js';
import { DEFAULT_ACCOUNTS, buildAccounts, userJson, type AccountInput, type PlexAccount } from './accounts.js';
import { authPage, messagePage } from './auth-page.js';
import type { PlexServerSimulator } from './pms.js';

export interface PlexTvOptions {
  port?: number;
  seed?: string | number;
  /** Default: owner, alice and bob (shared), stranger (no access). */
  accounts?: AccountInput[];
  /** Lifetime of a strong PIN in seconds (default 1800; a 4-character PIN lives 900). */
  pinLifetimeSeconds?: number;
  /** The Plex server the owner owns and shares (its tokens are registered on it). */
  server?: PlexServerSimulator;
}

export interface Pin {
  id: number;
  code: string;
  clientIdentifier: string;
  product: string;
  createdAt: number;
  expiresAt: number;
  authToken: string | null;
  /** Which account claimed it. */
  claimedBy?: string;
}

const LOCATION = {
  code: 'US', european_union_member: false, continent_code: 'NA', country: 'United States', city: 'Chicago',
  time_zone: 'America/Chicago', postal_code: '60601', in_privacy_restricted_country: false,
  in_privacy_restricted_region: false, subdivisions: 'Illinois', coordinates: '41.8, -87.6',
};

function plexTvError(status: number, code: number, message: string): SimResponse {
  return json(status, { errors: [{ code, message, status }] });
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** plex.tv (PINs, user, resources, friends, shared users) and app.plex.tv's auth page, on one port. */
export class PlexTvSimulator extends Simulator {
  readonly accounts: PlexAccount[];
  readonly pins = new Map<number, Pin>();
  private readonly random: Random;
  private readonly pinLifetime: number;
  private server?: PlexServerSimulator;
  /** Clock in seconds; tests may move it forward with `advanceClock`. */
  private clockOffset = 0;

  constructor(options: PlexTvOptions = {}) {
    super(new SimServer({ name: 'plex-tv', port: options.port, errorResponse: (status, message) => plexTvError(status, status, message) }));
    const seed = options.seed ?? 'medianest';
    this.random = new Random(`${seed}:pins`);
    this.accounts = buildAccounts(options.accounts ?? DEFAULT_ACCOUNTS, seed);
    this.pinLifetime = options.pinLifetimeSeconds ?? 1800;
    this.nonApiPaths = /^\/(auth|desktop)(\/|$)/;
    this.registerRoutes();
    if (options.server) this.linkServer(options.server);
  }

  async start(): Promise<this> {
    await this.http.listen();
    return this;
  }

  /** The app.plex.tv base: the auth page is `${appUrl}/auth#?clientID=…`. Same port as plex.tv. */
  get appUrl(): string {
    return this.url;
  }

  get owner(): PlexAccount {
    return this.accounts.find((a) => a.access === 'owner')!;
  }

  account(key: string): PlexAccount {
    const found = this.accounts.find((a) => a.key === key || a.username === key);
    if (!found) throw new Error(`No plex.tv account "${key}" (known: ${this.accounts.map((a) => a.key).join(', ')})`);
    return found;
  }

  /** The accounts the server is shared with (not the owner, not strangers). */
  get sharedAccounts(): PlexAccount[] {
    return this.accounts.filter((a) => a.access === 'shared');
  }

  /** Owns this server from now on: its tokens accept the owner and the shared users. */
  linkServer(server: PlexServerSimulator): void {
    this.server = server;
    server.setOwnerUsername(this.owner.email);
    for (const account of this.accounts) {
      if (account.access === 'none') continue;
      const viewer = { id: account.id, title: account.username, thumb: account.thumb };
      server.allowToken(account.token, viewer);
      server.allowToken(account.serverToken, viewer);
    }
  }

  now(): number {
    return Math.floor(Date.now() / 1000) + this.clockOffset;
  }

  /** Moves plex.tv's clock forward (PIN expiry). */
  advanceClock(seconds: number): void {
    this.clockOffset += seconds;
  }

  /** Claims a PIN for an account, as a person approving it on the auth page would. */
  approvePin(idOrCode: number | string, accountKey: string): Pin {
    const pin = this.findPin(idOrCode);
    if (!pin) throw new Error(`No live PIN ${idOrCode}`);
    const account = this.account(accountKey);
    pin.authToken = account.token;
    pin.claimedBy = account.key;
    return pin;
  }

  expirePin(idOrCode: number | string): void {
    const pin = this.findPin(idOrCode);
    if (pin) pin.expiresAt = this.now() - 1;
  }

  /** The newest PIN (the one a login just created). */
  get latestPin(): Pin | undefined {
    return [...this.pins.values()].at(-1);
  }

  private findPin(idOrCode: number | string): Pin | undefined {
    const pin = typeof idOrCode === 'number' || /^\d+$/.test(idOrCode)
      ? this.pins.get(Number(idOrCode)) ?? [...this.pins.values()].find((p) => p.code === String(idOrCode))
      : [...this.pins.values()].find((p) => p.code === idOrCode);
    return pin && pin.expiresAt > this.now() ? pin : undefined;
  }

  private caller(req: SimRequest): PlexAccount | undefined {
    const token = req.header('x-plex-token') ?? req.query['X-Plex-Token'];
    return token ? this.accounts.find((a) => a.token === token) : undefined;
  }

  private pinJson(pin: Pin) {
    return {
      id: pin.id, code: pin.code, product: pin.product, trusted: false, qr: `https://plex.tv/api/v2/pins/qr/${pin.code}`,
      clientIdentifier: pin.clientIdentifier, location: LOCATION, expiresIn: Math.max(0, pin.expiresAt - this.now()),
      createdAt: iso(pin.createdAt), expiresAt: iso(pin.expiresAt), authToken: pin.authToken, newRegistration: null,
    };
  }

  /** JSON when asked for, XML (plex.tv's default) otherwise. */
  private reply(req: SimRequest, status: number, rootName: string, body: Record<string, unknown> | unknown[]): SimResponse {
    if (req.accepts('application/json')) return json(status, body);
    const root = Array.isArray(body) ? { [rootName.replace(/s$/, '')]: body } : body;
    return { status, headers: { 'Content-Type': 'application/xml; charset=utf-8' }, body: xmlDocument(rootName, root as Record<string, unknown>) };
  }

  private registerRoutes(): void {
    const http = this.http;
    const clientId = (req: SimRequest) => req.header('x-plex-client-identifier') ?? req.query['X-Plex-Client-Identifier'];
    const authed = (handler: (req: SimRequest, account: PlexAccount) => SimResponse) => (req: SimRequest) => {
      const account = this.caller(req);
      return account ? handler(req, account) : plexTvError(401, 1001, 'User could not be authenticated');
    };

    http.route('POST /api/v2/pins', (req) => {
      const client = clientId(req);
      if (!client) return plexTvError(400, 1000, 'X-Plex-Client-Identifier is missing');
      const strong = req.query.strong === 'true' || req.query.strong === '1';
      const now = this.now();
      const pin: Pin = {
        id: 564_964_751 + this.pins.size * 7 + this.random.int(1, 6),
        code: strong ? this.random.alnum(25) : this.random.alnum(4).toUpperCase(),
        clientIdentifier: client,
        product: req.header('x-plex-product') ?? req.query['X-Plex-Product'] ?? '0',
        createdAt: now,
        expiresAt: now + (strong ? this.pinLifetime : Math.min(900, this.pinLifetime)),
        authToken: null,
      };
      this.pins.set(pin.id, pin);
      return this.reply(req, 201, 'pin', this.pinJson(pin));
    });

    http.route('GET /api/v2/pins/{id}', (req) => {
      const client = clientId(req);
      if (!client) return plexTvError(400, 1000, 'X-Plex-Client-Identifier is missing');
      const pin = this.pins.get(Number(req.params.id));
      if (!pin || pin.expiresAt <= this.now() || pin.clientIdentifier !== client) {
        return plexTvError(404, 1020, 'Code not found or expired');
      }
      return this.reply(req, 200, 'pin', this.pinJson(pin));
    });

    http.route('GET /api/v2/user', authed((req, account) => this.reply(req, 200, 'user', userJson(account))));

    http.route('GET /api/v2/resources', authed((req, account) => this.reply(req, 200, 'resources', this.resources(account))));

    http.route('GET /api/v2/friends', authed((req, account) => {
      const friends = account.access === 'owner' ? this.sharedAccounts : [];
      return this.reply(req, 200, 'friends', friends.map((f) => ({
        id: f.id, uuid: f.uuid, title: f.title, username: f.username, email: f.email, friendlyName: null, thumb: f.thumb,
        home: false, restricted: false, status: 'accepted', sharedServers: [], sharedSources: [],
      })));
    }));

    http.route('GET /api/users', authed((req, account) => {
      const users = account.access === 'owner' ? this.sharedAccounts : [];
      const container = {
        friendlyName: 'myPlex', identifier: 'com.plexapp.plugins.myplex', machineIdentifier: this.server?.machineIdentifier ?? '',
        totalSize: users.length, size: users.length,
        User: users.map((u) => ({
          id: u.id, title: u.title, username: u.username, email: u.email, recommendationsPlaylistId: '', thumb: u.thumb,
          protected: 0, home: 0, allowTuners: 0, allowSync: 1, allowCameraUpload: 0, allowChannels: 0, allowSubtitleAdmin: 0,
          filterAll: '', filterMovies: '', filterMusic: '', filterPhotos: '', filterTelevision: '', restricted: 0,
          Server: this.server
            ? [{ id: 907_759_180 + u.id, serverId: 9_999_999, machineIdentifier: this.server.machineIdentifier, name: this.server.friendlyName, lastSeenAt: 1556281940, numLibraries: this.server.library.sections.length, allLibraries: 1, owned: 0, pending: 0 }]
            : [],
        })),
      };
      if (req.accepts('application/json')) return json(200, { MediaContainer: container });
      return { status: 200, headers: { 'Content-Type': 'application/xml; charset=utf-8' }, body: xmlDocument('MediaContainer', container) };
    }));

    // app.plex.tv
    http.route('GET /auth', (req) => html(200, authPage(this.accounts, req.query)));
    http.route('POST /auth/approve', (req) => {
      const form = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, string>;
      const fields = { ...req.query, ...form };
      const pin = fields.code ? this.findPin(fields.code) : undefined;
      if (!pin) return html(404, messagePage('Code not found or expired', 'Start the sign-in from the app again.'));
      if (fields.clientID && fields.clientID !== pin.clientIdentifier) {
        return html(400, messagePage('Wrong app', 'This code belongs to another app.'));
      }
      const account = this.accounts.find((a) => a.key === fields.account);
      if (!account) return html(400, messagePage('Choose an account', 'Pick one of the accounts on the sign-in page.'));
      this.approvePin(pin.id, account.key);
      const forward = fields.forwardUrl;
      if (forward && /^https?:\/\//.test(forward)) return { status: 303, headers: { Location: forward }, body: '' };
      return html(200, messagePage('Signed in', `You are signed in as ${account.title}. You can close this window.`));
    });
    http.route('GET /desktop', () => html(200, messagePage('Plex Web (simulated)', 'The simulated Plex has no player; the link worked.')));
  }

  private resources(account: PlexAccount): Record<string, unknown>[] {
    const client = {
      name: 'Chrome', product: 'Plex Web', productVersion: '4.128.1', platform: 'Chrome', platformVersion: '126.0',
      device: 'Linux', clientIdentifier: `web-${account.uuid}`, createdAt: '2024-01-10T10:00:00Z', lastSeenAt: '2024-07-16T17:00:00Z',
      provides: 'client,player,pubsub-player', ownerId: null, sourceTitle: null, publicAddress: '203.0.113.7', accessToken: account.token,
      owned: true, home: false, synced: false, relay: false, presence: false, httpsRequired: false, publicAddressMatches: true,
      dnsRebindingProtection: false, natLoopbackSupported: false, connections: [],
    };
    if (!this.server || account.access === 'none') return [client];
    const url = new URL(this.server.url);
    const owned = account.access === 'owner';
    return [
      {
        name: this.server.friendlyName, product: 'Plex Media Server', productVersion: this.server.version, platform: 'Linux',
        platformVersion: '22.04', device: 'PC', clientIdentifier: this.server.machineIdentifier,
        createdAt: '2019-06-24T11:38:02Z', lastSeenAt: iso(this.now()), provides: 'server',
        ownerId: owned ? null : this.owner.id, sourceTitle: owned ? null : this.owner.username,
        publicAddress: '203.0.113.7', accessToken: account.serverToken, owned, home: false, synced: false, relay: true,
        presence: true, httpsRequired: false, publicAddressMatches: true, dnsRebindingProtection: false, natLoopbackSupported: false,
        connections: [{ protocol: 'http', address: url.hostname, port: Number(url.port), uri: this.server.url, local: true, relay: false, IPv6: false }],
      },
      client,
    ];
  }
}

/** Starts plex.tv + app.plex.tv on one ephemeral loopback port. */
export async function startPlexTv(options: PlexTvOptions = {}): Promise<PlexTvSimulator> {
  return new PlexTvSimulator(options).start();
}
