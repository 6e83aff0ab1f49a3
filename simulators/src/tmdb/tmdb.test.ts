import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmdbConfigurationSchema, tmdbErrorSchema, tmdbMovieSchema, tmdbSearchMultiSchema, tmdbTrendingSchema, tmdbTvSchema } from '../contracts/schemas.js';
import { pngSize } from '../test-support/helpers.js';
import { TmdbSimulator } from './tmdb.js';

describe('TMDB simulator', () => {
  let tmdb: TmdbSimulator;
  const get = async (p: string, auth: 'key' | 'bearer' | 'none' = 'key') => {
    const url = new URL(`${tmdb.apiUrl}${p}`);
    if (auth === 'key') url.searchParams.set('api_key', tmdb.apiKey);
    const res = await fetch(url, { headers: auth === 'bearer' ? { Authorization: `Bearer ${tmdb.readAccessToken}` } : {} });
    return { res, body: (await res.json()) as unknown };
  };

  beforeAll(async () => {
    tmdb = await new TmdbSimulator({ seed: 'tmdb-test' }).start();
  });
  afterAll(() => tmdb.close());

  it('refuses a missing or wrong key with the 401 envelope, and accepts api_key or a Bearer token', async () => {
    const { res, body } = await get('/movie/550', 'none');
    expect(res.status).toBe(401);
    expect(tmdbErrorSchema.parse(body)).toEqual({ success: false, status_code: 7, status_message: 'Invalid API key: You must be granted a valid key.' });
    expect((await get('/movie/550', 'bearer')).res.status).toBe(200);
  });

  it('searches movies, shows and people as /search/multi', async () => {
    const { body } = await get('/search/multi?query=fight%20club&page=1&include_adult=false');
    const page = tmdbSearchMultiSchema.parse(body);
    expect(page.results[0]).toMatchObject({ id: 550, media_type: 'movie', title: 'Fight Club' });
    const people = tmdbSearchMultiSchema.parse((await get('/search/multi?query=brad')).body);
    expect(people.results.some((r) => r.media_type === 'person')).toBe(true);
    expect((await get('/search/multi?query=x&page=501')).res.status).toBe(400);
  });

  it('serves movie and tv details with append_to_response, and 404 (code 34) for unknown ids', async () => {
    const movie = tmdbMovieSchema.parse((await get('/movie/550?append_to_response=credits,external_ids,release_dates')).body);
    expect(movie.credits?.crew[0]?.job).toBe('Director');
    expect(movie.external_ids?.imdb_id).toBe('tt0137523');
    const show = tmdbTvSchema.parse((await get('/tv/1399?append_to_response=external_ids')).body);
    expect(show.external_ids?.tvdb_id).toBe(121361);
    expect(show.number_of_seasons).toBe(8);
    const missing = await get('/movie/7');
    expect(missing.res.status).toBe(404);
    expect(tmdbErrorSchema.parse(missing.body).status_code).toBe(34);
  });

  it('serves trending, configuration and placeholder images', async () => {
    const trending = tmdbTrendingSchema.parse((await get('/trending/all/week')).body);
    expect(new Set(trending.results.map((r) => r.media_type))).toEqual(new Set(['movie', 'tv']));
    const config = tmdbConfigurationSchema.parse((await get('/configuration')).body);
    const image = await fetch(`${config.images.secure_base_url}w500/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg`);
    expect(pngSize(Buffer.from(await image.arrayBuffer()))).toEqual({ width: 500, height: 750 });
  });

  it('answers 429 with Retry-After and the TMDB envelope under a rate-limit fault', async () => {
    tmdb.faults.set('/3/search/multi', { kind: 'rateLimit', retryAfterSeconds: 10 }, { times: 1 });
    const limited = await get('/search/multi?query=fight');
    expect(limited.res.status).toBe(429);
    expect(limited.res.headers.get('retry-after')).toBe('10');
    expect(tmdbErrorSchema.parse(limited.body).status_code).toBe(25);
    expect((await get('/search/multi?query=fight')).res.status).toBe(200);
  });
});
