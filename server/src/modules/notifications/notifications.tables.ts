import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A user's notifications (the bell). Users are referenced by id without a foreign key, like the other
 * contexts' tables: the users context owns its table; a deleted user's rows are pruned with them.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    type: text('type').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_created_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

/** Only the choices a user changed; everything else follows the type's default. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id').notNull(),
    type: text('type').notNull(),
    /** `in-app` or an outbound channel's id. */
    channel: text('channel').notNull(),
    enabled: boolean('enabled').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.type, t.channel] })],
);

/** Outbound channels the admin configured. The URL (it holds the webhook's token) and header value are sealed. */
export const notificationChannels = pgTable('notification_channels', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: ['discord', 'webhook'] }).notNull(),
  name: text('name').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  urlSealed: text('url_sealed').notNull(),
  /** scheme://host of the URL, shown to the admin. */
  target: text('target').notNull(),
  template: text('template'),
  headerName: text('header_name'),
  headerValueSealed: text('header_value_sealed'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One notification to send through one channel: a job. The delivery worker claims due rows, sends,
 * and either marks them sent or schedules the next attempt; after the last attempt they are `dead`
 * (kept, visible to the admin, who may retry them).
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => notificationChannels.id, { onDelete: 'cascade' }),
    userId: uuid('user_id'),
    username: text('username'),
    type: text('type').notNull(),
    /** What is sent: title, body, link, createdAt (self-contained, so the bell's row may be deleted). */
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'dead'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('notification_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('notification_deliveries_created_idx').on(t.createdAt),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;
export type ChannelRow = typeof notificationChannels.$inferSelect;
export type DeliveryRow = typeof notificationDeliveries.$inferSelect;
