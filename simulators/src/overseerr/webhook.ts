import type { Catalog } from '../tmdb/catalog.js';
import { MediaStatus, NotificationType, type NotificationTypeName, type OverseerrMedia, type OverseerrRequest, type OverseerrUser } from './model.js';

export interface WebhookConfig {
  url: string;
  /** Sent as the `Authorization` header when set (Overseerr's "Authorization Header" setting). */
  authHeader?: string;
  /** Bitmask of `NotificationType`s to send; default: every type. */
  types?: number;
}

export interface WebhookDelivery {
  notificationType: NotificationTypeName;
  body: Record<string, unknown>;
  /** HTTP status of the receiver, or undefined when the POST failed. */
  status?: number;
  error?: string;
}

const statusName = (status: number) =>
  (Object.entries(MediaStatus).find(([, value]) => value === status)?.[0] ?? 'UNKNOWN') as keyof typeof MediaStatus;

const EVENTS: Partial<Record<NotificationTypeName, [string, string]>> = {
  MEDIA_PENDING: ['New Movie Request', 'New Series Request'],
  MEDIA_APPROVED: ['Movie Request Approved', 'Series Request Approved'],
  MEDIA_AUTO_APPROVED: ['Movie Request Automatically Approved', 'Series Request Automatically Approved'],
  MEDIA_DECLINED: ['Movie Request Declined', 'Series Request Declined'],
  MEDIA_FAILED: ['Movie Request Failed', 'Series Request Failed'],
  MEDIA_AVAILABLE: ['Movie Request Now Available', 'Series Request Now Available'],
  MEDIA_AUTO_REQUESTED: ['Movie Request Automatically Submitted', 'Series Request Automatically Submitted'],
};

/**
 * Overseerr's webhook agent with the default JSON template: every value a string, media statuses as enum
 * names, `issue`/`comment` null, `extra` listing requested seasons.
 */
export function webhookBody(
  type: NotificationTypeName,
  catalog: Catalog,
  context?: { request: OverseerrRequest; media: OverseerrMedia; requestedBy: OverseerrUser },
): Record<string, unknown> {
  if (!context) {
    return {
      notification_type: type, event: '', subject: 'Test Notification',
      message: 'Check check, 1, 2, 3. Are we coming in clear?', image: '', media: null, request: null, issue: null, comment: null, extra: [],
    };
  }
  const { request, media, requestedBy } = context;
  const movie = media.mediaType === 'movie' ? catalog.movie(media.tmdbId) : undefined;
  const show = media.mediaType === 'tv' ? catalog.show(media.tmdbId) : undefined;
  const title = movie?.title ?? show?.name ?? `TMDB ${media.tmdbId}`;
  const year = movie?.year ?? show?.year;
  const events = EVENTS[type];
  const event = events ? `${request.is4k ? '4K ' : ''}${media.mediaType === 'movie' ? events[0] : events[1]}` : '';
  return {
    notification_type: type,
    event,
    subject: year ? `${title} (${year})` : title,
    message: movie?.overview ?? show?.overview ?? '',
    image: `https://image.tmdb.org/t/p/w600_and_h900_bestv2${movie?.posterPath ?? show?.posterPath ?? ''}`,
    media: {
      media_type: media.mediaType,
      tmdbId: String(media.tmdbId),
      tvdbId: media.tvdbId === null ? '' : String(media.tvdbId),
      status: statusName(media.status),
      status4k: statusName(media.status4k),
    },
    request: {
      request_id: String(request.id),
      requestedBy_email: requestedBy.email,
      requestedBy_username: requestedBy.plexUsername ?? requestedBy.email,
      requestedBy_avatar: requestedBy.avatar,
      requestedBy_settings_discordId: '',
      requestedBy_settings_telegramChatId: '',
    },
    issue: null,
    comment: null,
    extra: request.type === 'tv' ? [{ name: 'Requested Seasons', value: request.seasons.map((s) => s.seasonNumber).join(', ') }] : [],
  };
}

export async function deliver(config: WebhookConfig, type: NotificationTypeName, body: Record<string, unknown>): Promise<WebhookDelivery | undefined> {
  const mask = config.types ?? 0xffff;
  if (type !== 'TEST_NOTIFICATION' && (mask & NotificationType[type]) === 0) return undefined;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (config.authHeader) headers.Authorization = config.authHeader;
  try {
    const response = await fetch(config.url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return { notificationType: type, body, status: response.status };
  } catch (error) {
    return { notificationType: type, body, error: (error as Error).message };
  }
}
