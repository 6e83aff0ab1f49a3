import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';

const tags = ['Library'] as const;

export const LibrarySection = z
  .object({
    id: z.string(),
    title: z.string(),
    /** Plex's section type: `movie`, `show`, `artist`, `photo`. */
    type: z.string(),
  })
  .meta({ id: 'LibrarySection' });
export type LibrarySection = z.infer<typeof LibrarySection>;

export const LibraryItem = z
  .object({
    ratingKey: z.string(),
    /** Plex's item type: `movie`, `show`, `season`, `episode`, … */
    type: z.string(),
    title: z.string(),
    /** The show for an episode ("Show · S1 E2"), the year for a film; null when Plex has neither. */
    subtitle: z.string().nullable(),
    year: z.number().nullable(),
    addedAt: z.string().nullable(),
    sectionId: z.string().nullable(),
    /** MediaNest's own poster address for this item (`/api/v1/library/items/{ratingKey}/poster`), or null. */
    poster: z.string().nullable(),
  })
  .meta({ id: 'LibraryItem' });
export type LibraryItem = z.infer<typeof LibraryItem>;

const Freshness = {
  /** True when Plex could not be reached and this is the last answer it gave. */
  stale: z.boolean(),
  /** How old the answer is, in milliseconds. */
  ageMs: z.number(),
};

export const LibrarySections = z.object({ sections: z.array(LibrarySection), ...Freshness }).meta({ id: 'LibrarySections' });
export type LibrarySections = z.infer<typeof LibrarySections>;

export const RecentlyAdded = z.object({ items: z.array(LibraryItem), ...Freshness }).meta({ id: 'RecentlyAdded' });
export type RecentlyAdded = z.infer<typeof RecentlyAdded>;

export const getLibrarySections = defineEndpoint({
  method: 'get',
  path: '/library/sections',
  summary: 'The libraries of the Plex server',
  description: 'When Plex is down: the last known list flagged stale, or UPSTREAM_UNAVAILABLE. SETUP_REQUIRED before a Plex server is configured.',
  tags,
  access: { kind: 'user' },
  responses: { 200: LibrarySections },
});

export const getRecentlyAdded = defineEndpoint({
  method: 'get',
  path: '/library/recent',
  summary: 'Recently added items, newest first, in one library or all',
  tags,
  access: { kind: 'user' },
  query: z.object({
    section: z
      .string()
      .regex(/^\d{1,9}$/, 'Use a library id from /library/sections.')
      .optional(),
    limit: z.coerce.number().int().min(1).max(60).default(24),
  }),
  responses: { 200: RecentlyAdded },
});

export const POSTER_WIDTHS = [160, 240, 360] as const;

export const getPoster = defineEndpoint({
  method: 'get',
  path: '/library/items/:ratingKey/poster',
  summary: "An item's poster, resized by the Plex server (an image, not JSON)",
  description:
    'MediaNest fetches the artwork the Plex server names for this item; the browser never learns the server address or token. Cached privately for a day.',
  tags,
  access: { kind: 'user' },
  params: z.object({ ratingKey: z.string().regex(/^\d{1,12}$/, 'A Plex rating key is a number.') }),
  query: z.object({
    w: z.coerce
      .number()
      .int()
      .refine((w) => (POSTER_WIDTHS as readonly number[]).includes(w), `Use one of the widths ${POSTER_WIDTHS.join(', ')}.`)
      .default(240),
  }),
  responses: { 200: z.string().meta({ description: 'The image (image/jpeg or image/png).', format: 'binary' }) },
});
