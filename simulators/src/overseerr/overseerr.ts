import { SimServer, json } from '../core/sim-server.js';
import { Simulator } from '../core/simulator.js';
import { Catalog } from '../tmdb/catalog.js';
import { MediaStatus, Permission, RequestStatus, type NotificationTypeName, type OverseerrRequest, type OverseerrUser } from './model.js';
import { Presenter } from './present.js';
import { registerOverseerrRoutes } from './routes.js';
import { OverseerrStore, type CreateRequestInput } from './store.js';
import { deliver, webhookBody, type WebhookConfig, type WebhookDelivery } from './webhook.js';

/** A Plex account Overseerr can import or sign in (plex.tv wiring supplies them). */
export interface PlexUserInfo {
  plexId: number;
  username: string;
  email: string;
  avatar: string;
  token?: string;
  owner?: boolean;
}

export interface OverseerrOptions {
  port?: number;
  seed?: string | number;
  /** Default: derived from the seed. */
  apiKey?: string;
  catalog?: Catalog;
  /** Plex availability (Overseerr's Plex sync): the rating key when Plex has the title. */
  availability?: (type: 'movie' | 'tv', tmdbId: number) => string | undefined;
  /** The Plex owner (becomes user 1, the admin) and the users the server is shared with. */
  plexUsers?: () => PlexUserInfo[];
  /** Import the shared Plex users at start (as if an admin had done it once). Default true. */
  importPlexUsers?: boolean;
  webhook?: WebhookConfig;
  machineIdentifier?: () => string;
  version?: string;
}

export type RequestStage = 'approved' | 'declined' | 'processing' | 'available' | 'failed';

/** Overseerr's REST API (`/api/v1`), requests as users, quotas, and the webhook agent. */
export class OverseerrSimulator extends Simulator {
  readonly store: OverseerrStore;
  readonly catalog: Catalog;
  readonly apiKey: string;
  readonly version: string;
  /** Every webhook POST made, oldest first. */
  readonly webhookDeliveries: WebhookDelivery[] = [];
  webhook: WebhookConfig | undefined;
  readonly sessions = new Map<string, number>();
  readonly presenter: Presenter;
  private readonly plexUsers: () => PlexUserInfo[];

  constructor(options: OverseerrOptions = {}) {
    super(new SimServer({
      name: 'overseerr',
      port: options.port,
      errorResponse: (status, message) => json(status, status === 403 ? { status, error: message } : { message }),
    }));
    const seed = options.seed ?? 'medianest';
    this.catalog = options.catalog ?? new Catalog(seed);
    this.apiKey = options.apiKey ?? Buffer.from(`overseerr:${seed}:api-key-0123456789`).toString('base64');
    this.version = options.version ?? '1.34.0';
    this.webhook = options.webhook;
    this.plexUsers = options.plexUsers ?? (() => []);
    this.store = new OverseerrStore(this.catalog, options.availability);
    this.presenter = new Presenter(this.store, this.catalog, options.machineIdentifier ?? (() => '0'.repeat(40)));
    const owner = this.plexUsers().find((u) => u.owner);
    this.store.addUser(owner
      ? { email: owner.email, plexUsername: owner.username, plexId: owner.plexId, avatar: owner.avatar, permissions: Permission.ADMIN }
      : { email: 'admin@example.com', permissions: Permission.ADMIN, userType: 2 });
    if (options.importPlexUsers ?? true) this.importPlexUsers();
    registerOverseerrRoutes(this.http, this);
  }

  async start(): Promise<this> {
    await this.http.listen();
    return this;
  }

  /** Adds the shared Plex users not yet known (Overseerr's "Import Plex Users"). Returns the new users. */
  importPlexUsers(plexIds?: number[]): OverseerrUser[] {
    const created: OverseerrUser[] = [];
    for (const plex of this.plexUsers()) {
      if (plex.owner || this.store.userByPlexId(plex.plexId)) continue;
      if (plexIds && !plexIds.includes(plex.plexId)) continue;
      created.push(this.store.addUser({ email: plex.email, plexUsername: plex.username, plexId: plex.plexId, avatar: plex.avatar, permissions: Permission.REQUEST }));
    }
    return created;
  }

  plexUserByToken(token: string): PlexUserInfo | undefined {
    return this.plexUsers().find((u) => u.token === token);
  }

  user(idOrPlexUsername: number | string): OverseerrUser {
    const user = typeof idOrPlexUsername === 'number'
      ? this.store.users.get(idOrPlexUsername)
      : [...this.store.users.values()].find((u) => u.plexUsername === idOrPlexUsername || u.email === idOrPlexUsername);
    if (!user) throw new Error(`No Overseerr user ${idOrPlexUsername}`);
    return user;
  }

  setQuota(userId: number, quota: { movieLimit?: number | null; movieDays?: number | null; tvLimit?: number | null; tvDays?: number | null }): void {
    const user = this.user(userId);
    if (quota.movieLimit !== undefined) user.movieQuotaLimit = quota.movieLimit;
    if (quota.movieDays !== undefined) user.movieQuotaDays = quota.movieDays;
    if (quota.tvLimit !== undefined) user.tvQuotaLimit = quota.tvLimit;
    if (quota.tvDays !== undefined) user.tvQuotaDays = quota.tvDays;
  }

  configureWebhook(config: WebhookConfig | undefined): void {
    this.webhook = config;
  }

  /** Creates a request as a user would (seeding); sends MEDIA_PENDING or MEDIA_AUTO_APPROVED unless `notify` is false. */
  async createRequest(input: CreateRequestInput, notify = true): Promise<OverseerrRequest> {
    const { request, autoApproved } = this.store.create(input);
    if (notify) await this.notify(autoApproved ? 'MEDIA_AUTO_APPROVED' : 'MEDIA_PENDING', request);
    return request;
  }

  /**
   * Moves a request along, as Overseerr, Radarr/Sonarr and the Plex sync would, and sends the webhook that
   * stage has: approved → MEDIA_APPROVED, declined → MEDIA_DECLINED, failed → MEDIA_FAILED,
   * available → MEDIA_AVAILABLE; processing (the download started) has no notification in Overseerr.
   */
  async advance(requestId: number, stage: RequestStage, actorId = 1): Promise<WebhookDelivery | undefined> {
    const request = this.store.requests.get(requestId);
    if (!request) throw new Error(`No Overseerr request ${requestId}`);
    const media = this.store.media.get(request.mediaId)!;
    switch (stage) {
      case 'approved':
        this.store.transition(request, RequestStatus.APPROVED, actorId);
        this.store.setMediaStatus(media, MediaStatus.PROCESSING, request);
        return this.notify('MEDIA_APPROVED', request);
      case 'declined':
        this.store.transition(request, RequestStatus.DECLINED, actorId);
        this.store.setMediaStatus(media, MediaStatus.UNKNOWN, request);
        return this.notify('MEDIA_DECLINED', request);
      case 'failed':
        this.store.transition(request, RequestStatus.FAILED, actorId);
        return this.notify('MEDIA_FAILED', request);
      case 'processing':
        if (request.status === RequestStatus.PENDING) this.store.transition(request, RequestStatus.APPROVED, actorId);
        this.store.setMediaStatus(media, MediaStatus.PROCESSING, request);
        return undefined;
      case 'available':
        if (request.status === RequestStatus.PENDING) this.store.transition(request, RequestStatus.APPROVED, actorId);
        this.store.setMediaStatus(media, MediaStatus.AVAILABLE, request);
        return this.notify('MEDIA_AVAILABLE', request);
    }
  }

  async sendTestNotification(): Promise<WebhookDelivery | undefined> {
    return this.send('TEST_NOTIFICATION', webhookBody('TEST_NOTIFICATION', this.catalog));
  }

  async notify(type: NotificationTypeName, request: OverseerrRequest): Promise<WebhookDelivery | undefined> {
    const media = this.store.media.get(request.mediaId)!;
    const requestedBy = this.store.users.get(request.requestedById)!;
    return this.send(type, webhookBody(type, this.catalog, { request, media, requestedBy }));
  }

  private async send(type: NotificationTypeName, body: Record<string, unknown>): Promise<WebhookDelivery | undefined> {
    if (!this.webhook) return undefined;
    const delivery = await deliver(this.webhook, type, body);
    if (delivery) this.webhookDeliveries.push(delivery);
    return delivery;
  }
}

export async function startOverseerr(options: OverseerrOptions = {}): Promise<OverseerrSimulator> {
  return new OverseerrSimulator(options).start();
}
