import { randomBytes } from 'node:crypto';
import { json, type SimRequest, type SimResponse, type SimServer } from '../core/sim-server.js';
import { MediaStatus, Permission, RequestStatus, hasPermission, type OverseerrRequest, type OverseerrUser } from './model.js';
import type { OverseerrSimulator } from './overseerr.js';
import { OverseerrError } from './store.js';

const BASE = '/api/v1';
const FORBIDDEN = { status: 403, error: 'You do not have permission to access this endpoint' };

type Authed = (req: SimRequest, user: OverseerrUser) => SimResponse | Promise<SimResponse>;

function int(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
}

function paged<T>(items: T[], req: SimRequest, defaultTake: number) {
  const take = int(req.query.take, defaultTake) || defaultTake;
  const skip = int(req.query.skip, 0);
  return {
    pageInfo: { pages: Math.ceil(items.length / take), pageSize: take, results: items.length, page: Math.floor(skip / take) + 1 },
    slice: items.slice(skip, skip + take),
  };
}

/** Overseerr's `filter` query mapping (routes/request.ts). */
function matchesFilter(request: OverseerrRequest, mediaStatus: number, filter: string | undefined): boolean {
  const { PENDING, APPROVED, FAILED } = RequestStatus;
  switch (filter) {
    case 'approved':
    case 'processing':
    case 'available':
      if (request.status !== APPROVED) return false;
      if (filter === 'available') return mediaStatus === MediaStatus.AVAILABLE;
      if (filter === 'processing') return mediaStatus !== MediaStatus.AVAILABLE;
      return true;
    case 'pending':
      return request.status === PENDING;
    case 'unavailable':
      return (request.status === PENDING || request.status === APPROVED) && mediaStatus !== MediaStatus.AVAILABLE;
    case 'failed':
      return request.status === FAILED;
    default:
      return true;
  }
}

function badRequest(message: string): SimResponse {
  return json(400, { message, errors: [{ path: '/body', message }] });
}

export function registerOverseerrRoutes(http: SimServer, sim: OverseerrSimulator): void {
  const { store, presenter } = sim;
  const route = (pattern: string, handler: (req: SimRequest) => SimResponse | Promise<SimResponse>) => {
    const space = pattern.indexOf(' ');
    http.route(`${pattern.slice(0, space)} ${BASE}${pattern.slice(space + 1)}`, async (req) => {
      try {
        return await handler(req);
      } catch (error) {
        if (error instanceof OverseerrError) return json(error.status, error.status === 403 && error.message.includes('permission to access') ? FORBIDDEN : { message: error.message });
        throw error;
      }
    });
  };
  const caller = (req: SimRequest): OverseerrUser | undefined => {
    const key = req.header('x-api-key');
    if (key !== undefined) {
      if (key !== sim.apiKey) return undefined;
      const as = req.header('x-api-user');
      return as !== undefined ? store.users.get(Number(as)) : store.users.get(1);
    }
    const cookie = /connect\.sid=([^;]+)/.exec(req.header('cookie') ?? '');
    const userId = cookie ? sim.sessions.get(decodeURIComponent(cookie[1]!)) : undefined;
    return userId !== undefined ? store.users.get(userId) : undefined;
  };
  const authed = (handler: Authed, ...permissions: number[]) => (req: SimRequest) => {
    const user = caller(req);
    if (!user) return json(403, FORBIDDEN);
    if (permissions.length && !hasPermission(user.permissions, ...permissions)) return json(403, FORBIDDEN);
    return handler(req, user);
  };
  const canSeeAll = (user: OverseerrUser) => hasPermission(user.permissions, Permission.MANAGE_REQUESTS, Permission.REQUEST_VIEW);

  route('GET /status', () => json(200, { version: sim.version, commitTag: 'efc3821d1c6d8b6a3f8b9f0c2a8d5b9e4f1a2b3c', updateAvailable: false, commitsBehind: 0, restartRequired: false }));
  route('GET /status/appdata', () => json(200, { appData: true, appDataPath: '/app/config', appDataPermissions: true }));
  route('GET /settings/public', () => json(200, { initialized: true, applicationTitle: 'Overseerr', localLogin: true, movie4kEnabled: false, series4kEnabled: false }));

  route('POST /auth/plex', (req) => {
    const token = (req.body as { authToken?: unknown } | undefined)?.authToken;
    if (typeof token !== 'string' || !token) return badRequest("request/body must have required property 'authToken'");
    const plex = sim.plexUserByToken(token);
    const user = plex ? store.userByPlexId(plex.plexId) : undefined;
    if (!user) return json(403, { message: 'Access denied.' });
    const sid = randomBytes(16).toString('hex');
    sim.sessions.set(sid, user.id);
    return json(200, presenter.user(user), { 'Set-Cookie': `connect.sid=${sid}; Path=/; HttpOnly; SameSite=Lax` });
  });
  route('GET /auth/me', authed((_req, user) => json(200, presenter.user(user))));
  route('POST /auth/logout', (req) => {
    const cookie = /connect\.sid=([^;]+)/.exec(req.header('cookie') ?? '');
    if (cookie) sim.sessions.delete(decodeURIComponent(cookie[1]!));
    return json(200, { status: 'ok' });
  });

  route('GET /user', authed((req) => {
    const users = [...store.users.values()];
    const { pageInfo, slice } = paged(users, req, 10);
    return json(200, { pageInfo, results: slice.map((u) => presenter.user(u)) });
  }, Permission.MANAGE_USERS));
  route('POST /user/import-from-plex', authed((req) => {
    const ids = (req.body as { plexIds?: unknown } | undefined)?.plexIds;
    const plexIds = Array.isArray(ids) ? ids.map(Number) : undefined;
    return json(201, sim.importPlexUsers(plexIds).map((u) => presenter.user(u)));
  }, Permission.MANAGE_USERS));
  /** The user in the path, when the caller may see them (themselves, or with MANAGE_USERS/MANAGE_REQUESTS). */
  const targetUser = (req: SimRequest, caller: OverseerrUser): { user: OverseerrUser } | { denied: SimResponse } => {
    const user = store.users.get(Number(req.params.id));
    if (!user) return { denied: json(404, { message: 'User not found.' }) };
    if (user.id !== caller.id && !hasPermission(caller.permissions, Permission.MANAGE_USERS, Permission.MANAGE_REQUESTS)) return { denied: json(403, FORBIDDEN) };
    return { user };
  };
  route('GET /user/{id}', authed((req, caller) => {
    const target = targetUser(req, caller);
    return 'denied' in target ? target.denied : json(200, presenter.user(target.user, true));
  }));
  route('GET /user/{id}/requests', authed((req, caller) => {
    const target = targetUser(req, caller);
    if ('denied' in target) return target.denied;
    const list = store.requestsOf(target.user.id).sort((a, b) => b.id - a.id);
    const { pageInfo, slice } = paged(list, req, 10);
    return json(200, { pageInfo, results: slice.map((r) => presenter.request(r)) });
  }));
  route('GET /user/{id}/quota', authed((req, caller) => {
    const target = targetUser(req, caller);
    if ('denied' in target) return target.denied;
    return json(200, { movie: store.quota(target.user, 'movie'), tv: store.quota(target.user, 'tv') });
  }));

  route('GET /search', authed((req) => {
    const query = req.query.query;
    if (!query) return badRequest("request/query must have required property 'query'");
    const page = Math.max(1, int(req.query.page, 1));
    const hits = sim.catalog.search(query);
    const results = hits.slice((page - 1) * 20, page * 20).map((hit) =>
      hit.kind === 'movie' ? presenter.movieResult(hit.movie) : hit.kind === 'tv' ? presenter.tvResult(hit.show) : presenter.personResult(hit.person),
    );
    return json(200, { page, totalPages: Math.max(1, Math.ceil(hits.length / 20)), totalResults: hits.length, results });
  }));
  route('GET /movie/{id}', authed((req) => {
    const movie = sim.catalog.movie(Number(req.params.id));
    return movie ? json(200, presenter.movieDetails(movie)) : json(404, { message: 'Movie not found.' });
  }));
  route('GET /tv/{id}', authed((req) => {
    const show = sim.catalog.show(Number(req.params.id));
    return show ? json(200, presenter.tvDetails(show)) : json(404, { message: 'Series not found.' });
  }));

  registerRequestRoutes(route, sim, authed, canSeeAll);
}

function registerRequestRoutes(
  route: (pattern: string, handler: (req: SimRequest) => SimResponse | Promise<SimResponse>) => void,
  sim: OverseerrSimulator,
  authed: (handler: Authed, ...permissions: number[]) => (req: SimRequest) => SimResponse | Promise<SimResponse>,
  canSeeAll: (user: OverseerrUser) => boolean,
): void {
  const { store, presenter } = sim;
  route('GET /request/count', authed(() => {
    const all = [...store.requests.values()];
    const mediaStatus = (r: OverseerrRequest) => store.media.get(r.mediaId)?.status ?? MediaStatus.UNKNOWN;
    return json(200, {
      total: all.length,
      movie: all.filter((r) => r.type === 'movie').length,
      tv: all.filter((r) => r.type === 'tv').length,
      pending: all.filter((r) => r.status === RequestStatus.PENDING).length,
      approved: all.filter((r) => r.status === RequestStatus.APPROVED).length,
      declined: all.filter((r) => r.status === RequestStatus.DECLINED).length,
      processing: all.filter((r) => r.status === RequestStatus.APPROVED && mediaStatus(r) !== MediaStatus.AVAILABLE).length,
      available: all.filter((r) => r.status === RequestStatus.APPROVED && mediaStatus(r) === MediaStatus.AVAILABLE).length,
    });
  }));

  route('GET /request', authed((req, user) => {
    const filters = ['all', 'approved', 'available', 'pending', 'processing', 'unavailable', 'failed'];
    if (req.query.filter && !filters.includes(req.query.filter)) return json(400, { message: `request/query/filter must be equal to one of the allowed values: ${filters.join(', ')}` });
    let list = [...store.requests.values()];
    if (!canSeeAll(user)) list = list.filter((r) => r.requestedById === user.id);
    else if (req.query.requestedBy) list = list.filter((r) => r.requestedById === Number(req.query.requestedBy));
    list = list.filter((r) => matchesFilter(r, store.media.get(r.mediaId)?.status ?? MediaStatus.UNKNOWN, req.query.filter));
    list.sort(req.query.sort === 'modified' ? (a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id : (a, b) => b.id - a.id);
    const take = int(req.query.take, 10) || 10;
    const skip = int(req.query.skip, 0);
    return json(200, {
      pageInfo: { pages: Math.ceil(list.length / take), pageSize: take, results: list.length, page: Math.floor(skip / take) + 1 },
      results: list.slice(skip, skip + take).map((r) => presenter.request(r)),
    });
  }));

  route('POST /request', authed(async (req, user) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.mediaType !== 'movie' && body.mediaType !== 'tv') return badRequest("request/body/mediaType must be equal to one of the allowed values: movie, tv");
    if (typeof body.mediaId !== 'number') return badRequest("request/body must have required property 'mediaId'");
    const seasons = body.seasons === 'all' ? 'all' : Array.isArray(body.seasons) ? body.seasons.map(Number) : undefined;
    let requester = user;
    if (typeof body.userId === 'number' && body.userId !== user.id) {
      if (!hasPermission(user.permissions, Permission.MANAGE_USERS, Permission.MANAGE_REQUESTS)) return json(403, { message: 'You do not have permission to modify the request user.' });
      const other = store.users.get(body.userId);
      if (!other) return json(404, { message: 'User not found.' });
      requester = other;
    }
    try {
      const request = await sim.createRequest({ userId: requester.id, mediaType: body.mediaType, tmdbId: body.mediaId, seasons, is4k: body.is4k === true });
      return json(201, presenter.request(request));
    } catch (error) {
      if (error instanceof OverseerrError) return json(error.status, { message: error.message });
      throw error;
    }
  }));

  /** The request in the path, when the caller may see it: another user's is 404, as in Overseerr. */
  const find = (req: SimRequest, user: OverseerrUser): { request: OverseerrRequest } | { denied: SimResponse } => {
    const request = store.requests.get(Number(req.params.id));
    if (!request || (!canSeeAll(user) && request.requestedById !== user.id)) return { denied: json(404, { message: 'Request not found.' }) };
    return { request };
  };

  route('GET /request/{id}', authed((req, user) => {
    const found = find(req, user);
    return 'denied' in found ? found.denied : json(200, presenter.request(found.request));
  }));
  route('PUT /request/{id}', authed((req, user) => {
    const found = find(req, user);
    if ('denied' in found) return found.denied;
    const { request } = found;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.mediaType !== 'movie' && body.mediaType !== 'tv') return badRequest("request/body must have required property 'mediaType'");
    if (!hasPermission(user.permissions, Permission.MANAGE_REQUESTS) && request.status !== RequestStatus.PENDING) return json(403, FORBIDDEN);
    if (typeof body.is4k === 'boolean') request.is4k = body.is4k;
    request.updatedAt = new Date().toISOString();
    return json(200, presenter.request(request));
  }));
  route('DELETE /request/{id}', authed((req, user) => {
    const found = find(req, user);
    if ('denied' in found) return found.denied;
    const { request } = found;
    if (request.requestedById !== user.id && !hasPermission(user.permissions, Permission.MANAGE_REQUESTS)) return json(403, FORBIDDEN);
    if (request.requestedById === user.id && request.status !== RequestStatus.PENDING && !hasPermission(user.permissions, Permission.MANAGE_REQUESTS)) return json(403, FORBIDDEN);
    store.requests.delete(request.id);
    return { status: 204 };
  }));
  route('POST /request/{id}/retry', authed(async (req, user) => {
    const found = find(req, user);
    if ('denied' in found) return found.denied;
    const { request } = found;
    store.transition(request, RequestStatus.APPROVED, user.id);
    return json(200, presenter.request(request));
  }, Permission.MANAGE_REQUESTS));
  route('POST /request/{id}/{status}', authed(async (req, user) => {
    const stage = { approve: 'approved', decline: 'declined', pending: undefined }[req.params.status ?? ''];
    if (!(req.params.status! in { approve: 1, decline: 1, pending: 1 })) return json(404, { message: 'Not found.' });
    const found = find(req, user);
    if ('denied' in found) return found.denied;
    const { request } = found;
    if (stage === undefined) store.transition(request, RequestStatus.PENDING, user.id);
    else await sim.advance(request.id, stage as 'approved' | 'declined', user.id);
    return json(200, presenter.request(request));
  }, Permission.MANAGE_REQUESTS));
}
