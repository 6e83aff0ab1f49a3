import type { AuditEntry as AuditEntryDto, AuditFilter } from '@medianest/contracts';
import { and, count, desc, eq, gte, like, lt, lte, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { auditEvents, type AuditEventRow } from './audit.tables.js';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(filter: AuditFilter): SQL | undefined {
  if (filter.from && filter.to && Date.parse(filter.from) > Date.parse(filter.to)) {
    throw new AppError('VALIDATION_FAILED', 'query.from: must not be after query.to.');
  }
  const where: SQL[] = [];
  if (filter.actor) where.push(eq(auditEvents.actorUserId, filter.actor));
  if (filter.action) {
    where.push(
      filter.action.endsWith('.*')
        ? like(auditEvents.action, `${escapeLike(filter.action.slice(0, -1))}%`)
        : eq(auditEvents.action, filter.action),
    );
  }
  if (filter.targetType) where.push(eq(auditEvents.targetType, filter.targetType));
  if (filter.targetId) where.push(eq(auditEvents.targetId, filter.targetId));
  if (filter.outcome) where.push(eq(auditEvents.outcome, filter.outcome));
  if (filter.from) where.push(gte(auditEvents.occurredAt, new Date(filter.from)));
  if (filter.to) where.push(lte(auditEvents.occurredAt, new Date(filter.to)));
  return where.length > 0 ? and(...where) : undefined;
}

export function toAuditDto(row: AuditEventRow): AuditEntryDto {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actorUserId: row.actorUserId,
    actorLabel: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    outcome: row.outcome,
    ip: row.ip,
    requestId: row.requestId,
    details: (row.details as Record<string, unknown> | null) ?? null,
  };
}

/** Reads the audit trail (admins). There is deliberately no update or delete here or anywhere. */
export class AuditReader {
  constructor(private readonly db: Database) {}

  async search(filter: AuditFilter & { limit: number; offset: number }): Promise<{ entries: AuditEntryDto[]; total: number }> {
    const where = conditions(filter);
    const [rows, totals] = await Promise.all([
      this.db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.id)).limit(filter.limit).offset(filter.offset),
      this.db.select({ n: count() }).from(auditEvents).where(where),
    ]);
    return { entries: rows.map(toAuditDto), total: totals[0]?.n ?? 0 };
  }

  /** Every matching row, newest first, a page at a time (keyset paging: constant memory for any size). */
  async *stream(filter: AuditFilter, pageSize = 1_000): AsyncGenerator<AuditEventRow[]> {
    const where = conditions(filter);
    let before: number | undefined;
    for (;;) {
      const page = await this.db
        .select()
        .from(auditEvents)
        .where(and(where, before === undefined ? undefined : lt(auditEvents.id, before)))
        .orderBy(desc(auditEvents.id))
        .limit(pageSize);
      if (page.length === 0) return;
      yield page;
      if (page.length < pageSize) return;
      before = page.at(-1)!.id;
    }
  }
}
