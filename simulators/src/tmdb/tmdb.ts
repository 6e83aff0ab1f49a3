import { posterPng } from '../images/png.js';
import { SimServer, json, type SimRequest, type SimResponse } from '../core/sim-server.js';
import { Simulator } from '../core/simulator.js';
import { Catalog, type CatalogMovie, type CatalogPerson, type CatalogShow } from './catalog.js';

export interface TmdbOptions {
  port?: number;
  seed?: string | number;
  catalog?: Catalog;
  /** v3 key accepted as `?api_key=`; default derived from the seed. */
  apiKey?: string;
  /** v4 read-access token accepted as `Authorization: Bearer`; default derived from the seed. */
  readAccessToken?: string;
}

const tmdbError = (status: number, code: number, message: string): SimResponse => json(status, { success: false, status_code: code, status_message: message });

const ERRORS: Record<number, [number, string]> = {
  401: [7, 'Invalid API key: You must be granted a valid key.'],
  404: [34, 'The resource you requested could not be found.'],
  429: [25, 'Your request count (#) is over the allowed limit of (40).'],
  500: [11, 'Internal error: Something went wrong, contact TMDb.'],
  502: [11, 'Internal error: Something went wrong, contact TMDb.'],
  503: [9, 'Service offline: This service is temporarily offline, try again later.'],
};

/** TMDB v3: search, details, trending, configuration and placeholder images under `/t/p/`. */
export class TmdbSimulator extends Simulator {
  readonly catalog: Catalog;
  readonly apiKey: string;
  readonly readAccessToken: string;

  constructor(options: TmdbOptions = {}) {
    super(new SimServer({
      name: 'tmdb',
      port: options.port,
      errorResponse: (status, message) => {
        const [code, text] = ERRORS[status] ?? [11, message];
        return tmdbError(status, code, text);
      },
    }));
    const seed = options.seed ?? 'medianest';
    this.catalog = options.catalog ?? new Catalog(seed);
    this.apiKey = options.apiKey ?? Buffer.from(`tmdb:${seed}`).toString('hex').padEnd(32, '0').slice(0, 32);
    this.readAccessToken = options.readAccessToken ?? `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(`tmdb-v4:${seed}`).toString('base64url')}.sig`;
    this.registerRoutes();
  }

  async start(): Promise<this> {
    await this.http.listen();
    return this;
  }

  /** The API base, as `https://api.themoviedb.org/3` is in production. */
  get apiUrl(): string {
    return `${this.url}/3`;
  }

  /** Image base URL (`images.secure_base_url` of `/configuration`). */
  get imageBaseUrl(): string {
    return `${this.url}/t/p/`;
  }

  private authorized(req: SimRequest): boolean {
    if (req.query.api_key !== undefined) return req.query.api_key === this.apiKey;
    return req.header('authorization') === `Bearer ${this.readAccessToken}`;
  }

  movieJson(movie: CatalogMovie, withType = false): Record<string, unknown> {
    return {
      adult: false, backdrop_path: movie.backdropPath, id: movie.tmdbId, title: movie.title, original_language: 'en',
      original_title: movie.title, overview: movie.overview, poster_path: movie.posterPath,
      ...(withType ? { media_type: 'movie' } : {}), genre_ids: movie.genres.map((g) => g.id), popularity: movie.popularity,
      release_date: movie.releaseDate, video: false, vote_average: movie.voteAverage, vote_count: movie.voteCount,
    };
  }

  showJson(show: CatalogShow, withType = false): Record<string, unknown> {
    return {
      adult: false, backdrop_path: show.backdropPath, id: show.tmdbId, name: show.name, original_language: 'en',
      original_name: show.name, overview: show.overview, poster_path: show.posterPath,
      ...(withType ? { media_type: 'tv' } : {}), genre_ids: show.genres.map((g) => g.id), popularity: show.popularity,
      first_air_date: show.firstAirDate, vote_average: show.voteAverage, vote_count: show.voteCount, origin_country: ['US'],
    };
  }

  personJson(person: CatalogPerson): Record<string, unknown> {
    return {
      adult: false, id: person.id, name: person.name, original_name: person.name, media_type: 'person', popularity: person.popularity,
      gender: 0, known_for_department: 'Acting', profile_path: person.profilePath,
      known_for: person.knownForMovieIds.map((id) => this.catalog.movie(id)).filter((m) => m !== undefined).map((m) => this.movieJson(m, true)),
    };
  }

  private paged(req: SimRequest, items: Record<string, unknown>[]): SimResponse {
    const page = Number(req.query.page ?? 1);
    if (!Number.isInteger(page) || page < 1 || page > 500) return tmdbError(400, 22, 'Invalid page: Pages start at 1 and max at 500. They are expected to be an integer.');
    return json(200, { page, results: items.slice((page - 1) * 20, page * 20), total_pages: Math.max(1, Math.ceil(items.length / 20)), total_results: items.length });
  }

  private movieDetails(movie: CatalogMovie, append: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {
      ...this.movieJson(movie), belongs_to_collection: null, budget: 20_000_000, genres: movie.genres, homepage: '',
      imdb_id: movie.imdbId, production_companies: [{ id: 508, logo_path: null, name: movie.studio, origin_country: 'US' }],
      production_countries: [{ iso_3166_1: 'US', name: movie.country }], revenue: 100_000_000, runtime: movie.runtimeMinutes,
      spoken_languages: [{ english_name: 'English', iso_639_1: 'en', name: 'English' }], status: 'Released', tagline: movie.tagline,
    };
    delete out.genre_ids;
    if (append.includes('credits')) {
      out.credits = {
        cast: movie.cast.map((name, i) => ({ id: 700_000 + i, name, character: `Character ${i + 1}`, order: i, profile_path: null, credit_id: `c${movie.tmdbId}${i}` })),
        crew: [{ id: 800_000, name: movie.director, job: 'Director', department: 'Directing', profile_path: null, credit_id: `d${movie.tmdbId}` }],
      };
    }
    if (append.includes('external_ids')) out.external_ids = { imdb_id: movie.imdbId, wikidata_id: null, facebook_id: null, instagram_id: null, twitter_id: null };
    if (append.includes('videos')) out.videos = { results: [] };
    if (append.includes('release_dates')) out.release_dates = { results: [{ iso_3166_1: 'US', release_dates: [{ certification: movie.contentRating, release_date: `${movie.releaseDate}T00:00:00.000Z`, type: 3 }] }] };
    if (append.includes('keywords')) out.keywords = { keywords: [] };
    if (append.includes('watch/providers')) out['watch/providers'] = { results: {} };
    return out;
  }

  private showDetails(show: CatalogShow, append: string[]): Record<string, unknown> {
    const last = show.seasons.length;
    const out: Record<string, unknown> = {
      ...this.showJson(show), created_by: [{ id: 9813, credit_id: `cb${show.tmdbId}`, name: show.creator, gender: 0, profile_path: null }],
      episode_run_time: [show.episodeRuntimeMinutes], genres: show.genres, homepage: '', in_production: show.status !== 'Ended',
      languages: ['en'], last_air_date: show.lastAirDate,
      last_episode_to_air: { id: show.tmdbId * 100 + last, name: 'Finale', overview: '', vote_average: 7.5, vote_count: 100, air_date: show.lastAirDate, episode_number: show.seasons[last - 1] ?? 1, production_code: '', runtime: show.episodeRuntimeMinutes, season_number: last, show_id: show.tmdbId, still_path: null },
      next_episode_to_air: null, networks: [{ id: 49, logo_path: null, name: show.network, origin_country: 'US' }],
      number_of_episodes: show.seasons.reduce((a, b) => a + b, 0), number_of_seasons: show.seasons.length,
      production_companies: [], production_countries: [],
      seasons: show.seasons.map((episodeCount, i) => ({ air_date: null, episode_count: episodeCount, id: show.tmdbId * 100 + i + 1, name: `Season ${i + 1}`, overview: '', poster_path: show.posterPath, season_number: i + 1, vote_average: 7.5 })),
      spoken_languages: [{ english_name: 'English', iso_639_1: 'en', name: 'English' }], status: show.status, tagline: show.tagline, type: 'Scripted',
    };
    delete out.genre_ids;
    if (append.includes('external_ids')) out.external_ids = { imdb_id: show.imdbId, tvdb_id: show.tvdbId, freebase_mid: null, freebase_id: null, tvrage_id: null, wikidata_id: null, facebook_id: null, instagram_id: null, twitter_id: null };
    if (append.includes('credits')) out.credits = { cast: show.cast.map((name, i) => ({ id: 710_000 + i, name, character: `Character ${i + 1}`, order: i, profile_path: null, credit_id: `t${show.tmdbId}${i}` })), crew: [] };
    if (append.includes('content_ratings')) out.content_ratings = { results: [{ iso_3166_1: 'US', rating: show.contentRating }] };
    if (append.includes('videos')) out.videos = { results: [] };
    if (append.includes('keywords')) out.keywords = { results: [] };
    if (append.includes('watch/providers')) out['watch/providers'] = { results: {} };
    return out;
  }

  private registerRoutes(): void {
    const http = this.http;
    const authed = (handler: (req: SimRequest) => SimResponse) => (req: SimRequest) => (this.authorized(req) ? handler(req) : tmdbError(401, 7, ERRORS[401]![1]));
    const append = (req: SimRequest) => (req.query.append_to_response ?? '').split(',').map((s) => s.trim()).filter(Boolean);

    http.route('GET /3/configuration', authed(() => json(200, {
      images: {
        base_url: this.imageBaseUrl, secure_base_url: this.imageBaseUrl,
        backdrop_sizes: ['w300', 'w780', 'w1280', 'original'], logo_sizes: ['w45', 'w92', 'w154', 'w185', 'w300', 'w500', 'original'],
        poster_sizes: ['w92', 'w154', 'w185', 'w342', 'w500', 'w780', 'original'], profile_sizes: ['w45', 'w185', 'h632', 'original'],
        still_sizes: ['w92', 'w185', 'w300', 'original'],
      },
      change_keys: ['adult', 'air_date', 'also_known_as', 'biography', 'birthday', 'budget', 'cast', 'crew', 'genres', 'homepage', 'images', 'overview', 'title'],
    })));
    http.route('GET /3/search/multi', authed((req) => {
      const hits = this.catalog.search(req.query.query ?? '');
      return this.paged(req, hits.map((hit) => (hit.kind === 'movie' ? this.movieJson(hit.movie, true) : hit.kind === 'tv' ? this.showJson(hit.show, true) : this.personJson(hit.person))));
    }));
    http.route('GET /3/search/movie', authed((req) => this.paged(req, this.catalog.search(req.query.query ?? '').flatMap((h) => (h.kind === 'movie' ? [this.movieJson(h.movie)] : [])))));
    http.route('GET /3/search/tv', authed((req) => this.paged(req, this.catalog.search(req.query.query ?? '').flatMap((h) => (h.kind === 'tv' ? [this.showJson(h.show)] : [])))));
    http.route('GET /3/movie/{id}', authed((req) => {
      const movie = this.catalog.movie(Number(req.params.id));
      return movie ? json(200, this.movieDetails(movie, append(req))) : tmdbError(404, 34, ERRORS[404]![1]);
    }));
    http.route('GET /3/tv/{id}', authed((req) => {
      const show = this.catalog.show(Number(req.params.id));
      return show ? json(200, this.showDetails(show, append(req))) : tmdbError(404, 34, ERRORS[404]![1]);
    }));
    http.route('GET /3/trending/{kind}/{window}', authed((req) => {
      const kind = req.params.kind as 'all' | 'movie' | 'tv' | 'person';
      if (!['all', 'movie', 'tv', 'person'].includes(kind) || !['day', 'week'].includes(req.params.window!)) return tmdbError(404, 34, ERRORS[404]![1]);
      if (kind === 'person') return this.paged(req, Array.from({ length: 40 }, (_, i) => this.personJson(this.catalog.personAt(i))));
      return this.paged(req, this.catalog.trending(kind).map((hit) => (hit.kind === 'movie' ? this.movieJson(hit.movie, true) : this.showJson(hit.show, true))));
    }));
    // Images are public on the real image host; any size and file name gets a placeholder.
    http.route('GET /t/p/{size}/{file}', (req) => ({
      status: 200,
      headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' },
      body: posterPng(req.params.file!, req.params.size === 'original' ? 500 : Number(/\d+/.exec(req.params.size!)?.[0] ?? 300), Number(/\d+/.exec(req.params.size!)?.[0] ?? 300) * 1.5),
    }));
  }
}

export async function startTmdb(options: TmdbOptions = {}): Promise<TmdbSimulator> {
  return new TmdbSimulator(options).start();
}
