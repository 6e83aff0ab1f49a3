import { hashToInt, stableUuid } from '../core/random.js';
import type { PlexItem, PlexItemType, PlexMedia, PlexSection, SectionInput, SectionType } from './library-types.js';

/** 24 hex characters from a seed hash and a key: cheap enough for 100,000 guids. */
function fastHex(seedHash: number, key: string): string {
  let a = (seedHash ^ hashToInt(key)) >>> 0;
  let out = '';
  for (let i = 0; i < 3; i += 1) {
    a = Math.imul(a ^ (a >>> 16), 0x45d9f3b) >>> 0;
    a = Math.imul(a ^ (a >>> 16), 0x45d9f3b) >>> 0;
    a = (a ^ (a >>> 16)) >>> 0;
    out += a.toString(16).padStart(8, '0');
  }
  return out;
}

export type { PlexItem, PlexItemType, PlexMedia, PlexSection, SectionInput, SectionType };

/** Plex's type numbers (description.md): movie 1, show 2, season 3, episode 4, collection 18. */
export const TYPE_NUMBER: Record<PlexItemType, number> = { movie: 1, show: 2, season: 3, episode: 4, collection: 18 };

/** The standard sections: Movies (1), TV Shows (2) and a YouTube library of "personal media shows" (3). */
export const DEFAULT_SECTIONS: SectionInput[] = [
  { type: 'movie', title: 'Movies', locations: ['/data/movies'] },
  { type: 'show', title: 'TV Shows', locations: ['/data/tv'] },
  {
    type: 'show',
    title: 'YouTube',
    locations: ['/data/youtube'],
    agent: 'tv.plex.agents.none',
    scanner: 'Plex Series Scanner',
  },
];

export type ItemInput = Omit<PlexItem, 'ratingKey' | 'childKeys' | 'guid' | 'directors' | 'writers' | 'roles' | 'countries' | 'genres' | 'summary' | 'updatedAt'> &
  Partial<Pick<PlexItem, 'guid' | 'directors' | 'writers' | 'roles' | 'countries' | 'genres' | 'summary' | 'updatedAt' | 'ratingKey'>>;

/**
 * The in-memory Plex library: sections, items by rating key, and the orderings the API pages over.
 * Top-level items (movies, shows) keep insertion order per section; `recentlyAdded` sorts by `addedAt`.
 */
export class PlexLibrary {
  readonly sections: PlexSection[] = [];
  private readonly items = new Map<string, PlexItem>();
  private readonly topLevel = new Map<number, string[]>();
  private readonly collections = new Map<number, string[]>();
  private readonly byFile = new Map<string, string>();
  private nextKey = 1000;
  private nextMedia = 100_000;
  private readonly seedHash: number;

  constructor(
    readonly seed: string | number = 'medianest',
    sections: SectionInput[] = DEFAULT_SECTIONS,
    readonly createdAt = 1_600_000_000,
  ) {
    this.seedHash = hashToInt(String(seed));
    for (const section of sections) this.addSection(section);
  }

  get size(): number {
    return this.items.size;
  }

  addSection(input: SectionInput): PlexSection {
    const id = this.sections.length + 1;
    const section: PlexSection = {
      id,
      type: input.type,
      title: input.title,
      agent: input.agent ?? (input.type === 'movie' ? 'tv.plex.agents.movie' : 'tv.plex.agents.series'),
      scanner: input.scanner ?? (input.type === 'movie' ? 'Plex Movie' : 'Plex TV Series'),
      language: 'en-US',
      uuid: stableUuid(this.seed, 'section', id),
      locations: input.locations ?? [],
      createdAt: this.createdAt,
      updatedAt: this.createdAt,
      scannedAt: this.createdAt,
    };
    this.sections.push(section);
    this.topLevel.set(id, []);
    this.collections.set(id, []);
    return section;
  }

  section(id: number | string): PlexSection | undefined {
    return this.sections.find((s) => s.id === Number(id));
  }

  get(ratingKey: string): PlexItem | undefined {
    return this.items.get(ratingKey);
  }

  all(): IterableIterator<PlexItem> {
    return this.items.values();
  }

  byFilePath(file: string): PlexItem | undefined {
    const key = this.byFile.get(file);
    return key ? this.items.get(key) : undefined;
  }

  newMediaIds(): { id: number; partId: number } {
    this.nextMedia += 2;
    return { id: this.nextMedia - 1, partId: this.nextMedia };
  }

  /** Adds an item; links it to its parent (season → show, episode → season). Returns it with its rating key. */
  add(input: ItemInput): PlexItem {
    const ratingKey = input.ratingKey ?? String(this.nextKey++);
    if (this.items.has(ratingKey)) throw new Error(`rating key ${ratingKey} already exists`);
    // One fixed shape for every item keeps 100,000 of them cheap (no dictionary-mode objects).
    const item: PlexItem = {
      ratingKey,
      type: input.type,
      sectionId: input.sectionId,
      title: input.title,
      year: input.year,
      summary: input.summary ?? '',
      guid: input.guid ?? `plex://${input.type}/${fastHex(this.seedHash, ratingKey)}`,
      addedAt: input.addedAt,
      updatedAt: input.updatedAt ?? input.addedAt,
      parentKey: input.parentKey,
      grandparentKey: input.grandparentKey,
      index: input.index,
      childKeys: [],
      tmdbId: input.tmdbId,
      tvdbId: input.tvdbId,
      imdbId: input.imdbId,
      genres: input.genres ?? [],
      studio: input.studio,
      contentRating: input.contentRating,
      rating: input.rating,
      audienceRating: input.audienceRating,
      tagline: input.tagline,
      originallyAvailableAt: input.originallyAvailableAt,
      directors: input.directors ?? [],
      writers: input.writers ?? [],
      roles: input.roles ?? [],
      countries: input.countries ?? [],
      media: input.media,
      viewCount: input.viewCount,
      lastViewedAt: input.lastViewedAt,
      subtype: input.subtype,
      smart: input.smart,
    };
    this.items.set(ratingKey, item);
    if (item.type === 'movie' || item.type === 'show') this.topLevel.get(item.sectionId)?.push(ratingKey);
    if (item.type === 'collection') this.collections.get(item.sectionId)?.push(ratingKey);
    if (item.parentKey) this.items.get(item.parentKey)?.childKeys.push(ratingKey);
    if (item.media) this.byFile.set(item.media.file, ratingKey);
    return item;
  }

  /** Removes an item and its children. */
  remove(ratingKey: string): boolean {
    const item = this.items.get(ratingKey);
    if (!item) return false;
    if (item.type !== 'collection') for (const child of [...item.childKeys]) this.remove(child);
    this.items.delete(ratingKey);
    if (item.media) this.byFile.delete(item.media.file);
    const list = item.type === 'collection' ? this.collections.get(item.sectionId) : this.topLevel.get(item.sectionId);
    if (list) {
      const at = list.indexOf(ratingKey);
      if (at >= 0) list.splice(at, 1);
    }
    if (item.parentKey) {
      const parent = this.items.get(item.parentKey);
      if (parent) parent.childKeys = parent.childKeys.filter((k) => k !== ratingKey);
    }
    for (const keys of this.collections.values()) {
      for (const key of keys) {
        const collection = this.items.get(key);
        if (collection) collection.childKeys = collection.childKeys.filter((k) => k !== ratingKey);
      }
    }
    return true;
  }

  /** Top-level items of a section (movies or shows) or, with `type`, every item of that type in it. */
  sectionItems(sectionId: number, type?: PlexItemType): PlexItem[] {
    const keys = this.topLevel.get(sectionId) ?? [];
    const top = keys.map((k) => this.items.get(k)).filter((i): i is PlexItem => i !== undefined);
    if (!type) return top;
    if (type === 'movie' || type === 'show') return top.filter((item) => item.type === type);
    const out: PlexItem[] = [];
    for (const item of this.items.values()) if (item.sectionId === sectionId && item.type === type) out.push(item);
    return out;
  }

  sectionCollections(sectionId: number): PlexItem[] {
    return (this.collections.get(sectionId) ?? []).map((k) => this.items.get(k)).filter((i): i is PlexItem => i !== undefined);
  }

  children(ratingKey: string): PlexItem[] {
    const item = this.items.get(ratingKey);
    if (!item) return [];
    return item.childKeys.map((k) => this.items.get(k)).filter((i): i is PlexItem => i !== undefined);
  }

  /** Every episode below a show or season. */
  leaves(ratingKey: string): PlexItem[] {
    const item = this.items.get(ratingKey);
    if (!item) return [];
    if (item.type === 'season') return this.children(ratingKey);
    if (item.type === 'show') return this.children(ratingKey).flatMap((season) => this.children(season.ratingKey));
    return [];
  }

  /** Newest first: movies and episodes (per section, or across all sections). */
  recentlyAdded(sectionId?: number): PlexItem[] {
    const out: PlexItem[] = [];
    for (const item of this.items.values()) {
      if (sectionId !== undefined && item.sectionId !== sectionId) continue;
      if (item.type === 'movie' || item.type === 'episode') out.push(item);
    }
    return out.sort((a, b) => b.addedAt - a.addedAt || Number(b.ratingKey) - Number(a.ratingKey));
  }

  /** Case-insensitive title search of movies, shows and episodes (optionally within one section). */
  search(query: string, sectionId?: number): PlexItem[] {
    const q = query.toLowerCase();
    const out: PlexItem[] = [];
    for (const item of this.items.values()) {
      if (item.type === 'season' || item.type === 'collection') continue;
      if (sectionId !== undefined && item.sectionId !== sectionId) continue;
      if (item.title.toLowerCase().includes(q)) out.push(item);
    }
    return out;
  }

  counts(): Record<PlexItemType, number> {
    const counts: Record<PlexItemType, number> = { movie: 0, show: 0, season: 0, episode: 0, collection: 0 };
    for (const item of this.items.values()) counts[item.type] += 1;
    return counts;
  }
}
