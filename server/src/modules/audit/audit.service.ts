import type { Database } from '../../platform/db/database.js';
import { auditEvents } from './audit.tables.js';

export interface AuditEntry {
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  actorUserId?: string | null;
  actorLabel?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown> | null;
}

/** Writes the append-only audit trail. */
export class AuditLog {
  constructor(private readonly db: Database) {}

  async record(entry: AuditEntry): Promise<number> {
    const [row] = await this.db
      .insert(auditEvents)
      .values({
        action: entry.action,
        outcome: entry.outcome,
        actorUserId: entry.actorUserId ?? null,
        actorLabel: entry.actorLabel ?? null,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        ip: entry.ip ?? null,
        requestId: entry.requestId ?? null,
        details: entry.details ?? null,
      })
      .returning({ id: auditEvents.id });
    return row!.id;
  }
}
