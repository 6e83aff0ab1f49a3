import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { Timestamp } from './users.js';

export const notificationTypes = [
  'request.approved',
  'request.declined',
  'request.available',
  'request.failed',
  'download.completed',
  'download.failed',
  'service.down',
  'service.up',
  'library.newContent',
] as const;
export const NotificationType = z.enum(notificationTypes);
export type NotificationType = z.infer<typeof NotificationType>;

/** How each type is shown in the preferences, who may receive it, and whether it is on by default. */
export const notificationTypeInfo: Record<NotificationType, { label: string; adminOnly: boolean; defaultOn: boolean }> = {
  'request.approved': { label: 'My request was approved', adminOnly: false, defaultOn: true },
  'request.declined': { label: 'My request was declined', adminOnly: false, defaultOn: true },
  'request.available': { label: 'My request is available', adminOnly: false, defaultOn: true },
  'request.failed': { label: 'My request failed', adminOnly: false, defaultOn: true },
  'download.completed': { label: 'My download finished', adminOnly: false, defaultOn: true },
  'download.failed': { label: 'My download failed', adminOnly: false, defaultOn: true },
  'service.down': { label: 'A service went down', adminOnly: true, defaultOn: true },
  'service.up': { label: 'A service is back up', adminOnly: true, defaultOn: true },
  'library.newContent': { label: 'New content in the library', adminOnly: false, defaultOn: false },
};

/** Socket.IO events of the `/notifications` namespace. */
export const NOTIFICATION_EVENTS = {
  /** A new notification (persisted: catch-up resends it): `{ notification, unreadCount }`. */
  created: 'notification:new',
  /** Read or deleted elsewhere (another tab): `{ unreadCount }`. */
  changed: 'notification:changed',
  /** Client → server: mark one read, `{ id }`; the acknowledgement carries `{ unreadCount }`. */
  markRead: 'notification:mark-read',
} as const;

export const Notification = z
  .object({
    id: z.uuid(),
    type: NotificationType,
    title: z.string(),
    body: z.string(),
    /** A path inside MediaNest (`/requests/…`) or an absolute URL. */
    link: z.string().nullable(),
    read: z.boolean(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

const NotificationId = z.object({ id: z.uuid({ error: 'must be a notification id' }) });
const UnreadCount = z.object({ unreadCount: z.number().int() });

export const listNotifications = defineEndpoint({
  method: 'get',
  path: '/notifications',
  summary: 'My notifications, newest first',
  tags: ['notifications'],
  access: { kind: 'user' },
  query: z.object({
    unread: z.enum(['true', 'false']).optional().describe('true: only unread ones'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  }),
  responses: { 200: z.object({ notifications: z.array(Notification), total: z.number().int(), unreadCount: z.number().int() }) },
});

export const getUnreadCount = defineEndpoint({
  method: 'get',
  path: '/notifications/unread-count',
  summary: 'How many of my notifications are unread',
  tags: ['notifications'],
  access: { kind: 'user' },
  responses: { 200: UnreadCount },
});

export const markNotificationRead = defineEndpoint({
  method: 'post',
  path: '/notifications/:id/read',
  summary: 'Mark one of my notifications read',
  tags: ['notifications'],
  access: { kind: 'user' },
  params: NotificationId,
  responses: { 200: z.object({ notification: Notification, unreadCount: z.number().int() }) },
});

export const markAllNotificationsRead = defineEndpoint({
  method: 'post',
  path: '/notifications/read-all',
  summary: 'Mark all my notifications read',
  tags: ['notifications'],
  access: { kind: 'user' },
  responses: { 200: z.object({ updated: z.number().int(), unreadCount: z.number().int() }) },
});

export const deleteNotification = defineEndpoint({
  method: 'delete',
  path: '/notifications/:id',
  summary: 'Delete one of my notifications',
  tags: ['notifications'],
  access: { kind: 'user' },
  params: NotificationId,
  responses: { 204: null },
});

// ---------------------------------------------------------------- preferences

/** `in-app` (the bell), or the id of an outbound channel the admin configured. */
export const PreferenceChannel = z.union([z.literal('in-app'), z.uuid()]);

export const NotificationPreference = z.object({
  type: NotificationType,
  channel: PreferenceChannel,
  enabled: z.boolean(),
});
export type NotificationPreference = z.infer<typeof NotificationPreference>;

export const NotificationPreferences = z
  .object({
    /** The channels I can opt into: the bell, then the enabled outbound channels. */
    channels: z.array(z.object({ id: PreferenceChannel, name: z.string(), kind: z.enum(['in-app', 'discord', 'webhook']) })),
    types: z.array(z.object({ type: NotificationType, label: z.string() })),
    /** One entry per type and channel (defaults filled in). */
    preferences: z.array(NotificationPreference),
  })
  .meta({ id: 'NotificationPreferences' });
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const getNotificationPreferences = defineEndpoint({
  method: 'get',
  path: '/notifications/preferences',
  summary: 'Which notifications I receive, and where',
  tags: ['notifications'],
  access: { kind: 'user' },
  responses: { 200: NotificationPreferences },
});

export const updateNotificationPreferences = defineEndpoint({
  method: 'put',
  path: '/notifications/preferences',
  summary: 'Change which notifications I receive, and where',
  description: 'Entries not sent keep their value.',
  tags: ['notifications'],
  access: { kind: 'user' },
  body: z.object({ preferences: z.array(NotificationPreference).min(1).max(500) }),
  responses: { 200: NotificationPreferences },
});

// ---------------------------------------------------------------- outbound channels (admin)

export const ChannelKind = z.enum(['discord', 'webhook']);

export const NotificationChannel = z
  .object({
    id: z.uuid(),
    kind: ChannelKind,
    name: z.string(),
    enabled: z.boolean(),
    /** Where it posts, without the secret parts (the webhook URL is stored encrypted). */
    target: z.string(),
    /** Generic webhook: the JSON body template. */
    template: z.string().nullable(),
    /** Generic webhook: the custom header's name (its value is secret and never returned). */
    headerName: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'NotificationChannel' });
export type NotificationChannel = z.infer<typeof NotificationChannel>;

const HeaderName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name such as X-Api-Key');
const WebhookUrl = z.url({ protocol: /^https?$/, error: 'must be a full http(s) URL' }).max(2000);

export const CreateChannelBody = z
  .object({
    kind: ChannelKind,
    name: z.string().trim().min(1).max(80),
    url: WebhookUrl,
    enabled: z.boolean().default(true),
    template: z.string().max(4000).optional(),
    header: z.object({ name: HeaderName, value: z.string().min(1).max(1000) }).optional(),
  })
  .refine((body) => body.kind === 'webhook' || (body.template === undefined && body.header === undefined), {
    error: 'template and header apply to generic webhooks only',
  });

export const UpdateChannelBody = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  url: WebhookUrl.optional(),
  enabled: z.boolean().optional(),
  template: z.string().max(4000).nullable().optional(),
  header: z.object({ name: HeaderName, value: z.string().min(1).max(1000) }).nullable().optional(),
});

const ChannelId = z.object({ id: z.uuid({ error: 'must be a channel id' }) });

export const listNotificationChannels = defineEndpoint({
  method: 'get',
  path: '/admin/notification-channels',
  summary: 'Outbound notification channels (Discord, webhooks)',
  tags: ['notifications'],
  access: { kind: 'admin' },
  responses: { 200: z.object({ channels: z.array(NotificationChannel) }) },
});

export const createNotificationChannel = defineEndpoint({
  method: 'post',
  path: '/admin/notification-channels',
  summary: 'Add an outbound channel',
  description:
    'Generic webhook templates are JSON with {{type}}, {{title}}, {{body}}, {{link}}, {{username}} and {{createdAt}} placeholders (inserted JSON-escaped).',
  tags: ['notifications'],
  access: { kind: 'admin' },
  body: CreateChannelBody,
  responses: { 201: NotificationChannel },
});

export const updateNotificationChannel = defineEndpoint({
  method: 'patch',
  path: '/admin/notification-channels/:id',
  summary: 'Change an outbound channel',
  tags: ['notifications'],
  access: { kind: 'admin' },
  params: ChannelId,
  body: UpdateChannelBody,
  responses: { 200: NotificationChannel },
});

export const deleteNotificationChannel = defineEndpoint({
  method: 'delete',
  path: '/admin/notification-channels/:id',
  summary: 'Remove an outbound channel (and its pending deliveries)',
  tags: ['notifications'],
  access: { kind: 'admin' },
  params: ChannelId,
  responses: { 204: null },
});

export const DeliveryStatus = z.enum(['pending', 'sent', 'dead']);

export const NotificationDelivery = z
  .object({
    id: z.uuid(),
    channelId: z.uuid(),
    channelName: z.string(),
    userId: z.uuid().nullable(),
    username: z.string().nullable(),
    type: NotificationType,
    title: z.string(),
    status: DeliveryStatus,
    attempts: z.number().int(),
    nextAttemptAt: Timestamp.nullable(),
    lastError: z.string().nullable(),
    createdAt: Timestamp,
    sentAt: Timestamp.nullable(),
  })
  .meta({ id: 'NotificationDelivery' });
export type NotificationDelivery = z.infer<typeof NotificationDelivery>;

export const listNotificationDeliveries = defineEndpoint({
  method: 'get',
  path: '/admin/notification-deliveries',
  summary: 'Outbound deliveries, newest first (dead: gave up after the retries)',
  tags: ['notifications'],
  access: { kind: 'admin' },
  query: z.object({
    status: DeliveryStatus.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  }),
  responses: { 200: z.object({ deliveries: z.array(NotificationDelivery), total: z.number().int() }) },
});

export const retryNotificationDelivery = defineEndpoint({
  method: 'post',
  path: '/admin/notification-deliveries/:id/retry',
  summary: 'Send a dead (or pending) delivery again now, with a fresh set of attempts',
  tags: ['notifications'],
  access: { kind: 'admin' },
  params: z.object({ id: z.uuid({ error: 'must be a delivery id' }) }),
  responses: { 200: NotificationDelivery },
});

export const notificationsEndpoints = [
  listNotifications,
  getUnreadCount,
  markAllNotificationsRead,
  getNotificationPreferences,
  updateNotificationPreferences,
  markNotificationRead,
  deleteNotification,
  listNotificationChannels,
  createNotificationChannel,
  updateNotificationChannel,
  deleteNotificationChannel,
  listNotificationDeliveries,
  retryNotificationDelivery,
] as const;
