import { Random, hashToInt, stableToken } from '../core/random.js';
import {
  ADJECTIVES, CONTENT_RATINGS, COUNTRIES, FIRST_NAMES, LAST_NAMES, MOVIE_GENRES, NETWORKS, NOUNS, PLACES,
  SENTENCE_EVENTS, SENTENCE_OPENERS, SENTENCE_SUBJECTS, STUDIOS, TV_GENRES, TV_RATINGS,
} from '../core/words.js';

/**
 * The world's films and series as the simulators know them. Every title is a pure function of
 * (seed, index), so TMDB, Overseerr and the Plex library agree on ids and titles without sharing state,
 * and the library can hold 100,000 items without the catalogue being materialised.
 */
export interface Genre {
  id: number;
  name: string;
}

export interface CatalogMovie {
  tmdbId: number;
  imdbId: string;
  title: string;
  year: number;
  releaseDate: string;
  overview: string;
  tagline: string;
  genres: Genre[];
  runtimeMinutes: number;
  popularity: number;
  voteAverage: number;
  voteCount: number;
  posterPath: string;
  backdropPath: string;
  studio: string;
  contentRating: string;
  director: string;
  writer: string;
  cast: string[];
  country: string;
}

export interface CatalogShow {
  tmdbId: number;
  tvdbId: number;
  imdbId: string;
  name: string;
  year: number;
  firstAirDate: string;
  lastAirDate: string;
  overview: string;
  tagline: string;
  genres: Genre[];
  /** Episodes in each season, season 1 first. */
  seasons: number[];
  episodeRuntimeMinutes: number;
  network: string;
  status: 'Returning Series' | 'Ended';
  popularity: number;
  voteAverage: number;
  voteCount: number;
  posterPath: string;
  backdropPath: string;
  contentRating: string;
  creator: string;
  cast: string[];
  country: string;
}

export interface CatalogPerson {
  id: number;
  name: string;
  profilePath: string;
  popularity: number;
  knownForMovieIds: number[];
}

export const MOVIE_ID_BASE = 100_000;
export const SHOW_ID_BASE = 500_000;
export const PERSON_ID_BASE = 900_000;
export const TVDB_ID_BASE = 300_000;
const MAX_INDEX = 400_000;

const FIGHT_CLUB: CatalogMovie = {
  tmdbId: 550, imdbId: 'tt0137523', title: 'Fight Club', year: 1999, releaseDate: '1999-10-15',
  overview: 'A ticking-time-bomb insomniac and a slippery soap salesman channel primal male aggression into a shocking new form of therapy.',
  tagline: 'Mischief. Mayhem. Soap.', genres: [{ id: 18, name: 'Drama' }, { id: 53, name: 'Thriller' }],
  runtimeMinutes: 139, popularity: 61.416, voteAverage: 8.438, voteCount: 26280,
  posterPath: '/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg', backdropPath: '/hZkgoQYus5vegHoetLkCJzb17zJ.jpg',
  studio: 'Fox 2000 Pictures', contentRating: 'R', director: 'David Fincher', writer: 'Jim Uhls',
  cast: ['Edward Norton', 'Brad Pitt', 'Helena Bonham Carter'], country: 'United States of America',
};

const GAME_OF_THRONES: CatalogShow = {
  tmdbId: 1399, tvdbId: 121361, imdbId: 'tt0944947', name: 'Game of Thrones', year: 2011,
  firstAirDate: '2011-04-17', lastAirDate: '2019-05-19',
  overview: "Seven noble families fight for control of the mythical land of Westeros.", tagline: 'Winter is coming.',
  genres: [{ id: 10765, name: 'Sci-Fi & Fantasy' }, { id: 18, name: 'Drama' }], seasons: [10, 10, 10, 10, 10, 10, 7, 6],
  episodeRuntimeMinutes: 60, network: 'HBO', status: 'Ended', popularity: 400.1, voteAverage: 8.456, voteCount: 21000,
  posterPath: '/1XS1oqL89opfnbLl8WnZY1O1uJx.jpg', backdropPath: '/2OMB0ynKlyIenMJWI2Dy9IWT4c.jpg',
  contentRating: 'TV-MA', creator: 'David Benioff', cast: ['Emilia Clarke', 'Kit Harington', 'Peter Dinklage'],
  country: 'United States of America',
};

const BRAD_PITT: CatalogPerson = {
  id: 287, name: 'Brad Pitt', profilePath: '/cckcYc2v0yh1tc9QjRelptcOBko.jpg', popularity: 20.5, knownForMovieIds: [550],
};

function personName(random: Random): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
}

function titleFor(random: Random): string {
  const adjective = random.pick(ADJECTIVES);
  const noun = random.pick(NOUNS);
  switch (random.int(0, 7)) {
    case 0:
      return `The ${adjective} ${noun}`;
    case 1:
      return `${noun} of ${random.pick(PLACES)}`;
    case 2:
      return `${adjective} ${noun}`;
    case 3:
      return `The ${noun}`;
    case 4:
      return `${random.pick(FIRST_NAMES)}'s ${noun}`;
    case 5:
      return `Return to ${random.pick(PLACES)}`;
    case 6:
      return `The ${noun} ${random.pick(['Affair', 'Code', 'Protocol', 'Sessions', 'Chronicles', 'Files'])}`;
    default:
      return `${adjective} ${noun} ${random.pick(['II', 'III', 'Returns', 'Rising'])}`;
  }
}

function overviewFor(random: Random): string {
  return `${random.pick(SENTENCE_OPENERS)} ${random.pick(SENTENCE_SUBJECTS)} ${random.pick(SENTENCE_EVENTS)}.`;
}

function dateIn(random: Random, year: number): string {
  return `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
}

export class Catalog {
  constructor(
    readonly seed: string | number = 'medianest',
    /** How many generated movies and shows `search` and `trending` look through. */
    readonly searchable: { movies: number; shows: number } = { movies: 3000, shows: 800 },
  ) {}

  private random(kind: string, index: number): Random {
    return new Random(hashToInt(`${this.seed}:${kind}:${index}`));
  }

  movieAt(index: number): CatalogMovie {
    const random = this.random('movie', index);
    const year = random.int(1955, 2025);
    const tmdbId = MOVIE_ID_BASE + index;
    return {
      tmdbId,
      imdbId: `tt${String(5_000_000 + index).padStart(7, '0')}`,
      title: titleFor(random),
      year,
      releaseDate: dateIn(random, year),
      overview: overviewFor(random),
      tagline: `${random.pick(['Some', 'No', 'Every'])} ${random.pick(NOUNS).toLowerCase()} has a price.`,
      genres: random.pickSome(MOVIE_GENRES, random.int(1, 3)).map((g) => ({ ...g })),
      runtimeMinutes: random.int(78, 175),
      popularity: Math.round(random.next() * 20000) / 100,
      voteAverage: Math.round((4 + random.next() * 5) * 1000) / 1000,
      voteCount: random.int(12, 30000),
      posterPath: `/${stableToken(27, this.seed, 'poster', tmdbId)}.jpg`,
      backdropPath: `/${stableToken(27, this.seed, 'backdrop', tmdbId)}.jpg`,
      studio: random.pick(STUDIOS),
      contentRating: random.pick(CONTENT_RATINGS),
      director: personName(random),
      writer: personName(random),
      cast: [personName(random), personName(random), personName(random)],
      country: random.pick(COUNTRIES),
    };
  }

  showAt(index: number): CatalogShow {
    const random = this.random('show', index);
    const year = random.int(1990, 2024);
    const seasonCount = random.weighted({ 1: 25, 2: 25, 3: 20, 4: 12, 5: 8, 6: 5, 8: 3, 10: 2 });
    const seasons = Array.from({ length: Number(seasonCount) }, () => random.int(6, 13));
    const tmdbId = SHOW_ID_BASE + index;
    const ended = random.chance(0.55);
    return {
      tmdbId,
      tvdbId: TVDB_ID_BASE + index,
      imdbId: `tt${String(8_000_000 + index).padStart(7, '0')}`,
      name: titleFor(random),
      year,
      firstAirDate: dateIn(random, year),
      lastAirDate: dateIn(random, Math.min(2025, year + seasons.length)),
      overview: overviewFor(random),
      tagline: '',
      genres: random.pickSome(TV_GENRES, random.int(1, 3)).map((g) => ({ ...g })),
      seasons,
      episodeRuntimeMinutes: random.pick([22, 30, 45, 50, 60]),
      network: random.pick(NETWORKS),
      status: ended ? 'Ended' : 'Returning Series',
      popularity: Math.round(random.next() * 40000) / 100,
      voteAverage: Math.round((5 + random.next() * 4) * 1000) / 1000,
      voteCount: random.int(20, 25000),
      posterPath: `/${stableToken(27, this.seed, 'poster', tmdbId)}.jpg`,
      backdropPath: `/${stableToken(27, this.seed, 'backdrop', tmdbId)}.jpg`,
      contentRating: random.pick(TV_RATINGS),
      creator: personName(random),
      cast: [personName(random), personName(random), personName(random)],
      country: random.pick(COUNTRIES),
    };
  }

  personAt(index: number): CatalogPerson {
    const random = this.random('person', index);
    return {
      id: PERSON_ID_BASE + index,
      name: personName(random),
      profilePath: `/${stableToken(27, this.seed, 'profile', index)}.jpg`,
      popularity: Math.round(random.next() * 5000) / 100,
      knownForMovieIds: [MOVIE_ID_BASE + random.int(0, this.searchable.movies - 1)],
    };
  }

  movie(tmdbId: number): CatalogMovie | undefined {
    if (tmdbId === FIGHT_CLUB.tmdbId) return FIGHT_CLUB;
    const index = tmdbId - MOVIE_ID_BASE;
    return Number.isInteger(index) && index >= 0 && index < MAX_INDEX ? this.movieAt(index) : undefined;
  }

  show(tmdbId: number): CatalogShow | undefined {
    if (tmdbId === GAME_OF_THRONES.tmdbId) return GAME_OF_THRONES;
    const index = tmdbId - SHOW_ID_BASE;
    return Number.isInteger(index) && index >= 0 && index < MAX_INDEX ? this.showAt(index) : undefined;
  }

  showByTvdbId(tvdbId: number): CatalogShow | undefined {
    if (tvdbId === GAME_OF_THRONES.tvdbId) return GAME_OF_THRONES;
    return this.show(SHOW_ID_BASE + (tvdbId - TVDB_ID_BASE));
  }

  person(id: number): CatalogPerson | undefined {
    if (id === BRAD_PITT.id) return BRAD_PITT;
    const index = id - PERSON_ID_BASE;
    return Number.isInteger(index) && index >= 0 && index < 1000 ? this.personAt(index) : undefined;
  }

  private titleIndex: { movies: CatalogMovie[]; shows: CatalogShow[]; people: CatalogPerson[] } | undefined;

  private index(): { movies: CatalogMovie[]; shows: CatalogShow[]; people: CatalogPerson[] } {
    this.titleIndex ??= {
      movies: [FIGHT_CLUB, ...Array.from({ length: this.searchable.movies }, (_, i) => this.movieAt(i))],
      shows: [GAME_OF_THRONES, ...Array.from({ length: this.searchable.shows }, (_, i) => this.showAt(i))],
      people: [BRAD_PITT, ...Array.from({ length: 200 }, (_, i) => this.personAt(i))],
    };
    return this.titleIndex;
  }

  /** Case-insensitive substring search over the searchable part of the catalogue, most popular first. */
  search(query: string): (
    | { kind: 'movie'; movie: CatalogMovie }
    | { kind: 'tv'; show: CatalogShow }
    | { kind: 'person'; person: CatalogPerson }
  )[] {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const { movies, shows, people } = this.index();
    const hits = [
      ...movies.filter((m) => m.title.toLowerCase().includes(q)).map((movie) => ({ kind: 'movie' as const, movie, pop: movie.popularity })),
      ...shows.filter((s) => s.name.toLowerCase().includes(q)).map((show) => ({ kind: 'tv' as const, show, pop: show.popularity })),
      ...people.filter((p) => p.name.toLowerCase().includes(q)).map((person) => ({ kind: 'person' as const, person, pop: person.popularity })),
    ];
    hits.sort((a, b) => b.pop - a.pop);
    return hits.map(({ pop: _pop, ...hit }) => hit);
  }

  /** The most popular movies and shows, interleaved. */
  trending(kind: 'all' | 'movie' | 'tv'): ({ kind: 'movie'; movie: CatalogMovie } | { kind: 'tv'; show: CatalogShow })[] {
    const { movies, shows } = this.index();
    const topMovies = [...movies].sort((a, b) => b.popularity - a.popularity).slice(0, 200);
    const topShows = [...shows].sort((a, b) => b.popularity - a.popularity).slice(0, 200);
    if (kind === 'movie') return topMovies.map((movie) => ({ kind: 'movie', movie }));
    if (kind === 'tv') return topShows.map((show) => ({ kind: 'tv', show }));
    const out: ({ kind: 'movie'; movie: CatalogMovie } | { kind: 'tv'; show: CatalogShow })[] = [];
    for (let i = 0; i < 200; i += 1) {
      if (topMovies[i]) out.push({ kind: 'movie', movie: topMovies[i]! });
      if (topShows[i]) out.push({ kind: 'tv', show: topShows[i]! });
    }
    return out;
  }
}
