import { TYPE_NUMBER, type PlexItem, type PlexLibrary, type PlexSection } from './library.js';

/** A JSON-ready Plex object (values are strings, numbers, booleans, nested objects or arrays). */
export type PlexObject = { [key: string]: unknown };

export interface RenderOptions {
  /** Full detail (`/library/metadata/{key}`): streams, roles with ids, images. */
  detail?: boolean;
  /** `includeGuids=1`: the external ids as `Guid[]`. */
  includeGuids?: boolean;
  /** Add the section fields (recently added, search, detail). */
  withSection?: boolean;
}

const tags = (values: string[]) => values.map((tag) => ({ tag }));

function thumbPath(item: PlexItem): string {
  return `/library/metadata/${item.ratingKey}/thumb/${item.updatedAt}`;
}

function guids(item: PlexItem): { id: string }[] {
  const out: { id: string }[] = [];
  if (item.imdbId) out.push({ id: `imdb://${item.imdbId}` });
  if (item.tmdbId) out.push({ id: `tmdb://${item.tmdbId}` });
  if (item.tvdbId) out.push({ id: `tvdb://${item.tvdbId}` });
  return out;
}

function media(item: PlexItem, detail: boolean): PlexObject[] | undefined {
  const m = item.media;
  if (!m) return undefined;
  const part: PlexObject = {
    id: m.partId,
    key: `/library/parts/${m.partId}/${item.addedAt}/file.${m.container}`,
    duration: m.duration,
    file: m.file,
    size: m.size,
    container: m.container,
    videoProfile: 'high',
  };
  if (detail) {
    part.Stream = [
      { id: m.partId * 10 + 1, key: `/library/streams/${m.partId * 10 + 1}`, streamType: 1, default: true, codec: m.videoCodec, index: 0, bitrate: m.bitrate - 640, height: m.height, width: m.width, displayTitle: `${m.videoResolution.toUpperCase()} (${m.videoCodec.toUpperCase()})` },
      { id: m.partId * 10 + 2, key: `/library/streams/${m.partId * 10 + 2}`, streamType: 2, selected: true, default: true, codec: m.audioCodec, index: 1, channels: m.audioChannels, bitrate: 640, language: 'English', languageCode: 'eng', displayTitle: `English (${m.audioCodec.toUpperCase()})` },
    ];
  }
  return [
    {
      id: m.id,
      duration: m.duration,
      bitrate: m.bitrate,
      width: m.width,
      height: m.height,
      aspectRatio: Math.round((m.width / m.height) * 100) / 100,
      audioChannels: m.audioChannels,
      audioCodec: m.audioCodec,
      videoCodec: m.videoCodec,
      videoResolution: m.videoResolution,
      container: m.container,
      videoFrameRate: '24p',
      videoProfile: 'high',
      Part: [part],
    },
  ];
}

/** One item as a `Metadata` element, typed as Plex types it (string keys, number dates). */
export function renderItem(library: PlexLibrary, item: PlexItem, options: RenderOptions = {}): PlexObject {
  const out: PlexObject = {
    ratingKey: item.ratingKey,
    key: item.type === 'show' || item.type === 'season' || item.type === 'collection'
      ? `/library/metadata/${item.ratingKey}/children`
      : `/library/metadata/${item.ratingKey}`,
    guid: item.guid,
    type: item.type,
    title: item.title,
    summary: item.summary,
    thumb: thumbPath(item),
    art: `/library/metadata/${item.ratingKey}/art/${item.updatedAt}`,
    addedAt: item.addedAt,
    updatedAt: item.updatedAt,
  };
  if (item.type === 'collection') {
    out.key = `/library/collections/${item.ratingKey}/children`;
    out.subtype = item.subtype ?? 'movie';
    out.childCount = item.childKeys.length;
    out.index = item.index ?? 0;
    out.smart = item.smart ? 1 : 0;
    out.librarySectionID = item.sectionId;
    return out;
  }
  if (item.year !== undefined) out.year = item.year;
  if (item.studio) out.studio = item.studio;
  if (item.contentRating) out.contentRating = item.contentRating;
  if (item.rating !== undefined) out.rating = item.rating;
  if (item.audienceRating !== undefined) out.audienceRating = item.audienceRating;
  if (item.tagline) out.tagline = item.tagline;
  if (item.originallyAvailableAt) out.originallyAvailableAt = item.originallyAvailableAt;
  if (item.media) out.duration = item.media.duration;
  if (item.viewCount !== undefined) out.viewCount = item.viewCount;
  if (item.lastViewedAt !== undefined) out.lastViewedAt = item.lastViewedAt;
  if (item.index !== undefined) out.index = item.index;

  if (item.type === 'show') {
    const seasons = library.children(item.ratingKey);
    const episodes = seasons.reduce((sum, season) => sum + season.childKeys.length, 0);
    out.childCount = seasons.length;
    out.leafCount = episodes;
    out.viewedLeafCount = 0;
  }
  if (item.type === 'season' || item.type === 'episode') {
    const parent = item.parentKey ? library.get(item.parentKey) : undefined;
    if (parent) {
      out.parentRatingKey = parent.ratingKey;
      out.parentKey = `/library/metadata/${parent.ratingKey}`;
      out.parentTitle = parent.title;
      out.parentGuid = parent.guid;
      out.parentThumb = thumbPath(parent);
      if (parent.index !== undefined) out.parentIndex = parent.index;
    }
    if (item.type === 'season') {
      out.leafCount = item.childKeys.length;
      out.viewedLeafCount = 0;
    }
  }
  if (item.type === 'episode' && item.grandparentKey) {
    const show = library.get(item.grandparentKey);
    if (show) {
      out.grandparentRatingKey = show.ratingKey;
      out.grandparentKey = `/library/metadata/${show.ratingKey}`;
      out.grandparentTitle = show.title;
      out.grandparentGuid = show.guid;
      out.grandparentThumb = thumbPath(show);
    }
  }
  const m = media(item, options.detail ?? false);
  if (m) out.Media = m;
  if (item.genres.length) out.Genre = tags(item.genres);
  if (item.directors.length) out.Director = tags(item.directors);
  if (item.writers.length) out.Writer = tags(item.writers);
  if (item.countries.length) out.Country = tags(item.countries);
  if (item.roles.length) {
    out.Role = options.detail
      ? item.roles.map((tag, i) => ({ id: Number(item.ratingKey) * 10 + i, tag, role: `Character ${i + 1}`, thumb: `/library/people/${i}/thumb` }))
      : tags(item.roles);
  }
  if (options.includeGuids || options.detail) {
    const ids = guids(item);
    if (ids.length) out.Guid = ids;
  }
  if (options.detail) {
    out.Image = [
      { type: 'coverPoster', url: thumbPath(item), alt: item.title },
      { type: 'background', url: out.art, alt: item.title },
    ];
  }
  if (options.withSection || options.detail) {
    const section = library.section(item.sectionId);
    out.librarySectionID = item.sectionId;
    out.librarySectionTitle = section?.title ?? '';
    out.librarySectionUUID = section?.uuid ?? '';
    out.librarySectionKey = `/library/sections/${item.sectionId}`;
  }
  return out;
}

export function renderSection(section: PlexSection): PlexObject {
  return {
    allowSync: true,
    art: `/:/resources/${section.type}-fanart.jpg`,
    composite: `/library/sections/${section.id}/composite/${section.updatedAt}`,
    filters: true,
    refreshing: false,
    thumb: `/:/resources/${section.type}.png`,
    key: String(section.id),
    type: section.type,
    title: section.title,
    agent: section.agent,
    scanner: section.scanner,
    language: section.language,
    uuid: section.uuid,
    updatedAt: section.updatedAt,
    createdAt: section.createdAt,
    scannedAt: section.scannedAt,
    content: true,
    directory: true,
    contentChangedAt: section.updatedAt - section.createdAt,
    hidden: 0,
    Location: section.locations.map((path, i) => ({ id: section.id * 10 + i, path })),
  };
}

export function typeNumber(item: PlexItem): number {
  return TYPE_NUMBER[item.type];
}
