import type { Catalog, CatalogMovie, CatalogPerson, CatalogShow } from '../tmdb/catalog.js';
import type { OverseerrMedia, OverseerrRequest, OverseerrUser } from './model.js';
import type { OverseerrStore } from './store.js';

/** Overseerr's JSON shapes (camelCase), from the store and the catalogue. */
export class Presenter {
  constructor(
    private readonly store: OverseerrStore,
    private readonly catalog: Catalog,
    private readonly machineIdentifier: () => string,
  ) {}

  user(user: OverseerrUser, revealPrivate = true): Record<string, unknown> {
    const out: Record<string, unknown> = {
      permissions: user.permissions,
      id: user.id,
      email: revealPrivate ? user.email : '',
      plexUsername: user.plexUsername ?? '',
      recoveryLinkExpirationDate: null,
      userType: user.userType,
      avatar: user.avatar,
      movieQuotaLimit: user.movieQuotaLimit,
      movieQuotaDays: user.movieQuotaDays,
      tvQuotaLimit: user.tvQuotaLimit,
      tvQuotaDays: user.tvQuotaDays,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
      requestCount: this.store.requestsOf(user.id).length,
      displayName: user.plexUsername ?? user.email,
    };
    // Overseerr sends `username: null` for Plex users; the spec types it as a plain string, so it is left out then.
    if (revealPrivate && user.plexId !== null) out.plexId = user.plexId;
    return out;
  }

  media(media: OverseerrMedia, withRequests = false): Record<string, unknown> {
    const out: Record<string, unknown> = {
      id: media.id,
      mediaType: media.mediaType,
      tmdbId: media.tmdbId,
      tvdbId: media.tvdbId,
      imdbId: media.imdbId,
      status: media.status,
      status4k: media.status4k,
      createdAt: media.createdAt,
      updatedAt: media.updatedAt,
      lastSeasonChange: media.updatedAt,
      mediaAddedAt: media.mediaAddedAt,
      serviceId: media.status >= 3 ? 0 : null,
      serviceId4k: null,
      externalServiceId: media.status >= 3 ? 1000 + media.id : null,
      externalServiceId4k: null,
      externalServiceSlug: null,
      externalServiceSlug4k: null,
      ratingKey: media.ratingKey,
      ratingKey4k: null,
    };
    if (media.ratingKey) {
      out.plexUrl = `https://app.plex.tv/desktop#!/server/${this.machineIdentifier()}/details?key=%2Flibrary%2Fmetadata%2F${media.ratingKey}`;
    }
    if (media.mediaType === 'tv') out.seasons = media.seasons;
    if (withRequests) {
      out.requests = [...this.store.requests.values()].filter((r) => r.mediaId === media.id).map((r) => this.request(r, false));
    }
    return out;
  }

  request(request: OverseerrRequest, withMedia = true): Record<string, unknown> {
    const media = this.store.media.get(request.mediaId);
    const requestedBy = this.store.users.get(request.requestedById);
    const modifiedBy = request.modifiedById !== null ? this.store.users.get(request.modifiedById) : undefined;
    const out: Record<string, unknown> = {
      id: request.id,
      status: request.status,
      createdAt: request.createdAt,
      updatedAt: request.updatedAt,
      type: request.type,
      is4k: request.is4k,
      serverId: 0,
      profileId: request.type === 'movie' ? 4 : 6,
      rootFolder: request.type === 'movie' ? '/movies' : '/tv',
      languageProfileId: request.type === 'tv' ? 1 : null,
      tags: [],
      isAutoRequest: false,
      modifiedBy: modifiedBy ? this.user(modifiedBy) : null,
      requestedBy: requestedBy ? this.user(requestedBy) : null,
      seasonCount: request.seasons.length,
    };
    if (request.type === 'tv') out.seasons = request.seasons;
    if (withMedia && media) out.media = this.media(media);
    return out;
  }

  private mediaInfo(type: 'movie' | 'tv', tmdbId: number): Record<string, unknown> | undefined {
    const media = this.store.mediaFor(type, tmdbId);
    return media ? this.media(media, true) : undefined;
  }

  movieResult(movie: CatalogMovie): Record<string, unknown> {
    const info = this.mediaInfo('movie', movie.tmdbId);
    return {
      id: movie.tmdbId, mediaType: 'movie', popularity: movie.popularity, posterPath: movie.posterPath,
      backdropPath: movie.backdropPath, voteCount: movie.voteCount, voteAverage: movie.voteAverage,
      genreIds: movie.genres.map((g) => g.id), overview: movie.overview, originalLanguage: 'en', title: movie.title,
      originalTitle: movie.title, releaseDate: movie.releaseDate, adult: false, video: false,
      ...(info ? { mediaInfo: info } : {}),
    };
  }

  tvResult(show: CatalogShow): Record<string, unknown> {
    const info = this.mediaInfo('tv', show.tmdbId);
    return {
      id: show.tmdbId, mediaType: 'tv', popularity: show.popularity, posterPath: show.posterPath,
      backdropPath: show.backdropPath, voteCount: show.voteCount, voteAverage: show.voteAverage,
      genreIds: show.genres.map((g) => g.id), overview: show.overview, originalLanguage: 'en', name: show.name,
      originalName: show.name, originCountry: ['US'], firstAirDate: show.firstAirDate,
      ...(info ? { mediaInfo: info } : {}),
    };
  }

  personResult(person: CatalogPerson): Record<string, unknown> {
    return {
      id: person.id, mediaType: 'person', name: person.name, popularity: person.popularity, profilePath: person.profilePath,
      adult: false,
      knownFor: person.knownForMovieIds.map((id) => this.catalog.movie(id)).filter((m) => m !== undefined).map((m) => this.movieResult(m)),
    };
  }

  movieDetails(movie: CatalogMovie): Record<string, unknown> {
    const info = this.mediaInfo('movie', movie.tmdbId);
    return {
      id: movie.tmdbId, imdbId: movie.imdbId, adult: false, backdropPath: movie.backdropPath, posterPath: movie.posterPath,
      budget: 20_000_000, genres: movie.genres, homepage: '', relatedVideos: [], originalLanguage: 'en',
      originalTitle: movie.title, overview: movie.overview, popularity: movie.popularity,
      productionCompanies: [{ id: 1, logoPath: null, originCountry: 'US', name: movie.studio }],
      productionCountries: [{ iso_3166_1: 'US', name: movie.country }], releaseDate: movie.releaseDate,
      releases: { results: [] }, revenue: null, runtime: movie.runtimeMinutes,
      spokenLanguages: [{ englishName: 'English', iso_639_1: 'en', name: 'English' }], status: 'Released',
      tagline: movie.tagline, title: movie.title, video: false, voteAverage: movie.voteAverage, voteCount: movie.voteCount,
      credits: {
        cast: movie.cast.map((name, i) => ({ id: 700_000 + i, castId: i, character: `Character ${i + 1}`, creditId: `c${movie.tmdbId}${i}`, gender: 0, name, order: i, profilePath: null })),
        crew: [{ id: 800_000, creditId: `d${movie.tmdbId}`, gender: 0, name: movie.director, job: 'Director', department: 'Directing', profilePath: null }],
      },
      externalIds: { imdbId: movie.imdbId, facebookId: null, instagramId: null, twitterId: null },
      watchProviders: [],
      ...(info ? { mediaInfo: info } : {}),
    };
  }

  tvDetails(show: CatalogShow): Record<string, unknown> {
    const info = this.mediaInfo('tv', show.tmdbId);
    const lastSeason = show.seasons.length;
    return {
      id: show.tmdbId, backdropPath: show.backdropPath, posterPath: show.posterPath, contentRatings: { results: [{ iso_3166_1: 'US', rating: show.contentRating }] },
      createdBy: [{ id: 810_000, name: show.creator, gender: 0, profilePath: null }], episodeRunTime: [show.episodeRuntimeMinutes],
      firstAirDate: show.firstAirDate, genres: show.genres, homepage: '', inProduction: show.status !== 'Ended',
      languages: ['en'], lastAirDate: show.lastAirDate,
      lastEpisodeToAir: { id: show.tmdbId * 100 + lastSeason, name: 'Finale', airDate: show.lastAirDate, episodeNumber: show.seasons[lastSeason - 1] ?? 1, overview: '', productionCode: '', seasonNumber: lastSeason, showId: show.tmdbId, stillPath: null, voteAverage: 7.5, voteCount: 100 },
      name: show.name, nextEpisodeToAir: undefined, networks: [{ id: 49, logoPath: null, originCountry: 'US', name: show.network }],
      numberOfEpisodes: show.seasons.reduce((a, b) => a + b, 0), numberOfSeasons: show.seasons.length,
      originCountry: ['US'], originalLanguage: 'en', originalName: show.name, overview: show.overview,
      popularity: show.popularity, productionCompanies: [], productionCountries: [],
      spokenLanguages: [{ englishName: 'English', iso_639_1: 'en', name: 'English' }],
      seasons: show.seasons.map((episodeCount, i) => ({ id: show.tmdbId * 100 + i + 1, airDate: null, episodeCount, name: `Season ${i + 1}`, overview: '', posterPath: show.posterPath, seasonNumber: i + 1 })),
      status: show.status, tagline: show.tagline, type: 'Scripted', voteAverage: show.voteAverage, voteCount: show.voteCount,
      credits: { cast: show.cast.map((name, i) => ({ id: 710_000 + i, character: `Character ${i + 1}`, creditId: `t${show.tmdbId}${i}`, gender: 0, name, order: i, profilePath: null })), crew: [] },
      externalIds: { imdbId: show.imdbId, tvdbId: show.tvdbId, facebookId: null, instagramId: null, twitterId: null },
      keywords: [], watchProviders: [],
      ...(info ? { mediaInfo: info } : {}),
    };
  }
}
