export { TmdbClient, TMDB_DEFAULT_URL, type TmdbConfiguration, type TmdbConnection, type TmdbMovie, type TmdbSearchResult } from './tmdb.client.js';
