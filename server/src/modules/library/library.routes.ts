import { getLibrarySections, getPoster, getRecentlyAdded } from '@medianest/contracts';
import type { ApiRouter } from '../../platform/http/router.js';
import type { LibraryService } from './library.service.js';

export function registerLibraryRoutes(router: ApiRouter, library: LibraryService): void {
  router.handle(getLibrarySections, () => library.sections());
  router.handle(getRecentlyAdded, ({ query }) => library.recent({ section: query.section, limit: query.limit }));
  router.handle(getPoster, async ({ params, query, res }) => {
    const image = await library.poster(params.ratingKey, query.w);
    // Private: the poster is behind sign-in. A day is long enough to make scrolling free, short enough for new art.
    res.status(200).set({ 'Content-Type': image.contentType, 'Cache-Control': 'private, max-age=86400' }).end(image.bytes);
    return undefined as never;
  });
}
