import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllSimulators, type Simulators } from './all.js';
import { expectContractKept } from './test-support/helpers.js';

const J = { Accept: 'application/json', 'X-Plex-Client-Identifier': 'medianest-all', 'X-Plex-Product': 'MediaNest' };

describe('startAllSimulators', () => {
  let sims: Simulators;

  beforeAll(async () => {
    sims = await startAllSimulators({ seed: 'wiring', library: { movies: 25, shows: 2 }, checkContracts: true });
  });
  afterAll(async () => {
    expectContractKept(sims.plex);
    expectContractKept(sims.plexTv);
    expectContractKept(sims.overseerr);
    await sims.close();
  });

  it('listens on loopback only and exposes the MediaNest configuration', () => {
    for (const sim of [sims.plexTv, sims.plex, sims.overseerr, sims.kuma, sims.tmdb]) expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sims.env).toEqual({ MEDIANEST_PLEX_TV_URL: sims.plexTv.url, MEDIANEST_PLEX_APP_URL: sims.plexTv.appUrl });
  });

  it('runs a whole login: PIN, approval, token, resources, then the server with that access token', async () => {
    const pin = (await (await fetch(`${sims.plexTv.url}/api/v2/pins?strong=true`, { method: 'POST', headers: J })).json()) as { id: number };
    sims.plexTv.approvePin(pin.id, 'alice');
    const { authToken } = (await (await fetch(`${sims.plexTv.url}/api/v2/pins/${pin.id}`, { headers: J })).json()) as { authToken: string };
    const resources = (await (await fetch(`${sims.plexTv.url}/api/v2/resources`, { headers: { ...J, 'X-Plex-Token': authToken } })).json()) as { provides: string; accessToken: string; connections: { uri: string }[] }[];
    const server = resources.find((r) => r.provides === 'server')!;
    const res = await fetch(`${server.connections[0]!.uri}/library/sections`, { headers: { ...J, 'X-Plex-Token': server.accessToken } });
    expect(res.status).toBe(200);
  });

  it('gives Overseerr the Plex owner as admin and the shared users, and tells it what Plex has', async () => {
    const users = [...sims.overseerr.store.users.values()].map((u) => u.plexUsername);
    expect(users).toEqual(['owner', 'alice', 'bob']);
    const movie = sims.plex.library.sectionItems(1)[0]!;
    const details = (await (await fetch(`${sims.overseerr.url}/api/v1/movie/${movie.tmdbId}`, { headers: { 'X-Api-Key': sims.overseerr.apiKey } })).json()) as { title: string; mediaInfo: { status: number; ratingKey: string } };
    expect(details).toMatchObject({ title: movie.title, mediaInfo: { status: 5, ratingKey: movie.ratingKey } });
    const missing = sims.catalog.movieAt(4);
    const notInPlex = (await (await fetch(`${sims.overseerr.url}/api/v1/movie/${missing.tmdbId}`, { headers: { 'X-Api-Key': sims.overseerr.apiKey } })).json()) as { mediaInfo?: unknown };
    expect(notInPlex.mediaInfo).toBeUndefined();
  });

  it('points the Kuma monitors at the simulators and TMDB at the same catalogue', async () => {
    expect(sims.kuma.monitor('Plex Media Server').url).toBe(`${sims.plex.url}/identity`);
    const movie = sims.plex.library.sectionItems(1)[1]!;
    const tmdb = (await (await fetch(`${sims.tmdb.apiUrl}/movie/${movie.tmdbId}?api_key=${sims.tmdb.apiKey}`)).json()) as { title: string };
    expect(tmdb.title).toBe(movie.title);
  });
});
