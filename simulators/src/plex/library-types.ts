/** The records of the simulated Plex library. */
export type PlexItemType = 'movie' | 'show' | 'season' | 'episode' | 'collection';
export type SectionType = 'movie' | 'show';

export interface PlexMedia {
  id: number;
  partId: number;
  duration: number;
  videoResolution: '4k' | '1080' | '720' | 'sd';
  width: number;
  height: number;
  videoCodec: string;
  audioCodec: string;
  audioChannels: number;
  bitrate: number;
  container: string;
  file: string;
  size: number;
}

export interface PlexItem {
  ratingKey: string;
  type: PlexItemType;
  sectionId: number;
  title: string;
  year?: number;
  summary: string;
  guid: string;
  addedAt: number;
  updatedAt: number;
  /** Show of a season, season of an episode. */
  parentKey?: string;
  /** Show of an episode. */
  grandparentKey?: string;
  /** Season number of a season, episode number of an episode. */
  index?: number;
  /** Seasons of a show, episodes of a season, items of a collection (rating keys). */
  childKeys: string[];
  tmdbId?: number;
  tvdbId?: number;
  imdbId?: string;
  genres: string[];
  studio?: string;
  contentRating?: string;
  rating?: number;
  audienceRating?: number;
  tagline?: string;
  originallyAvailableAt?: string;
  directors: string[];
  writers: string[];
  roles: string[];
  countries: string[];
  media?: PlexMedia;
  viewCount?: number;
  lastViewedAt?: number;
  /** Collections only: what they hold. */
  subtype?: 'movie' | 'show';
  smart?: boolean;
}

export interface PlexSection {
  id: number;
  type: SectionType;
  title: string;
  agent: string;
  scanner: string;
  language: string;
  uuid: string;
  /** Folders on disk (as the PMS sees them). */
  locations: string[];
  createdAt: number;
  updatedAt: number;
  scannedAt: number;
}

export interface SectionInput {
  type: SectionType;
  title: string;
  locations?: string[];
  agent?: string;
  scanner?: string;
}

