import type { LibraryItem, LibrarySections, RecentlyAdded } from '@medianest/contracts';
import type { ResponseCache } from '../../integrations/http/index.js';
import type { PlexImage, PlexLibraryClient, PlexLibraryItem, PlexLibrarySection } from '../../integrations/plex/index.js';
import { AppError } from '../../platform/http/errors.js';

/** The configured Plex server: its address and the token MediaNest uses on it (from the auth context). */
export interface LibraryPlexServer {
  get(): Promise<{ url: string } | undefined>;
  token(): Promise<string | undefined>;
}

export interface LibraryServiceDeps {
  server: LibraryPlexServer;
  plex: PlexLibraryClient;
  sectionsCache: ResponseCache<PlexLibrarySection[]>;
  recentCache: ResponseCache<PlexLibraryItem[]>;
  /** ratingKey → the artwork path the server gave for it (so a poster costs one call, not two). */
  thumbsCache: ResponseCache<string | null>;
}

const POSTER_RATIO = 1.5;

function posterPath(ratingKey: string): string {
  return `/api/v1/library/items/${ratingKey}/poster`;
}

function view(item: PlexLibraryItem): LibraryItem {
  const { thumb, ...rest } = item;
  return { ...rest, poster: thumb ? posterPath(item.ratingKey) : null };
}

/**
 * The Plex library as MediaNest shows it: sections, recently added and posters. Answers come through
 * response caches, so a Plex outage shows the last known library flagged stale instead of an error.
 */
export class LibraryService {
  constructor(private readonly deps: LibraryServiceDeps) {}

  private async server(): Promise<{ url: string; token: string }> {
    const [server, token] = await Promise.all([this.deps.server.get(), this.deps.server.token()]);
    if (!server || !token) {
      throw new AppError('SETUP_REQUIRED', 'No Plex server is configured yet. An administrator sets it up in the setup wizard.');
    }
    return { url: server.url, token };
  }

  async sections(): Promise<LibrarySections> {
    const { url, token } = await this.server();
    const cached = await this.deps.sectionsCache.get(url, () => this.deps.plex.sections(url, token));
    return { sections: cached.data, stale: cached.stale, ageMs: cached.ageMs };
  }

  async recent(options: { section?: string | undefined; limit: number }): Promise<RecentlyAdded> {
    const { url, token } = await this.server();
    const key = `${url}|${options.section ?? 'all'}|${options.limit}`;
    const cached = await this.deps.recentCache.get(key, async () => {
      const items = await this.deps.plex.recentlyAdded(url, token, { limit: options.limit, ...(options.section ? { sectionId: options.section } : {}) });
      // Remember each item's artwork (once per answer from Plex) so that its poster needs one call, not two.
      await Promise.all(items.map((item) => this.deps.thumbsCache.put(`${url}|${item.ratingKey}`, item.thumb)));
      return items;
    });
    return { items: cached.data.map(view), stale: cached.stale, ageMs: cached.ageMs };
  }

  /** The poster of an item, by rating key; the artwork path always comes from the server, never the caller. */
  async poster(ratingKey: string, width: number): Promise<PlexImage> {
    const { url, token } = await this.server();
    const thumbs = await this.deps.thumbsCache.get(`${url}|${ratingKey}`, async () => (await this.deps.plex.item(url, token, ratingKey)).thumb);
    if (!thumbs.data) throw new AppError('NOT_FOUND', 'This item has no poster.');
    return this.deps.plex.image(url, token, thumbs.data, { width, height: Math.round(width * POSTER_RATIO) });
  }
}
