import type { NotificationDelivery } from '@medianest/contracts';
import { and, asc, count, desc, eq, inArray, lte } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import type { OutboundMessage } from './notifications.render.js';
import { notificationChannels, notificationDeliveries, type DeliveryRow } from './notifications.tables.js';

export interface NewDelivery {
  channelId: string;
  userId: string | null;
  username: string | null;
  type: string;
  payload: OutboundMessage;
  nextAttemptAt: Date;
}

type DeliveryWithChannel = DeliveryRow & { channelName: string };

export function toDeliveryDto(row: DeliveryWithChannel): NotificationDelivery {
  const payload = row.payload as OutboundMessage;
  return {
    id: row.id,
    channelId: row.channelId,
    channelName: row.channelName,
    userId: row.userId,
    username: row.username,
    type: row.type as NotificationDelivery['type'],
    title: payload.title,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

/** The outbound delivery jobs. */
export class DeliveriesRepository {
  constructor(private readonly db: Database) {}

  with(db: Database): DeliveriesRepository {
    return new DeliveriesRepository(db);
  }

  async enqueue(deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.db.insert(notificationDeliveries).values(deliveries.map((d) => ({ ...d, createdAt: d.nextAttemptAt })));
  }

  /**
   * Takes up to `limit` due jobs: their next attempt moves `leaseMs` ahead, so another worker (or this
   * one after a crash) picks them up again only if this one never settles them. SKIP LOCKED lets
   * several workers claim side by side.
   */
  async claimDue(now: Date, leaseMs: number, limit: number): Promise<DeliveryRow[]> {
    const due = this.db
      .select({ id: notificationDeliveries.id })
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.status, 'pending'), lte(notificationDeliveries.nextAttemptAt, now)))
      .orderBy(asc(notificationDeliveries.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    return this.db
      .update(notificationDeliveries)
      .set({ nextAttemptAt: new Date(now.getTime() + leaseMs) })
      .where(inArray(notificationDeliveries.id, due))
      .returning();
  }

  async markSent(id: string, attempts: number, at: Date): Promise<void> {
    await this.db
      .update(notificationDeliveries)
      .set({ status: 'sent', attempts, sentAt: at, lastError: null, nextAttemptAt: null })
      .where(eq(notificationDeliveries.id, id));
  }

  async markFailed(id: string, attempts: number, error: string, nextAttemptAt: Date | null): Promise<void> {
    await this.db
      .update(notificationDeliveries)
      .set({ status: nextAttemptAt ? 'pending' : 'dead', attempts, lastError: error.slice(0, 500), nextAttemptAt })
      .where(eq(notificationDeliveries.id, id));
  }

  async list(filter: { status?: 'pending' | 'sent' | 'dead'; limit: number; offset: number }): Promise<{ rows: DeliveryWithChannel[]; total: number }> {
    const where = filter.status ? eq(notificationDeliveries.status, filter.status) : undefined;
    const [rows, totals] = await Promise.all([
      this.db
        .select({ delivery: notificationDeliveries, channelName: notificationChannels.name })
        .from(notificationDeliveries)
        .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
        .where(where)
        .orderBy(desc(notificationDeliveries.createdAt), desc(notificationDeliveries.id))
        .limit(filter.limit)
        .offset(filter.offset),
      this.db.select({ n: count() }).from(notificationDeliveries).where(where),
    ]);
    return { rows: rows.map((r) => ({ ...r.delivery, channelName: r.channelName })), total: totals[0]?.n ?? 0 };
  }

  async get(id: string): Promise<DeliveryWithChannel | undefined> {
    const [row] = await this.db
      .select({ delivery: notificationDeliveries, channelName: notificationChannels.name })
      .from(notificationDeliveries)
      .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
      .where(eq(notificationDeliveries.id, id));
    return row ? { ...row.delivery, channelName: row.channelName } : undefined;
  }

  /** A fresh set of attempts, due now. */
  async requeue(id: string, now: Date): Promise<void> {
    await this.db
      .update(notificationDeliveries)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now })
      .where(eq(notificationDeliveries.id, id));
  }
}
