import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllSimulators, type Simulators } from '../all.js';
import { overseerrContract, plexContract } from './contracts.js';

const CLIENT = { Accept: 'application/json', 'X-Plex-Client-Identifier': 'medianest-contract', 'X-Plex-Product': 'MediaNest' };

/** Every upstream route MediaNest uses (issue 4), as a request the contract must document. */
const PLEX_ROUTES: [string, string][] = [
  ['POST', '/api/v2/pins'], ['GET', '/api/v2/pins/1'], ['GET', '/api/v2/user'], ['GET', '/api/v2/resources'],
  ['GET', '/api/v2/friends'], ['GET', '/api/users'], ['GET', '/identity'], ['GET', '/'], ['GET', '/library/sections'],
  ['GET', '/library/sections/1/all'], ['GET', '/library/metadata/1'], ['GET', '/library/metadata/1/children'],
  ['GET', '/library/recentlyAdded'], ['GET', '/hubs/search'], ['GET', '/library/sections/1/collections'],
  ['GET', '/library/collections/1/children'], ['POST', '/library/collections'], ['GET', '/status/sessions'],
  ['GET', '/photo/:/transcode'], ['GET', '/library/sections/1/refresh'], ['POST', '/library/sections/1/refresh'],
];
const OVERSEERR_ROUTES: [string, string][] = [
  ['GET', '/api/v1/status'], ['GET', '/api/v1/search'], ['GET', '/api/v1/movie/1'], ['GET', '/api/v1/tv/1'],
  ['GET', '/api/v1/request'], ['POST', '/api/v1/request'], ['GET', '/api/v1/request/1'], ['DELETE', '/api/v1/request/1'],
  ['POST', '/api/v1/request/1/approve'], ['POST', '/api/v1/request/1/decline'], ['GET', '/api/v1/request/count'],
  ['GET', '/api/v1/user'], ['GET', '/api/v1/user/1'], ['GET', '/api/v1/user/1/quota'], ['POST', '/api/v1/user/import-from-plex'],
  ['POST', '/api/v1/auth/plex'], ['GET', '/api/v1/auth/me'],
];

describe('contracts', () => {
  let sims: Simulators;

  beforeAll(async () => {
    sims = await startAllSimulators({ library: { movies: 30, shows: 3 }, checkContracts: true });
  });
  afterAll(() => sims.close());

  it.each(PLEX_ROUTES)('the Plex specs document %s %s', (method, path) => {
    expect(plexContract.covers(method, path)).toBe(true);
  });

  it.each(OVERSEERR_ROUTES)('the Overseerr spec documents %s %s', (method, path) => {
    expect(overseerrContract.covers(method, path)).toBe(true);
  });

  it('validates a real response of every route MediaNest uses against the specs', async () => {
    const { plex, plexTv, overseerr, catalog } = sims;
    const pin = (await (await fetch(`${plexTv.url}/api/v2/pins?strong=true`, { method: 'POST', headers: CLIENT })).json()) as { id: number };
    plexTv.approvePin(pin.id, 'bob');
    const movie = plex.library.sectionItems(1)[0]!;
    const show = plex.library.sectionItems(2)[0]!;
    const collection = plex.library.sectionCollections(1)[0]!;
    plex.startPlayback({ ratingKey: movie.ratingKey, user: { id: plexTv.owner.id, title: plexTv.owner.username } });
    const plexAuth = { ...CLIENT, 'X-Plex-Token': plexTv.owner.serverToken };
    const tvAuth = { ...CLIENT, 'X-Plex-Token': plexTv.owner.token };
    const admin = { Accept: 'application/json', 'Content-Type': 'application/json', 'X-Api-Key': overseerr.apiKey };
    const uri = encodeURIComponent(`server://${plex.machineIdentifier}/com.plexapp.plugins.library/library/metadata/${movie.ratingKey}`);
    const requestable = catalog.movieAt(9).tmdbId;
    type Call = { sim: 'plexTv' | 'plex' | 'overseerr'; method?: string; path: string; headers: Record<string, string>; body?: unknown };
    const calls: Call[] = [
      { sim: 'plexTv', method: 'POST', path: '/api/v2/pins?strong=true', headers: CLIENT },
      { sim: 'plexTv', path: `/api/v2/pins/${pin.id}`, headers: CLIENT },
      { sim: 'plexTv', path: '/api/v2/user', headers: tvAuth },
      { sim: 'plexTv', path: '/api/v2/resources?includeHttps=1&includeRelay=1', headers: tvAuth },
      { sim: 'plexTv', path: '/api/v2/friends', headers: tvAuth },
      { sim: 'plexTv', path: '/api/users', headers: tvAuth },
      { sim: 'plex', path: '/identity', headers: CLIENT },
      { sim: 'plex', path: '/', headers: plexAuth },
      { sim: 'plex', path: '/library/sections', headers: plexAuth },
      { sim: 'plex', path: '/library/sections/1/all?includeGuids=1&X-Plex-Container-Start=0&X-Plex-Container-Size=20', headers: plexAuth },
      { sim: 'plex', path: '/library/sections/2/all?type=4&sort=addedAt%3Adesc&X-Plex-Container-Size=20', headers: plexAuth },
      { sim: 'plex', path: `/library/metadata/${movie.ratingKey}`, headers: plexAuth },
      { sim: 'plex', path: `/library/metadata/${show.ratingKey}/children`, headers: plexAuth },
      { sim: 'plex', path: `/library/metadata/${show.childKeys[0]!}/children`, headers: plexAuth },
      { sim: 'plex', path: '/library/recentlyAdded?X-Plex-Container-Size=20', headers: plexAuth },
      { sim: 'plex', path: `/hubs/search?query=${encodeURIComponent(movie.title.split(' ').at(-1)!)}&limit=5`, headers: plexAuth },
      { sim: 'plex', path: '/library/sections/1/collections', headers: plexAuth },
      { sim: 'plex', path: `/library/collections/${collection.ratingKey}/children`, headers: plexAuth },
      { sim: 'plex', method: 'POST', path: `/library/collections?type=1&title=Picks&smart=0&sectionId=1&uri=${uri}`, headers: plexAuth },
      { sim: 'plex', path: '/status/sessions', headers: plexAuth },
      { sim: 'plex', path: `/photo/:/transcode?url=${encodeURIComponent(`/library/metadata/${movie.ratingKey}/thumb/1`)}&width=100&height=150`, headers: plexAuth },
      { sim: 'plex', path: '/library/sections/3/refresh?path=%2Fdata%2Fyoutube', headers: plexAuth },
      { sim: 'overseerr', path: '/api/v1/status', headers: admin },
      { sim: 'overseerr', path: '/api/v1/search?query=the&page=1', headers: admin },
      { sim: 'overseerr', path: `/api/v1/movie/${movie.tmdbId!}`, headers: admin },
      { sim: 'overseerr', path: `/api/v1/tv/${show.tmdbId!}`, headers: admin },
      { sim: 'overseerr', method: 'POST', path: '/api/v1/request', headers: { ...admin, 'X-Api-User': '2' }, body: { mediaType: 'movie', mediaId: requestable } },
      { sim: 'overseerr', method: 'POST', path: '/api/v1/request', headers: { ...admin, 'X-Api-User': '3' }, body: { mediaType: 'tv', mediaId: catalog.showAt(4).tmdbId, seasons: 'all' } },
      { sim: 'overseerr', path: '/api/v1/request?take=20&skip=0&filter=all&sort=added', headers: admin },
      { sim: 'overseerr', path: '/api/v1/request/1', headers: admin },
      { sim: 'overseerr', method: 'POST', path: '/api/v1/request/1/approve', headers: admin },
      { sim: 'overseerr', method: 'POST', path: '/api/v1/request/2/decline', headers: admin },
      { sim: 'overseerr', path: '/api/v1/request/count', headers: admin },
      { sim: 'overseerr', path: '/api/v1/user?take=20', headers: admin },
      { sim: 'overseerr', path: '/api/v1/user/2', headers: admin },
      { sim: 'overseerr', path: '/api/v1/user/2/quota', headers: admin },
      { sim: 'overseerr', path: '/api/v1/user/2/requests', headers: admin },
      { sim: 'overseerr', method: 'POST', path: '/api/v1/user/import-from-plex', headers: admin },
      { sim: 'overseerr', method: 'POST', path: '/api/v1/auth/plex', headers: { 'Content-Type': 'application/json' }, body: { authToken: plexTv.account('alice').token } },
      { sim: 'overseerr', path: '/api/v1/auth/me', headers: admin },
      { sim: 'overseerr', method: 'DELETE', path: '/api/v1/request/2', headers: admin },
    ];
    const unchecked: string[] = [];
    for (const call of calls) {
      const sim = sims[call.sim];
      const res = await fetch(`${sim.url}${call.path}`, { method: call.method ?? 'GET', headers: call.headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) });
      await res.arrayBuffer();
      expect(res.status, `${call.method ?? 'GET'} ${call.path}`).toBeLessThan(300);
      const check = sim.contractChecks.at(-1)!;
      expect({ call: `${check.method} ${call.path}`, request: check.request.errors, response: check.response.errors }).toEqual({ call: `${check.method} ${call.path}`, request: [], response: [] });
      if (check.response.notes.some((n) => !n.startsWith('erratum'))) unchecked.push(`${check.method} ${check.path}: ${check.response.notes.join('; ')}`);
    }
    // Only the answers without a JSON body are not schema-checked: an image, the empty refresh reply, a 204.
    expect(unchecked.map((u) => u.split(':')[0])).toEqual(['GET /photo/', 'GET /library/sections/3/refresh', 'DELETE /api/v1/request/2']);
  });

  it('validates a real simulator response, and fails when the simulator is deliberately broken', async () => {
    const headers = { ...CLIENT, 'X-Plex-Token': sims.plexTv.owner.serverToken };
    await fetch(`${sims.plex.url}/library/sections`, { headers });
    const good = sims.plex.contractChecks.at(-1)!;
    expect(good.response).toMatchObject({ ok: true, operation: 'get-all-libraries' });

    // Break it: a section title that is not a string.
    const section = sims.plex.library.sections[0]!;
    const title = section.title;
    (section as { title: unknown }).title = 42;
    try {
      await fetch(`${sims.plex.url}/library/sections`, { headers });
    } finally {
      section.title = title;
    }
    const broken = sims.plex.contractChecks.at(-1)!;
    expect(broken.response.ok).toBe(false);
    expect(broken.response.errors).toContain('body/MediaContainer/Directory/0/title must be string');

    // And a malformed body fails too.
    sims.overseerr.faults.set('/api/v1/status', { kind: 'malformed' }, { times: 1 });
    await fetch(`${sims.overseerr.url}/api/v1/status`).then((r) => r.text());
    expect(sims.overseerr.contractChecks.at(-1)!.response.errors).toEqual(['body is not valid JSON']);
    expect(sims.overseerr.contractViolations('response')).toHaveLength(1);
  });

  it("checks MediaNest's outgoing requests too: a missing client id or a bad request body fails", () => {
    expect(plexContract.validateRequest({ method: 'POST', path: '/api/v2/pins', query: { strong: 'true' }, headers: {} }).errors)
      .toEqual(['header parameter "X-Plex-Client-Identifier" is required']);
    expect(plexContract.validateRequest({ method: 'POST', path: '/api/v2/pins', query: { strong: 'true' }, headers: { 'x-plex-client-identifier': 'abc' } }).ok).toBe(true);
    const bad = overseerrContract.validateRequest({ method: 'POST', path: '/api/v1/request', headers: {}, body: { mediaType: 'book' } });
    expect(bad.ok).toBe(false);
    expect(bad.errors).toEqual(expect.arrayContaining(["body must have required property 'mediaId'", 'body/mediaType must be equal to one of the allowed values']));
    expect(overseerrContract.validateRequest({ method: 'POST', path: '/api/v1/request', body: { mediaType: 'tv', mediaId: 1399, seasons: [1, 2] } }).ok).toBe(true);
    expect(overseerrContract.validateRequest({ method: 'GET', path: '/api/v1/request', query: { filter: 'everything' } }).ok).toBe(false);
  });

  it('records each erratum it applies as a note, with its reason', async () => {
    const headers = { ...CLIENT, 'X-Plex-Token': sims.plexTv.owner.serverToken };
    await fetch(`${sims.plex.url}/library/recentlyAdded?X-Plex-Container-Size=2`, { headers });
    const check = sims.plex.contractChecks.at(-1)!;
    expect([check.request.errors, check.response.errors]).toEqual([[], []]);
    expect(check.request.notes.some((n) => n.startsWith('erratum (PMS lists every type without it'))).toBe(true);
    expect(check.response.notes.some((n) => /erratum \(PMS sends these ids as strings/.test(n))).toBe(true);
  });
});
