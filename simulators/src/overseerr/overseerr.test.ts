import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overseerrContract } from '../contracts/contracts.js';
import { Catalog } from '../tmdb/catalog.js';
import { expectContractKept, startReceiver } from '../test-support/helpers.js';
import { MediaStatus, RequestStatus } from './model.js';
import { OverseerrSimulator, type PlexUserInfo } from './overseerr.js';

const PLEX_USERS: PlexUserInfo[] = [
  { plexId: 101, username: 'owner', email: 'owner@example.com', avatar: 'https://plex.tv/users/o/avatar', token: 'tok-owner', owner: true },
  { plexId: 102, username: 'alice', email: 'alice@example.com', avatar: 'https://plex.tv/users/a/avatar', token: 'tok-alice' },
  { plexId: 103, username: 'bob', email: 'bob@example.com', avatar: 'https://plex.tv/users/b/avatar', token: 'tok-bob' },
];

type RequestJson = { id: number; status: number; type: string; media: { status: number; tmdbId: number }; requestedBy: { id: number }; modifiedBy: { id: number } | null; seasons?: { seasonNumber: number }[] };

describe('Overseerr simulator', () => {
  const catalog = new Catalog('overseerr-test');
  const inPlex = catalog.movieAt(0);
  let sim: OverseerrSimulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let admin: Record<string, string>;
  const as = (userId: number) => ({ ...admin, 'X-Api-User': String(userId) });
  const call = async (method: string, p: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(`${sim.url}/api/v1${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & { results?: RequestJson[] } };
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await new OverseerrSimulator({
      catalog,
      plexUsers: () => PLEX_USERS,
      availability: (type, tmdbId) => (type === 'movie' && tmdbId === inPlex.tmdbId ? '4242' : undefined),
      webhook: { url: `${receiver.url}/hooks/overseerr`, authHeader: 'Bearer hook-secret' },
    }).start();
    sim.checkContract(overseerrContract);
    admin = { 'X-Api-Key': sim.apiKey, 'Content-Type': 'application/json' };
  });
  afterAll(async () => {
    expectContractKept(sim, 15);
    await sim.close();
    await receiver.close();
  });

  it('answers /status publicly and 403 without or with a wrong API key', async () => {
    expect((await call('GET', '/status', {})).body).toMatchObject({ version: sim.version, updateAvailable: false });
    expect(await call('GET', '/request', {})).toEqual({ status: 403, body: { status: 403, error: 'You do not have permission to access this endpoint' } });
    expect((await call('GET', '/request', { 'X-Api-Key': 'wrong' })).status).toBe(403);
  });

  it('knows the Plex owner as the admin (user 1) and imported the shared users', async () => {
    const { body } = await call('GET', '/user?take=10', admin);
    const users = body.results as unknown as { id: number; plexUsername: string; permissions: number }[];
    expect(users.map((u) => [u.id, u.plexUsername])).toEqual([[1, 'owner'], [2, 'alice'], [3, 'bob']]);
    expect(users[0]!.permissions).toBe(2);
    expect((await call('GET', '/auth/me', as(2))).body).toMatchObject({ id: 2, plexUsername: 'alice' });
    expect((await call('GET', '/user', as(2))).status).toBe(403);
  });

  it('signs a Plex user in with their token (session cookie) and refuses unknown tokens', async () => {
    const res = await fetch(`${sim.url}/api/v1/auth/plex`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ authToken: 'tok-bob' }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await call('GET', '/auth/me', { Cookie: cookie })).body).toMatchObject({ id: 3 });
    expect((await call('POST', '/auth/plex', { 'Content-Type': 'application/json' }, { authToken: 'nope' })).status).toBe(403);
    expect((await call('POST', '/auth/plex', { 'Content-Type': 'application/json' }, {})).status).toBe(400);
  });

  it('searches the catalogue with mediaInfo for what Plex has, and serves details', async () => {
    const { body } = await call('GET', `/search?query=${encodeURIComponent(inPlex.title)}&page=1`, admin);
    const hit = (body.results as unknown as { id: number; mediaType: string; mediaInfo?: { status: number; ratingKey: string } }[]).find((r) => r.id === inPlex.tmdbId);
    expect(hit).toMatchObject({ mediaType: 'movie', mediaInfo: { status: MediaStatus.AVAILABLE, ratingKey: '4242' } });
    expect((await call('GET', `/movie/${inPlex.tmdbId}`, admin)).body).toMatchObject({ id: inPlex.tmdbId, title: inPlex.title, mediaInfo: { status: 5 } });
    expect((await call('GET', '/tv/1399', admin)).body).toMatchObject({ name: 'Game of Thrones', numberOfSeasons: 8 });
    expect((await call('GET', '/movie/1', admin)).status).toBe(404);
    expect((await call('GET', '/search', admin)).status).toBe(400);
  });

  it('creates a request as the user named by X-Api-User, pending, and POSTs MEDIA_PENDING with the Authorization header', async () => {
    const movie = catalog.movieAt(3);
    const { status, body } = await call('POST', '/request', as(2), { mediaType: 'movie', mediaId: movie.tmdbId });
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: RequestStatus.PENDING, type: 'movie', requestedBy: { id: 2 }, media: { tmdbId: movie.tmdbId, status: MediaStatus.PENDING } });
    const hook = receiver.received.at(-1)!;
    expect(hook.url).toBe('/hooks/overseerr');
    expect(hook.headers.authorization).toBe('Bearer hook-secret');
    expect(hook.headers['content-type']).toBe('application/json');
    expect(JSON.parse(hook.body)).toMatchObject({
      notification_type: 'MEDIA_PENDING', event: 'New Movie Request', subject: `${movie.title} (${movie.year})`,
      media: { media_type: 'movie', tmdbId: String(movie.tmdbId), status: 'PENDING', status4k: 'UNKNOWN' },
      request: { request_id: String(body.id), requestedBy_username: 'alice' }, issue: null, comment: null,
    });
    expect((await call('POST', '/request', as(3), { mediaType: 'movie', mediaId: movie.tmdbId })).status).toBe(409);
  });

  it('moves a request approve → processing → available, with the webhooks Overseerr sends', async () => {
    const show = catalog.showAt(2);
    const created = await call('POST', '/request', as(3), { mediaType: 'tv', mediaId: show.tmdbId, seasons: [1] });
    const id = created.body.id as number;
    const approved = await call('POST', `/request/${id}/approve`, admin);
    expect(approved.body).toMatchObject({ status: RequestStatus.APPROVED, modifiedBy: { id: 1 }, media: { status: MediaStatus.PROCESSING } });
    expect(JSON.parse(receiver.received.at(-1)!.body)).toMatchObject({ notification_type: 'MEDIA_APPROVED', event: 'Series Request Approved', extra: [{ name: 'Requested Seasons', value: '1' }] });
    const sent = receiver.received.length;
    expect(await sim.advance(id, 'processing')).toBeUndefined();
    expect(receiver.received.length).toBe(sent);
    const available = await sim.advance(id, 'available');
    expect(available).toMatchObject({ notificationType: 'MEDIA_AVAILABLE', status: 204 });
    expect(JSON.parse(receiver.received.at(-1)!.body)).toMatchObject({ notification_type: 'MEDIA_AVAILABLE', media: { status: 'AVAILABLE', tvdbId: String(show.tvdbId) } });
    expect((await call('GET', `/request/${id}`, as(3))).body).toMatchObject({ media: { status: MediaStatus.AVAILABLE } });
    expect((await call('GET', '/request?filter=available', admin)).body.results!.map((r) => r.id)).toContain(id);
    expect((await call('GET', '/request?filter=pending', admin)).body.results!.map((r) => r.id)).not.toContain(id);
  });

  it('auto-approves the admin, declines with MEDIA_DECLINED, and counts requests', async () => {
    const mine = await call('POST', '/request', admin, { mediaType: 'movie', mediaId: catalog.movieAt(7).tmdbId });
    expect(mine.body.status).toBe(RequestStatus.APPROVED);
    expect(JSON.parse(receiver.received.at(-1)!.body).notification_type).toBe('MEDIA_AUTO_APPROVED');
    const theirs = await call('POST', '/request', as(2), { mediaType: 'movie', mediaId: catalog.movieAt(8).tmdbId });
    await call('POST', `/request/${theirs.body.id as number}/decline`, admin);
    expect(JSON.parse(receiver.received.at(-1)!.body).notification_type).toBe('MEDIA_DECLINED');
    const count = await call('GET', '/request/count', admin);
    expect(count.body).toMatchObject({ total: sim.store.requests.size, declined: 1 });
    expect((await call('POST', `/request/${theirs.body.id as number}/approve`, as(2))).status).toBe(403);
  });

  it("shows a user only their own requests, and 404 for another user's", async () => {
    const aliceIds = [...sim.store.requests.values()].filter((r) => r.requestedById === 2).map((r) => r.id);
    const bobRequest = [...sim.store.requests.values()].find((r) => r.requestedById === 3)!;
    const list = await call('GET', '/request?take=50', as(2));
    expect(list.body.results!.map((r) => r.id).sort()).toEqual(aliceIds.sort());
    expect((await call('GET', `/request/${bobRequest.id}`, as(2))).status).toBe(404);
    expect((await call('DELETE', `/request/${bobRequest.id}`, as(2))).status).toBe(404);
    expect((await call('GET', `/user/3/requests`, as(2))).status).toBe(403);
  });

  it('enforces quotas (403) and reports them', async () => {
    sim.setQuota(3, { movieLimit: 1, movieDays: 7 });
    expect((await call('POST', '/request', as(3), { mediaType: 'movie', mediaId: catalog.movieAt(11).tmdbId })).status).toBe(201);
    const over = await call('POST', '/request', as(3), { mediaType: 'movie', mediaId: catalog.movieAt(12).tmdbId });
    expect(over).toEqual({ status: 403, body: { message: 'Movie Quota exceeded.' } });
    expect((await call('GET', '/user/3/quota', as(3))).body).toMatchObject({ movie: { limit: 1, days: 7, used: 1, remaining: 0, restricted: true } });
  });

  it('refuses bad request bodies with 400 and deletes a request with 204', async () => {
    expect((await call('POST', '/request', as(2), { mediaType: 'book', mediaId: 1 })).status).toBe(400);
    expect((await call('POST', '/request', as(2), { mediaType: 'movie' })).status).toBe(400);
    const created = await call('POST', '/request', as(2), { mediaType: 'movie', mediaId: catalog.movieAt(13).tmdbId });
    expect((await call('DELETE', `/request/${created.body.id as number}`, as(2))).status).toBe(204);
    expect((await call('GET', `/request/${created.body.id as number}`, admin)).status).toBe(404);
  });

  it('imports Plex users on demand and sends a test notification', async () => {
    const fresh = await new OverseerrSimulator({ catalog, plexUsers: () => PLEX_USERS, importPlexUsers: false }).start();
    try {
      const imported = await fetch(`${fresh.url}/api/v1/user/import-from-plex`, { method: 'POST', headers: { 'X-Api-Key': fresh.apiKey } });
      expect(imported.status).toBe(201);
      expect(((await imported.json()) as { plexUsername: string }[]).map((u) => u.plexUsername)).toEqual(['alice', 'bob']);
    } finally {
      await fresh.close();
    }
    expect(await sim.sendTestNotification()).toMatchObject({ notificationType: 'TEST_NOTIFICATION', status: 204 });
  });
});
