import {
  overseerrContract,
  plexContract,
  startOverseerr,
  startPlexServer,
  startTmdb,
  startUptimeKuma,
  type OverseerrSimulator,
  type PlexServerSimulator,
  type TmdbSimulator,
  type UptimeKumaSimulator,
} from '@medianest/simulators';
import type { NowPlaying, ServicesSettings, StatusOverview } from '@medianest/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvents } from '../../platform/events/event-bus.js';
import { completeSetup, createUser, signIn, type SignedIn } from '../../test-support/auth.js';
import { json, startTestApp, type TestApp } from '../../test-support/test-app.js';

type ErrorBody = { error: { code: string; message: string; details?: unknown } };
type Changed = DomainEvents['service.statusChanged'];

/**
 * The status context end to end against the simulators: settings, scheduled checks, the breaker opening
 * on an Overseerr outage and closing on recovery, outages with their times, state-change events, the
 * Kuma import, now playing (push + stale fallback) and the access rules.
 */
describe('service status against the simulators', () => {
  let pms: PlexServerSimulator;
  let overseerr: OverseerrSimulator;
  let kuma: UptimeKumaSimulator;
  let tmdb: TmdbSimulator;
  let app: TestApp;
  let admin: SignedIn;
  let alice: SignedIn;
  let bob: SignedIn;
  let clockOffset = 0;
  const changes: Changed[] = [];

  beforeAll(async () => {
    [pms, overseerr, kuma, tmdb] = await Promise.all([startPlexServer(), startOverseerr(), startUptimeKuma(), startTmdb()]);
    pms.checkContract(plexContract);
    overseerr.checkContract(overseerrContract);
    pms.allowToken('test-server-token', { id: 1, title: 'owner' });
    app = await startTestApp({
      upstreamPolicies: {
        overseerr: { retries: 0, breakerFailures: 2, breakerHalfOpenAfterMs: 1_000, timeoutMs: 1_500 },
        plex: { retries: 0, timeoutMs: 5_000 },
        'uptime-kuma': { retries: 0 },
        tmdb: { retries: 0 },
      },
      upstreamRuntime: { now: () => Date.now() + clockOffset },
    });
    const adminUser = await completeSetup(app, { server: { url: pms.url, machineIdentifier: pms.machineIdentifier, name: 'Home PMS' } });
    admin = await signIn(app, adminUser);
    alice = await signIn(app, await createUser(app, { username: 'alice', plexId: 7 }));
    bob = await signIn(app, await createUser(app, { username: 'bob', plexId: 8 }));
    app.mediaNest.platform.events.subscribe('service.statusChanged', (payload) => void changes.push(payload));
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all([pms, overseerr, kuma, tmdb].map((sim) => sim?.close()));
  });

  const put = (as: SignedIn, path: string, body: unknown) => as.fetch(`/api/v1/services/${path}`, { method: 'PUT', body: JSON.stringify(body) });
  const overview = async (as: SignedIn = admin) => (await json<StatusOverview>(await as.fetch('/api/v1/status/services'))).body;
  const tile = (body: StatusOverview, id: string) => body.services.find((service) => service.id === id)!;
  const checkAll = () => app.mediaNest.status.service.checkAll();

  it('stores the service settings with secrets sealed, and never sends a secret back', async () => {
    expect((await put(admin, 'overseerr', { url: `${overseerr.url}/`, apiKey: overseerr.apiKey })).status).toBe(200);
    expect((await put(admin, 'uptime-kuma', { url: kuma.url, slug: kuma.slug, metricsUsername: 'admin', metricsPassword: 'admin-password' })).status).toBe(200);
    const saved = await json<ServicesSettings>(await put(admin, 'tmdb', { apiKey: tmdb.apiKey, url: tmdb.apiUrl, intervalSeconds: 30 }));
    expect(saved.status).toBe(200);
    expect(saved.body.overseerr).toEqual({ configured: true, url: overseerr.url, apiKeySet: true, intervalSeconds: 60 });
    expect(saved.body.uptimeKuma).toMatchObject({ configured: true, slug: kuma.slug, metricsUsername: 'admin', metricsPasswordSet: true });
    expect(saved.body.tmdb).toMatchObject({ configured: true, apiKeySet: true, intervalSeconds: 30 });
    expect(saved.body.plex).toMatchObject({ configured: true, url: pms.url, tokenSet: true, name: 'Home PMS' });
    const text = await (await admin.fetch('/api/v1/services')).text();
    for (const secret of [overseerr.apiKey, tmdb.apiKey, 'admin-password', 'test-server-token']) expect(text).not.toContain(secret);
    // Sealed at rest: the row holds no clear text.
    const stored = await app.mediaNest.settings.list('services.');
    expect(stored.find((row) => row.key === 'services.overseerr.apiKey')?.encrypted).toBe(true);
  });

  it('rejects bad input with a useful message, and non-admins', async () => {
    const bad = await json<ErrorBody>(await put(admin, 'overseerr', { url: 'ftp://x', apiKey: 'k' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/http/);
    expect((await put(admin, 'overseerr', { url: overseerr.url, apiKey: 'k', extra: 1 })).status).toBe(400);
    expect((await put(admin, 'uptime-kuma', { url: kuma.url, slug: 'a b' })).status).toBe(400);
    expect((await put(alice, 'overseerr', { url: overseerr.url, apiKey: 'k' })).status).toBe(403);
    expect((await alice.fetch('/api/v1/services')).status).toBe(403);
    expect((await admin.fetch('/api/v1/services/sonarr/test', { method: 'POST' })).status).toBe(400);
    expect((await admin.fetch('/api/v1/services/plex', { method: 'DELETE' })).status).toBe(409);
  });

  it('checks every service: all up, with the Kuma page imported and grouped', async () => {
    const results = await checkAll();
    expect(Object.keys(results).sort()).toEqual(['medianest', 'overseerr', 'plex', 'tmdb', 'uptime-kuma']);
    const body = await overview(alice);
    for (const service of body.services) expect([service.id, service.state, service.lastError]).toEqual([service.id, 'up', null]);
    expect(tile(body, 'plex')).toMatchObject({ name: 'Plex (Home PMS)', kind: 'plex', lastError: null, uptime: { h24: 1, d7: 1, d30: 1 } });
    expect(tile(body, 'plex').sparkline).toHaveLength(24);
    expect(tile(body, 'plex').sparkline.at(-1)?.state).toBe('up');
    expect(body.kuma?.groups.length).toBeGreaterThan(0);
    expect(body.kuma?.groups[0]?.monitors[0]?.beats.length).toBe(50);
    expect(body.breakers).toEqual([]);
    expect((await overview(admin)).breakers.map((b) => b.upstream)).toContain('overseerr');
    expect(changes.filter((c) => c.current === 'up').map((c) => c.serviceId).sort()).toEqual(['medianest', 'overseerr', 'plex', 'tmdb', 'uptime-kuma']);
    expect(changes[0]).toMatchObject({ previous: 'unknown', current: 'up' });
  });

  it('Overseerr refusing connections: the breaker opens, calls fail fast, the outage and recovery are recorded', async () => {
    changes.length = 0;
    await overseerr.stopListening();
    await checkAll();
    await checkAll();
    const upstream = app.mediaNest.upstreams.get('overseerr');
    expect(upstream.state).toBe('open');
    overseerr.clearReceived();
    const down = await overview();
    expect(tile(down, 'overseerr')).toMatchObject({ state: 'down' });
    expect(tile(down, 'overseerr').lastError).toMatch(/Overseerr/);
    expect(tile(down, 'overseerr').outages[0]).toMatchObject({ endedAt: null });
    expect(down.breakers.find((b) => b.upstream === 'overseerr')).toMatchObject({ state: 'open' });
    expect(changes).toEqual([expect.objectContaining({ serviceId: 'overseerr', previous: 'up', current: 'down', kind: 'overseerr' })]);
    expect(changes[0]?.error).toMatch(/refused the connection|closed the connection/);
    // While open, checks fail fast without reaching Overseerr.
    const fast = await checkAll();
    expect(fast.overseerr?.error).toMatch(/has been unavailable since/);
    expect(overseerr.received).toHaveLength(0);

    await overseerr.resumeListening();
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    await checkAll();
    expect(upstream.state).toBe('closed');
    const up = await overview();
    const recovered = tile(up, 'overseerr');
    expect(recovered.state).toBe('up');
    const outage = recovered.outages[0]!;
    expect(Date.parse(outage.endedAt!)).toBeGreaterThanOrEqual(Date.parse(outage.startedAt));
    expect(recovered.uptime.h24).toBeLessThan(1);
    expect(changes.at(-1)).toMatchObject({ serviceId: 'overseerr', previous: 'down', current: 'up' });
  });

  it.each([
    ['hanging until the timeout', { kind: 'hang' }, /did not answer in time/],
    ['answering 503', { kind: 'status', status: 503 }, /server error \(503\)/],
  ] as const)('Overseerr %s: down, breaker open, fail fast, then half-open and closed with the outage timed', async (_, fault, reason) => {
    changes.length = 0;
    const upstream = app.mediaNest.upstreams.get('overseerr');
    overseerr.faults.set('/api/v1/status', fault);
    expect((await checkAll()).overseerr).toMatchObject({ state: 'down', error: expect.stringMatching(reason) });
    await checkAll();
    expect(upstream.state).toBe('open');
    overseerr.clearReceived();
    expect((await checkAll()).overseerr?.error).toMatch(/has been unavailable since/);
    expect(overseerr.received).toHaveLength(0);
    overseerr.faults.clear();
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect((await checkAll()).overseerr?.state).toBe('up');
    expect(upstream.state).toBe('closed');
    const outage = tile(await overview(), 'overseerr').outages[0]!;
    expect(outage.endedAt).not.toBeNull();
    expect(outage.error).toMatch(reason);
    expect(changes.filter((c) => c.serviceId === 'overseerr').map((c) => `${c.previous}>${c.current}`)).toEqual(['up>down', 'down>up']);
  });

  it('a response that breaks its schema makes the service down with the field named, not a crash', async () => {
    tmdb.faults.set('/3/configuration', { kind: 'schema', path: 'images.poster_sizes', value: 'w500' }, { times: 1 });
    const result = await checkAll();
    expect(result.tmdb?.state).toBe('down');
    expect(result.tmdb?.error).toMatch(/field "images\.poster_sizes"/);
    expect((await checkAll()).tmdb?.state).toBe('up');
  });

  it('a monitor down on the Kuma page makes Kuma degraded and shows in the import', async () => {
    const monitor = (await overview()).kuma!.groups[0]!.monitors[0]!;
    kuma.setStatus(monitor.name, 'down', 'boom');
    expect((await checkAll())['uptime-kuma']).toMatchObject({ state: 'degraded', error: expect.stringContaining(monitor.name) });
    const body = await overview();
    expect(body.kuma?.groups.flatMap((g) => g.monitors).find((m) => m.id === monitor.id)?.state).toBe('down');
    kuma.setStatus(monitor.name, 'up');
    await checkAll();
  });

  it('now playing: admins see everyone, users their own; when Plex is down, the last sessions flagged stale', async () => {
    const [first, second] = pms.library.sectionItems(1, 'movie');
    pms.startPlayback({ ratingKey: first!.ratingKey, user: { id: 7, title: 'alice' }, viewOffset: 60_000 });
    pms.startPlayback({ ratingKey: second!.ratingKey, user: { id: 1, title: 'owner' }, transcode: true });
    const all = await json<NowPlaying>(await admin.fetch('/api/v1/now-playing'));
    expect(all.status).toBe(200);
    expect(all.body.sessions.map((s) => s.user).sort()).toEqual(['alice', 'owner']);
    expect(all.body.sessions.find((s) => s.user === 'owner')?.decision).toBe('transcode');
    const own = await json<NowPlaying>(await alice.fetch('/api/v1/now-playing'));
    expect(own.body.sessions).toHaveLength(1);
    expect(own.body.sessions[0]).toMatchObject({ title: first!.title, user: null, decision: 'directplay' });
    expect(own.body.sessions[0]?.progress).toBeGreaterThan(0);
    expect((await json<NowPlaying>(await bob.fetch('/api/v1/now-playing'))).body.sessions).toEqual([]);

    await pms.stopListening();
    clockOffset += 60_000;
    const stale = await json<NowPlaying>(await admin.fetch('/api/v1/now-playing'));
    expect(stale.status).toBe(200);
    expect(stale.body).toMatchObject({ stale: true, error: expect.stringMatching(/Plex Media Server/) });
    expect(stale.body.sessions).toHaveLength(2);
    expect(stale.body.ageMs).toBeGreaterThanOrEqual(60_000);
    await pms.resumeListening();
  });

  it('now playing is pushed: a playback announced on the PMS websocket shows at once, within the cache TTL', async () => {
    const nowPlaying = app.mediaNest.status.nowPlaying;
    await nowPlaying.connect();
    try {
      await expect.poll(() => nowPlaying.pushing).toBe(true);
      const before = await json<NowPlaying>(await admin.fetch('/api/v1/now-playing'));
      expect(before.body.source).toBe('push');
      const count = before.body.sessions.length;
      const [, , third] = pms.library.sectionItems(1, 'movie');
      pms.startPlayback({ ratingKey: third!.ratingKey, user: { id: 8, title: 'bob' } });
      // No clock moves here: only the notification can make the new session appear before the 10 s TTL.
      await expect
        .poll(async () => (await json<NowPlaying>(await admin.fetch('/api/v1/now-playing'))).body.sessions.length)
        .toBe(count + 1);
      expect((await json<NowPlaying>(await bob.fetch('/api/v1/now-playing'))).body.sessions.map((s) => s.title)).toEqual([third!.title]);
    } finally {
      nowPlaying.close();
    }
  });

  it('measures every upstream call on /metrics', async () => {
    const text = await (await app.fetch('/metrics')).text();
    expect(text).toMatch(/upstream_requests_total\{upstream="overseerr",operation="status",outcome="success"\} \d+/);
    expect(text).toMatch(/upstream_requests_total\{upstream="overseerr",operation="status",outcome="circuit-open"\} \d+/);
    expect(text).toContain('upstream_request_duration_seconds_bucket{');
  });

  it('now playing without any cached sessions and Plex down: the typed error', async () => {
    await app.mediaNest.platform.cache.delete('upstream-cache:plex-sessions:sessions');
    await pms.stopListening();
    const down = await json<ErrorBody>(await admin.fetch('/api/v1/now-playing'));
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(down.body.error.details).toMatchObject({ service: 'Plex Media Server' });
    await pms.resumeListening();
  });

  it('custom HTTP checks: create, check, change, 404 for unknown ids, delete', async () => {
    const created = await json<{ id: string }>(
      await admin.fetch('/api/v1/services/checks', { method: 'POST', body: JSON.stringify({ name: 'Kuma badge', url: `${kuma.url}/api/status-page/${kuma.slug}/badge` }) }),
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await checkAll())[`check:${id}`]).toMatchObject({ state: 'up' });
    expect(tile(await overview(), `check:${id}`)).toMatchObject({ kind: 'http', name: 'Kuma badge', state: 'up' });
    const changed = await admin.fetch(`/api/v1/services/checks/${id}`, {
      method: 'PUT',
      body: JSON.stringify({ name: 'Kuma badge', url: `${kuma.url}/api/status-page/${kuma.slug}/badge`, expectedStatus: 204 }),
    });
    expect(changed.status).toBe(200);
    expect((await checkAll())[`check:${id}`]).toMatchObject({ state: 'down', error: expect.stringMatching(/answered 200; 204 was expected/) });
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await admin.fetch(`/api/v1/services/checks/${unknown}`, { method: 'DELETE' })).status).toBe(404);
    expect((await admin.fetch(`/api/v1/services/checks/${unknown}/test`, { method: 'POST' })).status).toBe(404);
    expect((await admin.fetch('/api/v1/services/checks/not-a-uuid', { method: 'DELETE' })).status).toBe(400);
    expect((await admin.fetch(`/api/v1/services/checks/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await overview()).services.some((s) => s.id === `check:${id}`)).toBe(false);
  });

  it('moving Plex to an address where another server answers is refused', async () => {
    const other = await startPlexServer({ machineIdentifier: 'another-machine' });
    const refused = await json<ErrorBody>(await put(admin, 'plex', { url: other.url }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/different Plex server/);
    await other.close();
    expect((await put(admin, 'plex', { url: pms.url, intervalSeconds: 120 })).status).toBe(200);
  });

  it('removing a service drops it from the dashboard', async () => {
    const removed = await json<ServicesSettings>(await admin.fetch('/api/v1/services/tmdb', { method: 'DELETE' }));
    expect(removed.body.tmdb).toMatchObject({ configured: false, apiKeySet: false });
    expect((await overview()).services.some((s) => s.id === 'tmdb')).toBe(false);
  });

  it('sent Plex and Overseerr only requests their OpenAPI files document', () => {
    expect(pms.contractViolations('request')).toEqual([]);
    expect(overseerr.contractViolations('request')).toEqual([]);
  });
});
