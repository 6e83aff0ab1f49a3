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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../platform/cache/memory-cache.js';
import { Upstreams } from './http/index.js';
import { OverseerrClient } from './overseerr/index.js';
import { HttpPlexServerClient, PlexNotifications } from './plex/index.js';
import { TmdbClient } from './tmdb/index.js';
import { UptimeKumaClient } from './uptimekuma/index.js';

const identity = { clientIdentifier: 'medianest-test', product: 'MediaNest', version: '0.1.0', platform: 'Node.js', device: 'MediaNest server' };
const upstreams = () => new Upstreams({ cache: new MemoryCache(), policies: { overseerr: { retries: 0 }, tmdb: { retries: 0 }, 'uptime-kuma': { retries: 0 }, plex: { retries: 0 } } });

describe('Overseerr client against the simulator (requests checked against its OpenAPI file)', () => {
  let sim: OverseerrSimulator;
  let client: OverseerrClient;
  beforeAll(async () => {
    sim = await startOverseerr();
    sim.checkContract(overseerrContract);
    client = new OverseerrClient(upstreams().get('overseerr'));
  });
  afterAll(async () => {
    // The deliberate wrong-prefix call is the only request outside the spec.
    expect(sim.contractViolations('request').map((v) => v.path)).toEqual(['/sub/api/v1/status']);
    await sim.close();
  });

  it('reads the status, checks the key and counts requests', async () => {
    expect((await client.status({ url: sim.url })).version).toBe(sim.version);
    const me = await client.me({ url: sim.url, apiKey: sim.apiKey });
    expect(me.id).toBe(1);
    const count = await client.requestCount({ url: sim.url, apiKey: sim.apiKey });
    expect(count.total).toBeGreaterThanOrEqual(0);
    expect(sim.requestsTo('GET /api/v1/auth/me')[0]?.headers['x-api-key']).toBe(sim.apiKey);
  });

  it('answers a wrong key with UPSTREAM_AUTH and a schema break with the field name', async () => {
    await expect(client.me({ url: sim.url, apiKey: 'wrong' })).rejects.toMatchObject({ code: 'UPSTREAM_AUTH', details: { status: 403 } });
    sim.faults.set('/api/v1/request/count', { kind: 'schema', path: 'pending', value: 'many' }, { times: 1 });
    await expect(client.requestCount({ url: sim.url, apiKey: sim.apiKey })).rejects.toMatchObject({
      code: 'UPSTREAM_BAD_RESPONSE',
      details: { field: 'pending', operation: 'requestCount' },
    });
  });

  it('keeps a path prefix of the configured URL', async () => {
    await expect(client.status({ url: `${sim.url}/sub` })).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    expect(sim.received.at(-1)?.path).toBe('/sub/api/v1/status');
    sim.clearReceived();
  });
});

describe('TMDB client against the simulator', () => {
  let sim: TmdbSimulator;
  let client: TmdbClient;
  beforeAll(async () => {
    sim = await startTmdb();
    client = new TmdbClient(upstreams().get('tmdb'));
  });
  afterAll(() => sim.close());

  it('reads the configuration, searches and reads a movie', async () => {
    const connection = { apiKey: sim.apiKey, url: sim.apiUrl };
    expect((await client.configuration(connection)).images.poster_sizes.length).toBeGreaterThan(0);
    const search = await client.searchMulti(connection, 'fight club');
    expect(search.results.some((result) => result.media_type === 'movie' && result.id === 550)).toBe(true);
    expect((await client.movie(connection, 550)).title).toBe('Fight Club');
  });

  it('answers a wrong key with UPSTREAM_AUTH', async () => {
    await expect(client.configuration({ apiKey: 'nope', url: sim.apiUrl })).rejects.toMatchObject({ code: 'UPSTREAM_AUTH', details: { status: 401 } });
  });
});

describe('Uptime Kuma client against the simulator (2.x and 1.23)', () => {
  let kuma: UptimeKumaSimulator;
  let old: UptimeKumaSimulator;
  let client: UptimeKumaClient;
  beforeAll(async () => {
    kuma = await startUptimeKuma();
    old = await startUptimeKuma({ variant: '1.23' });
    client = new UptimeKumaClient(upstreams().get('uptime-kuma'));
  });
  afterAll(async () => {
    await kuma.close();
    await old.close();
  });

  it('imports the monitors grouped as on the page, with their beats and states', async () => {
    const page = await client.statusPage({ url: kuma.url, slug: kuma.slug });
    expect(page.groups.length).toBeGreaterThan(0);
    const monitors = page.groups.flatMap((group) => group.monitors);
    expect(monitors.length).toBeGreaterThan(0);
    expect(monitors[0]?.beats.length).toBe(100);
    expect(monitors[0]?.lastBeatAt).toMatch(/Z$/);
    const first = monitors[0]!;
    kuma.setStatus(first.name, 'down', 'boom');
    const again = await client.statusPage({ url: kuma.url, slug: kuma.slug });
    expect(again.groups.flatMap((g) => g.monitors).find((m) => m.id === first.id)?.state).toBe('down');
    const legacy = await client.statusPage({ url: old.url, slug: old.slug });
    expect(legacy.groups.flatMap((g) => g.monitors)[0]?.beats.length).toBe(50);
  });

  it('reads /metrics with Basic credentials and refuses wrong ones', async () => {
    const states = await client.metrics({ url: kuma.url, slug: kuma.slug, metrics: { username: 'admin', password: 'admin-password' } });
    expect(Object.keys(states).length).toBeGreaterThan(0);
    await expect(client.metrics({ url: kuma.url, slug: kuma.slug, metrics: { username: 'admin', password: 'bad' } })).rejects.toMatchObject({ code: 'UPSTREAM_AUTH' });
  });

  it('an unknown slug is a bad response (404), not a crash', async () => {
    await expect(client.statusPage({ url: kuma.url, slug: 'nope' })).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', details: { status: 404 } });
  });
});

describe('Plex Media Server client against the simulator (requests checked against the Plex OpenAPI files)', () => {
  let pms: PlexServerSimulator;
  let client: HttpPlexServerClient;
  const token = 'owner-token';
  beforeAll(async () => {
    pms = await startPlexServer();
    pms.allowToken(token, { id: 1, title: 'owner' });
    pms.checkContract(plexContract);
    client = new HttpPlexServerClient({ identity, upstream: upstreams().get('plex') });
  });
  afterAll(async () => {
    expect(pms.contractViolations('request')).toEqual([]);
    await pms.close();
  });

  it('reads identity, server info and sessions (transcode vs direct play)', async () => {
    expect((await client.identity(pms.url)).machineIdentifier).toBe(pms.machineIdentifier);
    expect((await client.serverInfo(pms.url, token)).version).toBe(pms.version);
    expect(await client.sessions(pms.url, token)).toEqual([]);
    const [movie, other] = pms.library.sectionItems(1, 'movie');
    pms.startPlayback({ ratingKey: movie!.ratingKey, user: { id: 7, title: 'alice' }, viewOffset: 1000 });
    pms.startPlayback({ ratingKey: other!.ratingKey, user: { id: 1, title: 'owner' }, transcode: true });
    const sessions = await client.sessions(pms.url, token);
    expect(sessions).toHaveLength(2);
    expect(sessions.find((s) => s.user.name === 'alice')).toMatchObject({ title: movie!.title, decision: 'directplay', viewOffsetMs: 1000, user: { plexId: '7' } });
    expect(sessions.find((s) => s.user.name === 'owner')?.decision).toBe('transcode');
    await expect(client.sessions(pms.url, 'bad')).rejects.toMatchObject({ code: 'UPSTREAM_AUTH' });
  });

  it('receives playing notifications over the websocket', async () => {
    const types: string[] = [];
    let connected!: () => void;
    const open = new Promise<void>((resolve) => (connected = resolve));
    const listener = new PlexNotifications({
      baseUrl: pms.url,
      token,
      identity,
      onNotification: (type) => types.push(type),
      onConnectionChange: (up) => up && connected(),
    }).start();
    await open;
    const [movie] = pms.library.sectionItems(1, 'movie');
    const session = pms.startPlayback({ ratingKey: movie!.ratingKey, user: { id: 7, title: 'alice' } });
    pms.stopPlayback(session.sessionKey);
    await expect.poll(() => types.filter((t) => t === 'playing').length).toBeGreaterThanOrEqual(2);
    listener.close();
    expect(listener.connected).toBe(false);
  });
});
