import { Random } from '../core/random.js';
import { ADJECTIVES, NOUNS } from '../core/words.js';
import { Catalog, type CatalogMovie, type CatalogShow } from '../tmdb/catalog.js';
import { DEFAULT_SECTIONS, PlexLibrary, type PlexItem, type PlexMedia, type SectionInput } from './library.js';

export interface LibraryOptions {
  /** Same seed, same library (titles, ids, dates, files). Default `'medianest'`. */
  seed?: string | number;
  /** Exactly this many items in total (movies, shows, seasons, episodes, collections), split realistically. */
  totalItems?: number;
  /** Or explicit counts (ignored when `totalItems` is set). */
  movies?: number;
  shows?: number;
  collections?: number;
  /** Sections to create; default Movies (1), TV Shows (2), YouTube (3). Movies go to the first movie section, shows to the first show section. */
  sections?: SectionInput[];
  /** Newest `addedAt` (Unix seconds); items spread over the three years before. Default 2025-06-01. */
  now?: number;
  /** The catalogue the titles come from (shared with TMDB/Overseerr); default one with the same seed. */
  catalog?: Catalog;
}

const VIDEO_4K_CODECS = ['hevc', 'hevc', 'h264'] as const;
const AUDIO_CODECS = ['aac', 'ac3', 'eac3', 'dca'] as const;
const AUDIO_CHANNELS = [2, 6, 6, 8] as const;
const CONTAINERS = ['mkv', 'mkv', 'mp4'] as const;

const RESOLUTIONS: Record<PlexMedia['videoResolution'], { width: number; height: number; bitrate: number }> = {
  '4k': { width: 3840, height: 2160, bitrate: 24000 },
  '1080': { width: 1920, height: 1080, bitrate: 8000 },
  '720': { width: 1280, height: 720, bitrate: 4000 },
  sd: { width: 720, height: 480, bitrate: 1500 },
};

/**
 * Which catalogue entries are in the library: four of every five, so one in five titles of the
 * catalogue is missing (something to request through Overseerr).
 */
export function catalogIndexOfLibraryEntry(n: number): number {
  return n + Math.floor(n / 4);
}

function safeName(title: string): string {
  return title.replace(/[/\\:*?"<>|]/g, '');
}

class Builder {
  readonly random: Random;
  readonly library: PlexLibrary;
  readonly movieSection: number;
  readonly showSection: number;

  constructor(
    readonly options: LibraryOptions,
    readonly catalog: Catalog,
  ) {
    const seed = options.seed ?? 'medianest';
    this.random = new Random(`${seed}:library`);
    this.library = new PlexLibrary(seed, options.sections ?? DEFAULT_SECTIONS);
    this.movieSection = this.library.sections.find((s) => s.type === 'movie')?.id ?? 0;
    this.showSection = this.library.sections.find((s) => s.type === 'show')?.id ?? 0;
  }

  private addedAt(): number {
    const now = this.options.now ?? 1_748_736_000;
    return now - this.random.int(0, 3 * 365 * 86_400);
  }

  /** `file` without its extension: the container decides it. */
  private media(file: string, durationMs: number): PlexMedia {
    const roll = this.random.next();
    const resolution: PlexMedia['videoResolution'] = roll < 0.18 ? '4k' : roll < 0.7 ? '1080' : roll < 0.9 ? '720' : 'sd';
    const spec = RESOLUTIONS[resolution];
    const bitrate = spec.bitrate + this.random.int(-500, 500);
    const container = this.random.pick(CONTAINERS);
    const ids = this.library.newMediaIds();
    return {
      id: ids.id,
      partId: ids.partId,
      duration: durationMs,
      videoResolution: resolution,
      width: spec.width,
      height: spec.height,
      videoCodec: resolution === '4k' ? this.random.pick(VIDEO_4K_CODECS) : 'h264',
      audioCodec: this.random.pick(AUDIO_CODECS),
      audioChannels: this.random.pick(AUDIO_CHANNELS),
      bitrate,
      container,
      file: `${file}.${container}`,
      size: Math.round((bitrate * 1000 * (durationMs / 1000)) / 8),
    };
  }

  private watched(item: { viewCount?: number; lastViewedAt?: number }, addedAt: number): void {
    if (this.random.chance(0.35)) {
      item.viewCount = this.random.int(1, 4);
      item.lastViewedAt = addedAt + this.random.int(3600, 200 * 86_400);
    }
  }

  addMovie(movie: CatalogMovie): PlexItem {
    const addedAt = this.addedAt();
    const location = this.library.section(this.movieSection)?.locations[0] ?? '/data/movies';
    const folder = `${safeName(movie.title)} (${movie.year})`;
    const media = this.media(`${location}/${folder}/${folder}`, movie.runtimeMinutes * 60_000 + this.random.int(0, 59_999));
    const item = this.library.add({
      type: 'movie',
      sectionId: this.movieSection,
      title: movie.title,
      year: movie.year,
      summary: movie.overview,
      tagline: movie.tagline,
      addedAt,
      updatedAt: addedAt + this.random.int(0, 86_400),
      tmdbId: movie.tmdbId,
      imdbId: movie.imdbId,
      genres: movie.genres.map((g) => g.name),
      studio: movie.studio,
      contentRating: movie.contentRating,
      rating: Math.round(this.random.next() * 100) / 10,
      audienceRating: Math.round(movie.voteAverage * 10) / 10,
      originallyAvailableAt: movie.releaseDate,
      directors: [movie.director],
      writers: [movie.writer],
      roles: movie.cast,
      countries: [movie.country],
      media,
    });
    this.watched(item, addedAt);
    return item;
  }

  /** Adds a show with its seasons and episodes; stops once `budget` items were added (when given). */
  addShow(show: CatalogShow, budget = Number.POSITIVE_INFINITY): number {
    const addedAt = this.addedAt();
    const location = this.library.section(this.showSection)?.locations[0] ?? '/data/tv';
    const showItem = this.library.add({
      type: 'show',
      sectionId: this.showSection,
      title: show.name,
      year: show.year,
      summary: show.overview,
      addedAt,
      tmdbId: show.tmdbId,
      tvdbId: show.tvdbId,
      imdbId: show.imdbId,
      genres: show.genres.map((g) => g.name),
      studio: show.network,
      contentRating: show.contentRating,
      audienceRating: Math.round(show.voteAverage * 10) / 10,
      originallyAvailableAt: show.firstAirDate,
      roles: show.cast,
      countries: [show.country],
    });
    let added = 1;
    let episodeAdded = addedAt;
    for (let s = 0; s < show.seasons.length && added < budget; s += 1) {
      const season = this.library.add({
        type: 'season',
        sectionId: this.showSection,
        title: `Season ${s + 1}`,
        index: s + 1,
        summary: '',
        parentKey: showItem.ratingKey,
        addedAt: episodeAdded,
      });
      added += 1;
      const episodes = show.seasons[s] ?? 0;
      for (let e = 1; e <= episodes && added < budget; e += 1) {
        episodeAdded += this.random.int(0, 7 * 86_400);
        const code = `S${String(s + 1).padStart(2, '0')}E${String(e).padStart(2, '0')}`;
        const title = this.random.chance(0.15) ? `Episode ${e}` : `${this.random.pick(ADJECTIVES)} ${this.random.pick(NOUNS)}`;
        const media = this.media(
          `${location}/${safeName(show.name)}/Season ${String(s + 1).padStart(2, '0')}/${safeName(show.name)} - ${code}`,
          show.episodeRuntimeMinutes * 60_000 + this.random.int(-120_000, 120_000),
        );
        const episode = this.library.add({
          type: 'episode',
          sectionId: this.showSection,
          title,
          index: e,
          summary: '',
          parentKey: season.ratingKey,
          grandparentKey: showItem.ratingKey,
          addedAt: episodeAdded,
          year: show.year + s,
          contentRating: show.contentRating,
          media,
        });
        this.watched(episode, episodeAdded);
        added += 1;
      }
    }
    return added;
  }

  addCollection(index: number, members: PlexItem[]): PlexItem {
    const title = `${this.random.pick(ADJECTIVES)} ${this.random.pick(NOUNS)} Collection`;
    const addedAt = this.addedAt();
    const collection = this.library.add({
      type: 'collection',
      sectionId: members[0]?.sectionId ?? this.movieSection,
      subtype: members[0]?.type === 'show' ? 'show' : 'movie',
      title,
      summary: `A collection of ${members.length} titles.`,
      addedAt,
      guid: `collection://${this.random.hex(8)}-${this.random.hex(4)}-${this.random.hex(4)}-${this.random.hex(4)}-${this.random.hex(12)}`,
      index,
    });
    collection.childKeys.push(...members.map((m) => m.ratingKey));
    return collection;
  }
}

/**
 * A deterministic Plex library: the same options give the same titles, rating keys, dates and files.
 * Titles come from the catalogue TMDB and Overseerr serve, so a title's tmdb id agrees everywhere.
 */
export function generateLibrary(options: LibraryOptions = {}): PlexLibrary {
  const seed = options.seed ?? 'medianest';
  const catalog = options.catalog ?? new Catalog(seed);
  const builder = new Builder(options, catalog);
  const total = options.totalItems;
  const movieCount = total !== undefined ? Math.round(total * 0.3) : (options.movies ?? 60);
  const collectionCount =
    total !== undefined ? Math.min(200, Math.floor(movieCount / 40)) : (options.collections ?? Math.floor(movieCount / 12));

  const movies: PlexItem[] = [];
  if (builder.movieSection) {
    for (let n = 0; n < movieCount; n += 1) movies.push(builder.addMovie(catalog.movieAt(catalogIndexOfLibraryEntry(n))));
  }
  const collectionRandom = new Random(`${seed}:collections`);
  for (let c = 0; c < collectionCount && movies.length > 0; c += 1) {
    builder.addCollection(c, collectionRandom.pickSome(movies, collectionRandom.int(2, 8)));
  }
  if (builder.showSection) {
    if (total !== undefined) {
      let remaining = total - builder.library.size;
      for (let n = 0; remaining > 0; n += 1) remaining -= builder.addShow(catalog.showAt(catalogIndexOfLibraryEntry(n)), remaining);
    } else {
      const showCount = options.shows ?? 12;
      for (let n = 0; n < showCount; n += 1) builder.addShow(catalog.showAt(catalogIndexOfLibraryEntry(n)));
    }
  }
  return builder.library;
}
