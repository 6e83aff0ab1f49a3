import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { notificationPreferences, notifications, type NotificationRow } from './notifications.tables.js';

export interface NewNotification {
  userId: string;
  type: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
}

/** The bell: notifications and the preferences of each user. Every query is scoped to one user. */
export class NotificationsRepository {
  constructor(private readonly db: Database) {}

  with(db: Database): NotificationsRepository {
    return new NotificationsRepository(db);
  }

  async insert(values: NewNotification): Promise<NotificationRow> {
    const [row] = await this.db.insert(notifications).values(values).returning();
    return row!;
  }

  async list(
    userId: string,
    options: { unreadOnly: boolean; limit: number; offset: number },
  ): Promise<{ rows: NotificationRow[]; total: number }> {
    const where = and(eq(notifications.userId, userId), options.unreadOnly ? isNull(notifications.readAt) : undefined);
    const [rows, totals] = await Promise.all([
      this.db
        .select()
        .from(notifications)
        .where(where)
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(options.limit)
        .offset(options.offset),
      this.db.select({ n: count() }).from(notifications).where(where),
    ]);
    return { rows, total: totals[0]?.n ?? 0 };
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    return row?.n ?? 0;
  }

  async markRead(userId: string, id: string, at: Date): Promise<NotificationRow | undefined> {
    const [row] = await this.db
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
      .where(and(eq(notifications.userId, userId), eq(notifications.id, id)))
      .returning();
    return row;
  }

  async markAllRead(userId: string, at: Date): Promise<number> {
    const rows = await this.db
      .update(notifications)
      .set({ readAt: at })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return rows.length;
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.id, id)))
      .returning({ id: notifications.id });
    return rows.length > 0;
  }

  /** The choices users made (absent: the type's default). */
  async preferences(userIds: string[]): Promise<{ userId: string; type: string; channel: string; enabled: boolean }[]> {
    if (userIds.length === 0) return [];
    return this.db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, userIds));
  }

  async savePreferences(userId: string, entries: { type: string; channel: string; enabled: boolean }[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db
      .insert(notificationPreferences)
      .values(entries.map((entry) => ({ userId, ...entry })))
      .onConflictDoUpdate({
        target: [notificationPreferences.userId, notificationPreferences.type, notificationPreferences.channel],
        set: { enabled: sql`excluded.enabled` },
      });
  }
}
