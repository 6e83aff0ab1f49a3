import { z } from 'zod';

/**
 * zod schemas for the upstreams without an OpenAPI file, written from upstream-apis.md (Uptime Kuma's
 * source, TMDB's typed responses, yt-dlp's info-dict spec). Objects are loose: upstreams add fields.
 */

// ── Uptime Kuma ─────────────────────────────────────────────────────────────
const kumaMonitor = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  sendUrl: z.union([z.literal(0), z.literal(1), z.boolean()]),
  type: z.string(),
  url: z.string().optional(),
  tags: z.array(z.looseObject({ name: z.string(), color: z.string(), value: z.string().nullable() })).optional(),
  certExpiryDaysRemaining: z.number().optional(),
  validCert: z.boolean().optional(),
});
const kumaGroup = z.looseObject({ id: z.number().int(), name: z.string(), weight: z.number(), monitorList: z.array(kumaMonitor) });
const kumaIncident = z.looseObject({
  id: z.number().int(),
  style: z.string(),
  title: z.string(),
  content: z.string(),
  pin: z.boolean(),
  createdDate: z.string(),
  lastUpdatedDate: z.string().nullable(),
});
const kumaConfig = z.looseObject({ slug: z.string(), title: z.string(), description: z.string().nullable(), published: z.boolean() });

/** `GET /api/status-page/{slug}`: 2.x has `incidents[]`, 1.23 a single `incident` (or null); a client accepts both. */
export const kumaStatusPageSchema = z.union([
  z.looseObject({ config: kumaConfig, incidents: z.array(kumaIncident), publicGroupList: z.array(kumaGroup), maintenanceList: z.array(z.unknown()) }),
  z.looseObject({ config: kumaConfig, incident: kumaIncident.nullable(), publicGroupList: z.array(kumaGroup), maintenanceList: z.array(z.unknown()) }),
]);

/** `GET /api/status-page/heartbeat/{slug}`: beats per monitor id (oldest first), 24 h uptime per `<id>_24`. */
export const kumaHeartbeatSchema = z.object({
  heartbeatList: z.record(
    z.string().regex(/^\d+$/),
    z.array(z.looseObject({
      status: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
      time: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{3})?$/),
      msg: z.string(),
      ping: z.number().nullable(),
    })),
  ),
  uptimeList: z.record(z.string().regex(/^\d+_\d+$/), z.number().min(0).max(1)),
});

export const kumaErrorSchema = z.object({ status: z.literal('fail'), msg: z.string() });

/** `/metrics` lines for monitors: `monitor_status{…} 1`. */
export const kumaMetricLineSchema = z
  .string()
  .regex(/^monitor_(status|response_time|cert_days_remaining|cert_is_valid|uptime_ratio|response_time_seconds)\{([a-z_]+="[^"]*",?)+\} -?[\d.]+$/);

// ── TMDB v3 ─────────────────────────────────────────────────────────────────
const tmdbMovieItem = z.looseObject({
  id: z.number().int(), title: z.string(), original_title: z.string(), overview: z.string(), poster_path: z.string().nullable(),
  backdrop_path: z.string().nullable().optional(), release_date: z.string(), genre_ids: z.array(z.number()).optional(), adult: z.boolean(),
  popularity: z.number(), vote_average: z.number(), vote_count: z.number(), media_type: z.literal('movie').optional(),
});
const tmdbTvItem = z.looseObject({
  id: z.number().int(), name: z.string(), original_name: z.string(), overview: z.string(), poster_path: z.string().nullable(),
  first_air_date: z.string(), origin_country: z.array(z.string()), popularity: z.number(), vote_average: z.number(),
  media_type: z.literal('tv').optional(),
});
const tmdbPersonItem = z.looseObject({
  id: z.number().int(), name: z.string(), media_type: z.literal('person'), popularity: z.number(), profile_path: z.string().nullable(),
  known_for: z.array(z.looseObject({ id: z.number(), media_type: z.string() })),
});
export const tmdbPagedSchema = <T extends z.ZodType>(item: T) =>
  z.object({ page: z.number().int().min(1), results: z.array(item), total_pages: z.number().int(), total_results: z.number().int() });
export const tmdbSearchMultiSchema = tmdbPagedSchema(z.union([tmdbMovieItem.extend({ media_type: z.literal('movie') }), tmdbTvItem.extend({ media_type: z.literal('tv') }), tmdbPersonItem]));
export const tmdbTrendingSchema = tmdbSearchMultiSchema;
export const tmdbMovieSchema = tmdbMovieItem.extend({
  imdb_id: z.string().nullable(), runtime: z.number().nullable(), status: z.string(), tagline: z.string().nullable(),
  genres: z.array(z.object({ id: z.number(), name: z.string() })),
  belongs_to_collection: z.looseObject({ id: z.number(), name: z.string() }).nullable(),
  credits: z.looseObject({ cast: z.array(z.looseObject({ id: z.number(), name: z.string() })), crew: z.array(z.looseObject({ id: z.number(), name: z.string(), job: z.string() })) }).optional(),
  external_ids: z.looseObject({ imdb_id: z.string().nullable() }).optional(),
});
export const tmdbTvSchema = tmdbTvItem.extend({
  number_of_seasons: z.number().int(), number_of_episodes: z.number().int(), status: z.string(),
  genres: z.array(z.object({ id: z.number(), name: z.string() })),
  seasons: z.array(z.looseObject({ id: z.number(), season_number: z.number().int(), episode_count: z.number().int(), name: z.string() })),
  next_episode_to_air: z.looseObject({ id: z.number() }).nullable(),
  external_ids: z.looseObject({ tvdb_id: z.number().nullable(), imdb_id: z.string().nullable() }).optional(),
});
export const tmdbConfigurationSchema = z.looseObject({
  images: z.looseObject({ base_url: z.string(), secure_base_url: z.string(), poster_sizes: z.array(z.string()), backdrop_sizes: z.array(z.string()) }),
});
export const tmdbErrorSchema = z.object({ success: z.literal(false), status_code: z.number().int(), status_message: z.string() });

// ── yt-dlp ──────────────────────────────────────────────────────────────────
const ytDate = z.string().regex(/^\d{8}$/);
const ytVersion = z.looseObject({ version: z.string(), repository: z.string() });
export const ytDlpFlatEntrySchema = z.looseObject({
  _type: z.literal('url'), ie_key: z.string(), id: z.string(), url: z.string(), title: z.string(),
  duration: z.number().nullable(), channel: z.string().nullable().optional(), channel_id: z.string().nullable().optional(),
  live_status: z.enum(['is_live', 'is_upcoming', 'was_live']).nullable().optional(),
});
/** `yt-dlp -J --flat-playlist <playlist>` */
export const ytDlpFlatPlaylistSchema = z.looseObject({
  _type: z.literal('playlist'), id: z.string(), title: z.string(), entries: z.array(ytDlpFlatEntrySchema),
  playlist_count: z.number().int().nullable().optional(), channel: z.string().nullable().optional(),
  webpage_url: z.string(), epoch: z.number().int(), _version: ytVersion.optional(),
});
/** `yt-dlp -J <video>` / `--dump-json` */
export const ytDlpVideoSchema = z.looseObject({
  id: z.string(), title: z.string(), duration: z.number().nullable(), upload_date: ytDate.nullable(),
  timestamp: z.number().int().nullable().optional(), channel: z.string().nullable(), channel_id: z.string().nullable(),
  uploader: z.string().nullable(), availability: z.enum(['private', 'premium_only', 'subscriber_only', 'needs_auth', 'unlisted', 'public']).nullable(),
  live_status: z.enum(['is_live', 'is_upcoming', 'was_live', 'not_live', 'post_live']).nullable(),
  webpage_url: z.string(), extractor: z.string(), ext: z.string(),
  formats: z.array(z.looseObject({ format_id: z.string(), url: z.string(), ext: z.string() })).optional(),
  thumbnails: z.array(z.looseObject({ url: z.string() })).optional(), epoch: z.number().int(),
});
/** A line printed by `--progress-template 'download:PROG %(progress._percent_str)s %(progress.speed)s %(progress.eta)s %(progress.downloaded_bytes)s/%(progress.total_bytes)s'`. */
export const ytDlpProgressLineSchema = z.string().regex(/^PROG +(\d+(\.\d+)?%|NA) (\d+(\.\d+)?|NA) (\d+|NA) (\d+|NA)\/(\d+|NA)$/);
/** A yt-dlp error line on stderr. */
export const ytDlpErrorLineSchema = z.string().regex(/^ERROR: (\[[\w:]+\] [\w-]+: )?.+$/);
