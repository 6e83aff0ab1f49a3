import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Pushed events that matter after a disconnection (notifications, request and download state). The
 * bigserial id is the monotonic id clients keep: on reconnecting they send the last one and receive
 * the rows after it whose rooms they are in. Old rows are pruned (a reconnecting client that missed
 * more than the retention reloads its state).
 */
export const realtimeEvents = pgTable(
  'realtime_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    namespace: text('namespace').notNull(),
    event: text('event').notNull(),
    /** Rooms it was sent to: `user:<id>`, `role:<role>`. */
    rooms: text('rooms').array().notNull(),
    data: jsonb('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('realtime_events_created_at_idx').on(t.createdAt)],
);

export type RealtimeEventRow = typeof realtimeEvents.$inferSelect;
