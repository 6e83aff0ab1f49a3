import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import type { Upstream } from '../http/index.js';
import { expectPlexOk, parseJson, plexHeaders, type PlexClientIdentity } from '../plextv/plex-http.js';
import { plexUrl } from './plex.client.js';

const idString = z.union([z.string(), z.number()]).transform(String);

const SectionsSchema = z.object({
  MediaContainer: z.object({
    Directory: z.array(z.object({ key: idString, title: z.string(), type: z.string() })).nullish(),
  }),
});

const MetadataItemSchema = z.object({
  ratingKey: idString,
  type: z.string(),
  title: z.string(),
  year: z.number().nullish(),
  thumb: z.string().nullish(),
  addedAt: z.number().nullish(),
  librarySectionID: idString.nullish(),
  /** Episodes and seasons: the show. */
  grandparentTitle: z.string().nullish(),
  grandparentThumb: z.string().nullish(),
  parentTitle: z.string().nullish(),
  parentThumb: z.string().nullish(),
  parentIndex: z.number().nullish(),
  index: z.number().nullish(),
});

const MetadataSchema = z.object({
  MediaContainer: z.object({ size: z.number().nullish(), Metadata: z.array(MetadataItemSchema).nullish() }),
});

export interface PlexLibrarySection {
  id: string;
  title: string;
  type: string;
}

/** One item as the library pages show it. `thumb` is the server's own path, never sent to a browser. */
export interface PlexLibraryItem {
  ratingKey: string;
  type: string;
  title: string;
  /** The show for an episode or season; the year for a film. */
  subtitle: string | null;
  year: number | null;
  addedAt: string | null;
  sectionId: string | null;
  thumb: string | null;
}

export interface PlexImage {
  bytes: Buffer;
  contentType: string;
}

const SERVICE = 'Plex Media Server';
/** Only images the server itself names: its library artwork. */
const THUMB_PATH = /^\/library\/(metadata|collections)\/\d+\/(thumb|art)\/\d+$/;

function toItem(raw: z.output<typeof MetadataItemSchema>): PlexLibraryItem {
  const episode = raw.type === 'episode' && raw.grandparentTitle;
  const season = raw.type === 'season' && raw.parentTitle;
  return {
    ratingKey: raw.ratingKey,
    type: raw.type,
    title: raw.title,
    subtitle: episode
      ? `${raw.grandparentTitle} · S${raw.parentIndex ?? '?'} E${raw.index ?? '?'}`
      : season
        ? (raw.parentTitle ?? null)
        : raw.year
          ? String(raw.year)
          : null,
    year: raw.year ?? null,
    addedAt: raw.addedAt ? new Date(raw.addedAt * 1000).toISOString() : null,
    sectionId: raw.librarySectionID ?? null,
    // An episode's own thumb is a video still; its show's poster reads better in a grid of posters.
    thumb: (episode ? (raw.grandparentThumb ?? raw.thumb) : season ? (raw.parentThumb ?? raw.thumb) : raw.thumb) ?? null,
  };
}

/** The library of a Plex Media Server: sections, recently added, and poster images, through the PMS upstream. */
export class PlexLibraryClient {
  constructor(
    private readonly upstream: Upstream,
    private readonly identity: () => PlexClientIdentity,
  ) {}

  private async get(operation: string, baseUrl: string, path: string, token: string, binary = false) {
    const response = await this.upstream.send({
      operation,
      url: plexUrl(baseUrl, path),
      headers: { ...plexHeaders(this.identity(), token), ...(binary ? { Accept: 'image/*' } : {}) },
      ...(binary ? { binary: true } : {}),
    });
    if (response.status === 404) throw new AppError('NOT_FOUND', 'Plex has no such item any more.');
    expectPlexOk(SERVICE, response);
    return response;
  }

  /** `GET /library/sections`. */
  async sections(baseUrl: string, token: string): Promise<PlexLibrarySection[]> {
    const response = await this.get('librarySections', baseUrl, 'library/sections', token);
    const body = parseJson(this.upstream, 'librarySections', response.text, SectionsSchema);
    return (body.MediaContainer.Directory ?? []).map((d) => ({ id: d.key, title: d.title, type: d.type }));
  }

  /** `GET /library/recentlyAdded` or `/library/sections/{id}/recentlyAdded`, newest first. */
  async recentlyAdded(baseUrl: string, token: string, options: { sectionId?: string; limit: number }): Promise<PlexLibraryItem[]> {
    const path = options.sectionId
      ? `library/sections/${encodeURIComponent(options.sectionId)}/recentlyAdded`
      : 'library/recentlyAdded';
    const url = `${path}?X-Plex-Container-Start=0&X-Plex-Container-Size=${options.limit}`;
    const response = await this.get('recentlyAdded', baseUrl, url, token);
    const body = parseJson(this.upstream, 'recentlyAdded', response.text, MetadataSchema);
    return (body.MediaContainer.Metadata ?? []).slice(0, options.limit).map(toItem);
  }

  /** `GET /library/metadata/{ratingKey}`: one item. */
  async item(baseUrl: string, token: string, ratingKey: string): Promise<PlexLibraryItem> {
    const response = await this.get('metadata', baseUrl, `library/metadata/${encodeURIComponent(ratingKey)}`, token);
    const body = parseJson(this.upstream, 'metadata', response.text, MetadataSchema);
    const first = body.MediaContainer.Metadata?.[0];
    if (!first) throw new AppError('NOT_FOUND', 'Plex has no such item any more.');
    return toItem(first);
  }

  /** `GET /photo/:/transcode`: the item's artwork resized by the server. Only library artwork paths are fetched. */
  async image(baseUrl: string, token: string, thumb: string, size: { width: number; height: number }): Promise<PlexImage> {
    if (!THUMB_PATH.test(thumb.split('?')[0] ?? '')) {
      throw new AppError('NOT_FOUND', 'This item has no poster.');
    }
    const query = new URLSearchParams({
      url: thumb,
      width: String(size.width),
      height: String(size.height),
      minSize: '1',
      upscale: '1',
    });
    const response = await this.get('photo', baseUrl, `photo/:/transcode?${query.toString()}`, token, true);
    const contentType = response.headers.get('content-type') ?? '';
    if (!contentType.startsWith('image/') || !response.bytes) {
      throw new AppError('UPSTREAM_BAD_RESPONSE', `${SERVICE} sent something that is not an image.`, { service: SERVICE, operation: 'photo' });
    }
    return { bytes: response.bytes, contentType };
  }
}
