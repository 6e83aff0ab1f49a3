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
