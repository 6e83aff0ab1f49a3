import { plexContract, startPlexServer, type PlexServerSimulator } from '@medianest/simulators';
import type { LibrarySections, RecentlyAdded } from '@medianest/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSetup, createUser, signIn, type SignedIn } from '../../test-support/auth.js';
import { json, startTestApp, type TestApp } from '../../test-support/test-app.js';

type ErrorBody = { error: { code: string; message: string } };

/** The library pages' API against the PMS simulator: sections, recently added, posters, and Plex going away. */
describe('library against the Plex Media Server simulator', () => {
  let pms: PlexServerSimulator;
  let app: TestApp;
  let alice: SignedIn;
  let clockOffset = 0;

  beforeAll(async () => {
    pms = await startPlexServer({ library: { movies: 40, shows: 6 } });
    pms.checkContract(plexContract);
    pms.allowToken('test-server-token', { id: 1, title: 'owner' });
    app = await startTestApp({
      upstreamPolicies: { plex: { retries: 0, breakerFailures: 50, timeoutMs: 2_000 } },
      upstreamRuntime: { now: () => Date.now() + clockOffset },
    });
    await completeSetup(app, { server: { url: pms.url, machineIdentifier: pms.machineIdentifier, name: 'Home PMS' } });
    alice = await signIn(app, await createUser(app, { username: 'alice', plexId: 7 }));
  });
  afterAll(async () => {
    await app?.close();
    await pms?.close();
  });

  it('lists the libraries of the server to any signed-in user, and nobody else', async () => {
    const { status, body } = await json<LibrarySections>(await alice.fetch('/api/v1/library/sections'));
    expect(status).toBe(200);
    expect(body.stale).toBe(false);
    expect(body.sections.map((s) => s.title)).toEqual(pms.library.sections.map((s) => s.title));
    expect((await app.fetch('/api/v1/library/sections')).status).toBe(401);
  });

  it('answers recently added newest first, with MediaNest poster addresses and never a Plex URL or token', async () => {
    const response = await alice.fetch('/api/v1/library/recent?limit=5');
    const text = await response.clone().text();
    const { status, body } = await json<RecentlyAdded>(response);
    expect(status).toBe(200);
    expect(body.items.map((i) => i.ratingKey)).toEqual(pms.library.recentlyAdded().slice(0, 5).map((i) => String(i.ratingKey)));
    const first = body.items[0]!;
    expect(first.poster).toBe(`/api/v1/library/items/${first.ratingKey}/poster`);
    expect(text).not.toContain(pms.url);
    expect(text).not.toContain('test-server-token');
    expect(text).not.toContain('/library/metadata/');

    const movies = pms.library.sections.find((s) => s.type === 'movie')!;
    const inSection = await json<RecentlyAdded>(await alice.fetch(`/api/v1/library/recent?section=${movies.id}&limit=3`));
    expect(inSection.body.items).toHaveLength(3);
    expect(inSection.body.items.every((i) => i.sectionId === String(movies.id))).toBe(true);
  });

  it('serves a poster as an image resized by the server, private and cacheable', async () => {
    const { body } = await json<RecentlyAdded>(await alice.fetch('/api/v1/library/recent?limit=1'));
    const poster = await alice.fetch(`${body.items[0]!.poster!}?w=160`);
    expect(poster.status).toBe(200);
    expect(poster.headers.get('content-type')).toMatch(/^image\//);
    expect(poster.headers.get('cache-control')).toBe('private, max-age=86400');
    const bytes = Buffer.from(await poster.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(50);
    const photo = pms.requestsTo('GET /photo/:/transcode').at(-1)!;
    expect(photo.query).toMatchObject({ width: '160', height: '240' });
    expect(photo.query.url).toMatch(/^\/library\/metadata\/\d+\/thumb\/\d+$/);
  });

  it('fetches the artwork of an item it has not listed yet from its metadata', async () => {
    const item = pms.library.recentlyAdded().at(-1)!;
    const poster = await alice.fetch(`/api/v1/library/items/${item.ratingKey}/poster`);
    expect(poster.status).toBe(200);
    expect(pms.requestsTo('GET /library/metadata/{ids}').some((r) => r.path === `/library/metadata/${item.ratingKey}`)).toBe(true);
  });

  it('rejects bad input with a message, and an unknown item with 404', async () => {
    const badKey = await json<ErrorBody>(await alice.fetch('/api/v1/library/items/..%2Fetc/poster'));
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.message).toContain('rating key');
    const badWidth = await json<ErrorBody>(await alice.fetch('/api/v1/library/items/1/poster?w=5000'));
    expect(badWidth.status).toBe(400);
    expect(badWidth.body.error.message).toContain('160, 240, 360');
    const badLimit = await json<ErrorBody>(await alice.fetch('/api/v1/library/recent?limit=500'));
    expect(badLimit.status).toBe(400);
    const badSection = await json<ErrorBody>(await alice.fetch('/api/v1/library/recent?section=http://evil'));
    expect(badSection.status).toBe(400);
    const unknown = await json<ErrorBody>(await alice.fetch('/api/v1/library/items/987654321/poster'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
  });

  it('shows the last known library flagged stale while Plex is down, and fresh data once it is back', async () => {
    const before = await json<LibrarySections>(await alice.fetch('/api/v1/library/sections'));
    await pms.stopListening();
    try {
      clockOffset = 2 * 3_600_000; // past the cache's TTL and its stale-while-revalidate window
      const down = await json<LibrarySections>(await alice.fetch('/api/v1/library/sections'));
      expect(down.status).toBe(200);
      expect(down.body.stale).toBe(true);
      expect(down.body.ageMs).toBeGreaterThanOrEqual(2 * 3_600_000 - 60_000);
      expect(down.body.sections).toEqual(before.body.sections);
      // Nothing cached for this question: the typed error, naming the service.
      const never = await json<ErrorBody>(await alice.fetch('/api/v1/library/recent?limit=7'));
      expect(never.status).toBe(503);
      expect(never.body.error.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(never.body.error.message).toContain('Plex Media Server');
    } finally {
      await pms.resumeListening();
    }
    const back = await json<LibrarySections>(await alice.fetch('/api/v1/library/sections'));
    expect(back.body.stale).toBe(false);
    expect((await alice.fetch('/api/v1/library/recent?limit=7')).status).toBe(200);
  });

  it('says how to fix it when no Plex server is configured', async () => {
    const bare = await startTestApp();
    try {
      const user = await signIn(bare, await createUser(bare, { username: 'carol' }));
      const { status, body } = await json<ErrorBody>(await user.fetch('/api/v1/library/sections'));
      expect(status).toBe(409);
      expect(body.error.code).toBe('SETUP_REQUIRED');
    } finally {
      await bare.close();
    }
  });

  it('sent the Plex server only requests its OpenAPI file allows, and got only answers it describes', () => {
    expect(pms.contractChecks.length).toBeGreaterThan(5);
    expect(pms.contractViolations('both').map((c) => `${c.method} ${c.path}: ${JSON.stringify(c.request.ok ? c.response : c.request)}`)).toEqual([]);
  });
});
