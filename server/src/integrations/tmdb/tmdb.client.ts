import { z } from 'zod';
import type { Upstream } from '../http/index.js';

export const TMDB_DEFAULT_URL = 'https://api.themoviedb.org/3';

export interface TmdbConnection {
  apiKey: string;
  /** The API root; TMDB's own unless a test or a proxy says otherwise. */
  url?: string;
}

export const TmdbConfigurationSchema = z.object({
  images: z.object({
    secure_base_url: z.string(),
    poster_sizes: z.array(z.string()),
    backdrop_sizes: z.array(z.string()),
  }),
});
export type TmdbConfiguration = z.infer<typeof TmdbConfigurationSchema>;

const ResultSchema = z.discriminatedUnion('media_type', [
  z.object({
    media_type: z.literal('movie'),
    id: z.number().int(),
    title: z.string(),
    release_date: z.string().nullish(),
    poster_path: z.string().nullish(),
    overview: z.string().nullish(),
  }),
  z.object({
    media_type: z.literal('tv'),
    id: z.number().int(),
    name: z.string(),
    first_air_date: z.string().nullish(),
    poster_path: z.string().nullish(),
    overview: z.string().nullish(),
  }),
  z.object({ media_type: z.literal('person'), id: z.number().int(), name: z.string(), profile_path: z.string().nullish() }),
  z.object({ media_type: z.literal('collection'), id: z.number().int() }).loose(),
]);

export const TmdbSearchSchema = z.object({
  page: z.number().int(),
  total_pages: z.number().int(),
  total_results: z.number().int(),
  results: z.array(ResultSchema),
});
export type TmdbSearchResult = z.infer<typeof ResultSchema>;

export const TmdbMovieSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  release_date: z.string().nullish(),
  runtime: z.number().nullish(),
  overview: z.string().nullish(),
  poster_path: z.string().nullish(),
  backdrop_path: z.string().nullish(),
  genres: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type TmdbMovie = z.infer<typeof TmdbMovieSchema>;

export interface CallOptions {
  direct?: boolean;
}

const AUTH_HINT = 'Check the TMDB API key (v3) in Admin → Services.';

/** TMDB v3 through the client base (`?api_key=`); answers parsed with their schemas. */
export class TmdbClient {
  constructor(readonly upstream: Upstream) {}

  private url(connection: TmdbConnection, path: string, query: Record<string, string> = {}): URL {
    const root = connection.url ?? TMDB_DEFAULT_URL;
    const url = new URL(path, root.endsWith('/') ? root : `${root}/`);
    url.searchParams.set('api_key', connection.apiKey);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  }

  /** `GET /configuration`: cheap, needs a valid key (401 status_code 7 otherwise). */
  configuration(connection: TmdbConnection, options: CallOptions = {}): Promise<TmdbConfiguration> {
    return this.upstream.json({
      operation: 'configuration',
      url: this.url(connection, 'configuration'),
      headers: { Accept: 'application/json' },
      schema: TmdbConfigurationSchema,
      authHint: AUTH_HINT,
      ...options,
    });
  }

  searchMulti(connection: TmdbConnection, query: string, page = 1): Promise<z.infer<typeof TmdbSearchSchema>> {
    return this.upstream.json({
      operation: 'searchMulti',
      url: this.url(connection, 'search/multi', { query, page: String(page), include_adult: 'false', language: 'en-US' }),
      headers: { Accept: 'application/json' },
      schema: TmdbSearchSchema,
      authHint: AUTH_HINT,
    });
  }

  movie(connection: TmdbConnection, id: number): Promise<TmdbMovie> {
    return this.upstream.json({
      operation: 'movie',
      url: this.url(connection, `movie/${id}`),
      headers: { Accept: 'application/json' },
      schema: TmdbMovieSchema,
      authHint: AUTH_HINT,
    });
  }
}
