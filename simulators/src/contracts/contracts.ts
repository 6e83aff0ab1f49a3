import { OpenApiContract, type Erratum } from './openapi.js';

const STRING_IDS = 'PMS sends these ids as strings (upstream-apis.md §1.1); the legacy spec types them as numbers';

/** Where the saved Plex specs disagree with what Plex Media Server really does. */
export const PLEX_ERRATA: Erratum[] = [
  { operation: 'get-recently-added-library', where: 'request', match: /^query parameter "type" is required$/, reason: 'PMS lists every type without it (upstream-apis.md §1.6)' },
  { operation: 'get-recently-added-library', where: 'response', match: /\/(ratingKey|videoResolution|parentRatingKey|grandparentRatingKey) must be number$/, reason: STRING_IDS },
  { operation: 'get-library-items', where: 'request', match: /^query parameter "type" is required$/, reason: 'PMS lists every type without it (upstream-apis.md §1.6)' },
  {
    operation: 'get-library-items', where: 'response', match: /must have required property '(content|nocache|slug|banner|titleSort|theme|seasonCount|childCount|tagline|rating|audienceRating|index|duration|id|summary)'$/,
    reason: 'the legacy get-library-items schema marks fields required that PMS omits for some item types (a movie has no seasonCount, a tag no id)',
  },
  { operation: 'get-library-items', where: 'response', match: /\/(ratingKey|videoResolution|parentRatingKey|grandparentRatingKey) must be number$/, reason: STRING_IDS },
  { operation: 'get-recently-added-library', where: 'response', match: /\/originallyAvailableAt must match format "date-time"$/, reason: 'PMS sends a date, YYYY-MM-DD (upstream-apis.md §1.5)' },
  { operation: 'get-library-items', where: 'response', match: /\/originallyAvailableAt must match format "date-time"$/, reason: 'PMS sends a date, YYYY-MM-DD (upstream-apis.md §1.5)' },
  { operation: 'listSessions', where: 'response', match: /\/(Media\/\d+|Part\/\d+)\/id must be integer$/, reason: '/status/sessions sends Media and Part ids as strings (upstream-apis.md §1.1)' },
];

/**
 * Plex Media Server and plex.tv: the current spec first, then the legacy one (which alone documents
 * `/api/v2/pins`, `/api/v2/friends`, `/library/sections`, `/library/recentlyAdded` and `/children`).
 * `X-Plex-*` header parameters may be sent as query parameters, as Plex allows. A collection's
 * `/children` is the route the new spec calls `/items`, and a collection's own metadata is documented
 * under `/library/metadata/{id}`.
 */
export const plexContract = new OpenApiContract('plex', ['plex-api-spec.yaml', 'plex-api-spec-legacy-dereferenced.yaml'], {
  headerParamsAlsoInQuery: /^X-Plex-/i,
  errata: PLEX_ERRATA,
  aliases: [
    [/^\/library\/collections\/([^/]+)\/children$/, '/library/collections/$1/items'],
    [/^\/library\/collections\/([^/]+)$/, '/library/metadata/$1'],
  ],
});

/** Overseerr's own OpenAPI file (`/api/v1`). */
export const overseerrContract = new OpenApiContract('overseerr', ['overseerr-api.yml']);
