import { and, arrayOverlaps, asc, eq, gt, lt, max } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { realtimeEvents, type RealtimeEventRow } from './realtime.tables.js';

/** The persisted side of the live channel: what a reconnecting client may have missed. */
export class RealtimeRepository {
  constructor(private readonly db: Database) {}

  async append(event: { namespace: string; event: string; rooms: string[]; data: unknown }, at: Date): Promise<number> {
    const [row] = await this.db
      .insert(realtimeEvents)
      .values({ namespace: event.namespace, event: event.event, rooms: event.rooms, data: event.data ?? null, createdAt: at })
      .returning({ id: realtimeEvents.id });
    return row!.id;
  }

  /** Events after `lastId` on a namespace that were sent to any of `rooms`, oldest first. */
  since(namespace: string, rooms: string[], lastId: number, limit: number): Promise<RealtimeEventRow[]> {
    return this.db
      .select()
      .from(realtimeEvents)
      .where(and(eq(realtimeEvents.namespace, namespace), gt(realtimeEvents.id, lastId), arrayOverlaps(realtimeEvents.rooms, rooms)))
      .orderBy(asc(realtimeEvents.id))
      .limit(limit);
  }

  async newestId(): Promise<number> {
    const [row] = await this.db.select({ id: max(realtimeEvents.id) }).from(realtimeEvents);
    return Number(row?.id ?? 0);
  }

  async pruneBefore(cutoff: Date): Promise<number> {
    const rows = await this.db.delete(realtimeEvents).where(lt(realtimeEvents.createdAt, cutoff)).returning({ id: realtimeEvents.id });
    return rows.length;
  }
}
