import type { Handler, SimRequest, SimResponse } from '../core/sim-server.js';

export type RouteFn = (pattern: string, handler: Handler) => void;
import { TYPE_NUMBER, type PlexItem, type PlexItemType, type PlexLibrary } from './library.js';
import { container, page, plexError } from './pms-http.js';
import { renderItem, renderSection, type PlexObject } from './render.js';

const TYPE_BY_NUMBER = Object.fromEntries(Object.entries(TYPE_NUMBER).map(([k, v]) => [String(v), k])) as Record<string, PlexItemType>;

type Comparable = string | number;
const SORT_FIELDS: Record<string, (item: PlexItem) => Comparable> = {
  addedAt: (i) => i.addedAt,
  updatedAt: (i) => i.updatedAt,
  title: (i) => i.title.toLowerCase(),
  titleSort: (i) => i.title.toLowerCase().replace(/^(the|a|an) /, ''),
  year: (i) => i.year ?? 0,
  originallyAvailableAt: (i) => i.originallyAvailableAt ?? '',
  rating: (i) => i.rating ?? 0,
  audienceRating: (i) => i.audienceRating ?? 0,
  lastViewedAt: (i) => i.lastViewedAt ?? 0,
};

/** `type`, `title`, `year`, `unwatched`, `addedAt>>=`/`addedAt<<=` and `sort=field[:desc]`, as PMS filters. */
function filterAndSort(items: PlexItem[], query: Record<string, string>): PlexItem[] {
  let out = items;
  if (query.title) {
    const q = query.title.toLowerCase();
    out = out.filter((i) => i.title.toLowerCase().includes(q));
  }
  if (query.year) out = out.filter((i) => String(i.year) === query.year);
  if (query.unwatched === '1') out = out.filter((i) => !i.viewCount);
  for (const field of ['addedAt', 'updatedAt'] as const) {
    const min = query[`${field}>>`];
    const max = query[`${field}<<`];
    if (min !== undefined) out = out.filter((i) => i[field] >= Number(min));
    if (max !== undefined) out = out.filter((i) => i[field] <= Number(max));
  }
  if (query.sort) {
    const [field = '', direction] = query.sort.split(':');
    const key = SORT_FIELDS[field];
    if (key) {
      const sign = direction === 'desc' ? -1 : 1;
      out = [...out].sort((a, b) => {
        const ka = key(a);
        const kb = key(b);
        return (ka < kb ? -1 : ka > kb ? 1 : 0) * sign || Number(a.ratingKey) - Number(b.ratingKey);
      });
    }
  }
  return out;
}

function items(library: PlexLibrary, req: SimRequest, list: PlexItem[], fields: PlexObject, withSection = false): SimResponse {
  const paged = page(req, list);
  const includeGuids = req.query.includeGuids === '1';
  const metadata = paged.slice.map((item) => renderItem(library, item, { includeGuids, withSection }));
  return container(req, { ...fields, ...paged.fields, ...(metadata.length ? { Metadata: metadata } : {}) }, paged.headers);
}

/** Browsing routes: sections, section contents, metadata, children, recently added, search, collections. */
export function registerLibraryRoutes(route: RouteFn, library: PlexLibrary, machineIdentifier: string): void {
  // `/library/sections` (what Overseerr calls) sends `hidden: 0`; the new spec's `/library/sections/all` types it boolean.
  const sectionsList = (hiddenAsBoolean: boolean) => (req: SimRequest) =>
    container(req, {
      size: library.sections.length,
      allowSync: false,
      title1: 'Plex Library',
      Directory: library.sections.map((s) => ({ ...renderSection(s), hidden: hiddenAsBoolean ? false : 0 })),
    });
  route('GET /library/sections', sectionsList(false));
  route('GET /library/sections/all', sectionsList(true));

  route('GET /library/sections/{id}', (req) => {
    const section = library.section(req.params.id!);
    if (!section) return plexError(404, 'Not Found');
    return container(req, { size: 1, ...renderSection(section), librarySectionID: section.id, title1: section.title });
  });

  route('GET /library/sections/{id}/all', (req) => {
    const section = library.section(req.params.id!);
    if (!section) return plexError(404, 'Not Found');
    const type = req.query.type ? TYPE_BY_NUMBER[req.query.type] : undefined;
    if (req.query.type && !type) return plexError(400, 'Bad Request');
    const list = filterAndSort(library.sectionItems(section.id, type), req.query);
    return items(library, req, list, {
      allowSync: true,
      art: `/:/resources/${section.type}-fanart.jpg`,
      identifier: 'com.plexapp.plugins.library',
      librarySectionID: section.id,
      librarySectionTitle: section.title,
      librarySectionUUID: section.uuid,
      mediaTagPrefix: '/system/bundle/media/flags/',
      mediaTagVersion: 1716000000,
      thumb: `/:/resources/${section.type}.png`,
      title1: section.title,
      title2: 'All',
      viewGroup: type ?? section.type,
    });
  });

  route('GET /library/sections/{id}/recentlyAdded', (req) => {
    const section = library.section(req.params.id!);
    if (!section) return plexError(404, 'Not Found');
    return items(library, req, library.recentlyAdded(section.id), {
      allowSync: true,
      art: `/:/resources/${section.type}-fanart.jpg`,
      identifier: 'com.plexapp.plugins.library',
      librarySectionID: section.id,
      mediaTagPrefix: '/system/bundle/media/flags/',
      mediaTagVersion: 1716000000,
      thumb: `/:/resources/${section.type}.png`,
      title1: section.title,
      title2: 'Recently Added',
      viewGroup: section.type === 'movie' ? 'movie' : 'episode',
    }, true);
  });

  route('GET /library/recentlyAdded', (req) =>
    items(library, req, library.recentlyAdded(), { allowSync: true, identifier: 'com.plexapp.plugins.library', mixedParents: true, title1: 'Recently Added' }, true),
  );

  route('GET /library/metadata/{ids}', (req) => {
    const found = req.params.ids!.split(',').map((key) => library.get(key.trim())).filter((i): i is PlexItem => i !== undefined);
    if (found.length === 0) return plexError(404, 'Not Found');
    return container(req, {
      size: found.length,
      allowSync: true,
      identifier: 'com.plexapp.plugins.library',
      librarySectionID: found[0]!.sectionId,
      librarySectionTitle: library.section(found[0]!.sectionId)?.title ?? '',
      librarySectionUUID: library.section(found[0]!.sectionId)?.uuid ?? '',
      Metadata: found.map((item) => renderItem(library, item, { detail: true })),
    });
  });

  const childrenOf = (kind: 'children' | 'allLeaves') => (req: SimRequest) => {
    const parent = library.get(req.params.ids!);
    if (!parent) return plexError(404, 'Not Found');
    const list = kind === 'children' ? library.children(parent.ratingKey) : library.leaves(parent.ratingKey);
    const section = library.section(parent.sectionId);
    const fields: PlexObject = {
      allowSync: true,
      identifier: 'com.plexapp.plugins.library',
      key: parent.ratingKey,
      librarySectionID: parent.sectionId,
      librarySectionTitle: section?.title ?? '',
      librarySectionUUID: section?.uuid ?? '',
      parentTitle: parent.title,
      title1: section?.title ?? '',
      title2: parent.title,
      viewGroup: list[0]?.type ?? 'season',
    };
    if (parent.index !== undefined) fields.parentIndex = parent.index;
    if (parent.year !== undefined) fields.parentYear = parent.year;
    return items(library, req, list, fields);
  };
  route('GET /library/metadata/{ids}/children', childrenOf('children'));
  route('GET /library/metadata/{ids}/allLeaves', childrenOf('allLeaves'));

  route('GET /hubs/search', (req) => {
    const query = req.query.query;
    if (!query) return plexError(400, 'Bad Request');
    const limit = Number(req.query.limit ?? 3) || 3;
    const sectionId = req.query.sectionId ? Number(req.query.sectionId) : undefined;
    if (sectionId !== undefined && !library.section(sectionId)) return plexError(404, 'Not Found');
    const hits = library.search(query, sectionId);
    const hubs = (['movie', 'show', 'episode'] as const).map((type) => {
      const ofType = hits.filter((item) => item.type === type);
      const shown = ofType.slice(0, limit).map((item) => renderItem(library, item, { withSection: true }));
      const hub: PlexObject = {
        title: { movie: 'Movies', show: 'Shows', episode: 'Episodes' }[type],
        type,
        hubIdentifier: type,
        context: '',
        size: shown.length,
        more: ofType.length > shown.length,
        style: 'shelf',
      };
      if (shown.length) hub.Metadata = shown;
      return hub;
    });
    return container(req, { size: hubs.length, Hub: hubs });
  });

  registerCollectionRoutes(route, library, machineIdentifier);
}

function keysFromUri(uri: string | undefined): string[] {
  if (!uri) return [];
  const match = /\/library\/metadata\/([\d,]+)/.exec(decodeURIComponent(uri));
  return match ? match[1]!.split(',').filter(Boolean) : [];
}

function registerCollectionRoutes(route: RouteFn, library: PlexLibrary, machineIdentifier: string): void {
  route('GET /library/sections/{id}/collections', (req) => {
    const section = library.section(req.params.id!);
    if (!section) return plexError(404, 'Not Found');
    return items(library, req, library.sectionCollections(section.id), { allowSync: false, librarySectionID: section.id, title1: section.title, title2: 'Collections', viewGroup: 'secondary' });
  });

  const collection = (req: SimRequest) => {
    const item = library.get(req.params.id!);
    return item?.type === 'collection' ? item : undefined;
  };
  route('GET /library/collections/{id}', (req) => {
    const item = collection(req);
    if (!item) return plexError(404, 'Not Found');
    return container(req, { size: 1, librarySectionID: item.sectionId, Metadata: [renderItem(library, item)] });
  });
  const collectionItems = (req: SimRequest) => {
    const item = collection(req);
    if (!item) return plexError(404, 'Not Found');
    return items(library, req, library.children(item.ratingKey), { title1: item.title, librarySectionID: item.sectionId });
  };
  route('GET /library/collections/{id}/children', collectionItems);
  route('GET /library/collections/{id}/items', collectionItems);

  route('POST /library/collections', (req) => {
    const section = library.section(req.query.sectionId ?? '');
    const smart = req.query.smart === '1';
    if (!section || !req.query.title || (smart && !req.query.uri)) return plexError(400, 'Bad Request');
    const members = keysFromUri(req.query.uri).filter((k) => library.get(k));
    const now = Math.floor(Date.now() / 1000);
    const created = library.add({ type: 'collection', sectionId: section.id, subtype: section.type, title: req.query.title, summary: '', addedAt: now, smart, index: 0, guid: `collection://${machineIdentifier.slice(0, 8)}-${now}` });
    created.childKeys.push(...members);
    return container(req, { size: 1, Metadata: [renderItem(library, created)] });
  });

  route('PUT /library/collections/{id}/items', (req) => {
    const item = collection(req);
    if (!item) return plexError(404, 'Not Found');
    for (const key of keysFromUri(req.query.uri)) if (library.get(key) && !item.childKeys.includes(key)) item.childKeys.push(key);
    item.updatedAt = Math.floor(Date.now() / 1000);
    return container(req, { size: 1, Metadata: [renderItem(library, item)] });
  });

  route('DELETE /library/sections/{sectionId}/collection/{id}', (req) => {
    const item = collection(req);
    if (!item || item.sectionId !== Number(req.params.sectionId)) return plexError(404, 'Not Found');
    library.remove(item.ratingKey);
    return { status: 200, headers: { 'Content-Type': 'text/html' }, body: '' };
  });
}
