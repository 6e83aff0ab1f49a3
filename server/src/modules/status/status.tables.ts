import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** One check of one service (raw history; kept 7 days). `service_id` is `plex`, `overseerr`, … or `check:<uuid>`. */
export const statusChecks = pgTable(
  'status_checks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    serviceId: text('service_id').notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
    /** up | down | degraded | unknown */
    state: text('state').notNull(),
    latencyMs: integer('latency_ms'),
    error: text('error'),
  },
  (t) => [index('status_checks_service_time_idx').on(t.serviceId, t.checkedAt), index('status_checks_time_idx').on(t.checkedAt)],
);

/**
 * Hourly rollups, updated with every check (kept 90 days): uptime for 24 h / 7 d / 30 d and the sparkline are
 * read from here, so the dashboard never scans the raw checks.
 */
export const statusRollups = pgTable(
  'status_rollups',
  {
    serviceId: text('service_id').notNull(),
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    checks: integer('checks').notNull(),
    /** Checks that were up or degraded (what uptime counts). */
    upChecks: integer('up_checks').notNull(),
    degradedChecks: integer('degraded_checks').notNull(),
    downChecks: integer('down_checks').notNull(),
    latencySumMs: bigint('latency_sum_ms', { mode: 'number' }).notNull(),
    latencyCount: integer('latency_count').notNull(),
    latencyMaxMs: integer('latency_max_ms'),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.hour] })],
);

/** The current state of each service: what a tile shows first, since when, and the last error. */
export const statusServices = pgTable('status_services', {
  serviceId: text('service_id').primaryKey(),
  state: text('state').notNull(),
  since: timestamp('since', { withTimezone: true }).notNull(),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
  latencyMs: integer('latency_ms'),
  lastError: text('last_error'),
  lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
});

/** A spell of `down`: opened by the first failed check, closed by the next good one. */
export const statusOutages = pgTable(
  'status_outages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: text('service_id').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    error: text('error'),
  },
  (t) => [
    index('status_outages_service_idx').on(t.serviceId, t.startedAt),
    index('status_outages_open_idx').on(t.serviceId).where(sql`${t.endedAt} is null`),
  ],
);

/** Custom HTTP checks an admin adds (name, URL, expected status). */
export const statusCustomChecks = pgTable('status_custom_checks', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  expectedStatus: integer('expected_status').notNull().default(200),
  intervalSeconds: integer('interval_seconds').notNull().default(60),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type StatusCheckRow = typeof statusChecks.$inferSelect;
export type CustomCheckRow = typeof statusCustomChecks.$inferSelect;
