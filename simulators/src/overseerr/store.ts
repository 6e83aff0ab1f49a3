import type { Catalog } from '../tmdb/catalog.js';
import {
  MediaStatus, Permission, RequestStatus, hasPermission,
  type OverseerrMedia, type OverseerrRequest, type OverseerrUser,
} from './model.js';

export class OverseerrError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface CreateRequestInput {
  userId: number;
  mediaType: 'movie' | 'tv';
  tmdbId: number;
  seasons?: number[] | 'all';
  is4k?: boolean;
}

export interface Quota {
  days: number | undefined;
  limit: number | undefined;
  used: number;
  remaining: number | undefined;
  restricted: boolean;
}

/** Users, media and requests, with Overseerr's rules for creating and moving requests. */
export class OverseerrStore {
  readonly users = new Map<number, OverseerrUser>();
  readonly media = new Map<number, OverseerrMedia>();
  readonly requests = new Map<number, OverseerrRequest>();
  private nextUser = 1;
  private nextMedia = 1;
  private nextRequest = 1;
  private nextSeason = 1;

  constructor(
    private readonly catalog: Catalog,
    /** Whether Plex already has a title (Overseerr's Plex sync), and its rating key. */
    private readonly availability: (type: 'movie' | 'tv', tmdbId: number) => string | undefined = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  addUser(input: Partial<OverseerrUser> & { email: string }): OverseerrUser {
    const stamp = this.now().toISOString();
    const user: OverseerrUser = {
      id: this.nextUser++,
      plexUsername: null,
      plexId: null,
      avatar: `/os_logo_square.png`,
      permissions: Permission.REQUEST,
      userType: 1,
      movieQuotaLimit: null,
      movieQuotaDays: null,
      tvQuotaLimit: null,
      tvQuotaDays: null,
      createdAt: stamp,
      updatedAt: stamp,
      ...input,
    };
    if (input.id !== undefined) this.nextUser = Math.max(this.nextUser, input.id + 1);
    this.users.set(user.id, user);
    return user;
  }

  userByPlexId(plexId: number): OverseerrUser | undefined {
    return [...this.users.values()].find((u) => u.plexId === plexId);
  }

  /** The media row for a title, created from Plex availability the first time it is looked at. */
  mediaFor(type: 'movie' | 'tv', tmdbId: number, create = false): OverseerrMedia | undefined {
    const existing = [...this.media.values()].find((m) => m.mediaType === type && m.tmdbId === tmdbId);
    if (existing) return existing;
    const ratingKey = this.availability(type, tmdbId);
    if (!ratingKey && !create) return undefined;
    const stamp = this.now().toISOString();
    const show = type === 'tv' ? this.catalog.show(tmdbId) : undefined;
    const movie = type === 'movie' ? this.catalog.movie(tmdbId) : undefined;
    const status = ratingKey ? MediaStatus.AVAILABLE : MediaStatus.UNKNOWN;
    const media: OverseerrMedia = {
      id: this.nextMedia++,
      mediaType: type,
      tmdbId,
      tvdbId: show?.tvdbId ?? null,
      imdbId: movie?.imdbId ?? show?.imdbId ?? null,
      status,
      status4k: MediaStatus.UNKNOWN,
      ratingKey: ratingKey ?? null,
      createdAt: stamp,
      updatedAt: stamp,
      mediaAddedAt: ratingKey ? stamp : null,
      seasons: (show?.seasons ?? []).map((_, i) => ({ id: this.nextSeason++, seasonNumber: i + 1, status, status4k: MediaStatus.UNKNOWN, createdAt: stamp, updatedAt: stamp })),
    };
    this.media.set(media.id, media);
    return media;
  }

  requestsOf(userId: number): OverseerrRequest[] {
    return [...this.requests.values()].filter((r) => r.requestedById === userId);
  }

  quota(user: OverseerrUser, type: 'movie' | 'tv'): Quota {
    const limit = (type === 'movie' ? user.movieQuotaLimit : user.tvQuotaLimit) ?? undefined;
    const days = (type === 'movie' ? user.movieQuotaDays : user.tvQuotaDays) ?? undefined;
    const since = this.now().getTime() - (days ?? 7) * 86_400_000;
    const used = this.requestsOf(user.id)
      .filter((r) => r.type === type && Date.parse(r.createdAt) >= since && r.status !== RequestStatus.DECLINED)
      .reduce((sum, r) => sum + (type === 'movie' ? 1 : r.seasons.length), 0);
    const remaining = limit === undefined ? undefined : Math.max(0, limit - used);
    return { days, limit, used, remaining, restricted: limit !== undefined && remaining === 0 };
  }

  create(input: CreateRequestInput): { request: OverseerrRequest; autoApproved: boolean } {
    const user = this.users.get(input.userId);
    if (!user) throw new OverseerrError(404, 'User not found.');
    const typePermission = input.mediaType === 'movie' ? Permission.REQUEST_MOVIE : Permission.REQUEST_TV;
    if (!hasPermission(user.permissions, Permission.REQUEST, typePermission)) {
      throw new OverseerrError(403, 'You do not have permission to make requests.');
    }
    const title = input.mediaType === 'movie' ? this.catalog.movie(input.tmdbId) : this.catalog.show(input.tmdbId);
    if (!title) throw new OverseerrError(404, `${input.mediaType === 'movie' ? 'Movie' : 'Series'} not found.`);
    const media = this.mediaFor(input.mediaType, input.tmdbId, true)!;
    if (media.status === MediaStatus.AVAILABLE) throw new OverseerrError(409, 'Request for this media already exists.');
    const open = [...this.requests.values()].filter((r) => r.mediaId === media.id && r.is4k === (input.is4k ?? false) && r.status !== RequestStatus.DECLINED);
    if (input.mediaType === 'movie' && open.length) throw new OverseerrError(409, 'Request for this media already exists.');

    let seasons: number[] = [];
    if (input.mediaType === 'tv') {
      const all = media.seasons.map((s) => s.seasonNumber);
      const taken = new Set(open.flatMap((r) => r.seasons.map((s) => s.seasonNumber)));
      const wanted = input.seasons === 'all' || input.seasons === undefined ? all : input.seasons.filter((n) => all.includes(n));
      seasons = wanted.filter((n) => !taken.has(n));
      if (seasons.length === 0) throw new OverseerrError(202, 'No seasons available to request');
    }
    const quota = this.quota(user, input.mediaType);
    const cost = input.mediaType === 'movie' ? 1 : seasons.length;
    if (quota.limit !== undefined && quota.used + cost > quota.limit) {
      throw new OverseerrError(403, `${input.mediaType === 'movie' ? 'Movie' : 'Series'} Quota exceeded.`);
    }
    const autoPermission = input.mediaType === 'movie' ? Permission.AUTO_APPROVE_MOVIE : Permission.AUTO_APPROVE_TV;
    const autoApproved = hasPermission(user.permissions, Permission.AUTO_APPROVE, autoPermission);
    const stamp = this.now().toISOString();
    const status = autoApproved ? RequestStatus.APPROVED : RequestStatus.PENDING;
    const request: OverseerrRequest = {
      id: this.nextRequest++,
      status,
      type: input.mediaType,
      is4k: input.is4k ?? false,
      mediaId: media.id,
      requestedById: user.id,
      modifiedById: autoApproved ? user.id : null,
      seasons: seasons.map((seasonNumber) => ({ id: this.nextSeason++, seasonNumber, status, createdAt: stamp, updatedAt: stamp })),
      createdAt: stamp,
      updatedAt: stamp,
    };
    this.requests.set(request.id, request);
    this.setMediaStatus(media, autoApproved ? MediaStatus.PROCESSING : MediaStatus.PENDING, request);
    return { request, autoApproved };
  }

  setMediaStatus(media: OverseerrMedia, status: number, request?: OverseerrRequest): void {
    const stamp = this.now().toISOString();
    media.status = status;
    media.updatedAt = stamp;
    if (status === MediaStatus.AVAILABLE) media.mediaAddedAt ??= stamp;
    const numbers = new Set(request?.seasons.map((s) => s.seasonNumber));
    for (const season of media.seasons) {
      if (!request || numbers.has(season.seasonNumber)) {
        season.status = status;
        season.updatedAt = stamp;
      }
    }
  }

  transition(request: OverseerrRequest, status: number, actorId: number | null): void {
    request.status = status;
    request.modifiedById = actorId;
    request.updatedAt = this.now().toISOString();
    for (const season of request.seasons) {
      season.status = status;
      season.updatedAt = request.updatedAt;
    }
  }
}
