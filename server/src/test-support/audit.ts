import { and, asc, eq, type SQL } from 'drizzle-orm';
import { auditEvents, type AuditEventRow } from '../modules/audit/audit.tables.js';
import type { TestApp } from './test-app.js';

/**
 * The audit rows matching a filter, oldest first, after every event handler has finished (audit rows
 * are written by an event subscriber, after the request has answered).
 */
export async function auditRows(
  app: TestApp,
  filter: { action?: string; targetId?: string; actorUserId?: string } = {},
): Promise<AuditEventRow[]> {
  await app.mediaNest.platform.events.idle();
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.targetId) conditions.push(eq(auditEvents.targetId, filter.targetId));
  if (filter.actorUserId) conditions.push(eq(auditEvents.actorUserId, filter.actorUserId));
  return app.mediaNest.platform.database.db
    .select()
    .from(auditEvents)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(auditEvents.id));
}
