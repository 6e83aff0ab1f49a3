import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { apiKeys, type ApiKeyRow } from './auth.tables.js';

export class ApiKeysRepository {
  constructor(private readonly db: Database) {}

  with(db: Database): ApiKeysRepository {
    return new ApiKeysRepository(db);
  }

  async create(values: Pick<ApiKeyRow, 'id' | 'userId' | 'name' | 'scopes' | 'prefix' | 'secretHash' | 'createdAt' | 'expiresAt'>) {
    const [row] = await this.db.insert(apiKeys).values(values).returning();
    return row!;
  }

  async find(id: string): Promise<ApiKeyRow | undefined> {
    const [row] = await this.db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
    return row;
  }

  async listActive(userId: string): Promise<ApiKeyRow[]> {
    return this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
      .orderBy(desc(apiKeys.createdAt));
  }

  async revoke(userId: string, id: string, at: Date): Promise<ApiKeyRow | undefined> {
    const [row] = await this.db
      .update(apiKeys)
      .set({ revokedAt: at })
      .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
      .returning();
    return row;
  }

  /** Records use at most once a minute per key, so a busy script does not write on every request. */
  async touch(id: string, at: Date): Promise<void> {
    const aMinuteAgo = new Date(at.getTime() - 60_000);
    await this.db
      .update(apiKeys)
      .set({ lastUsedAt: at })
      .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, aMinuteAgo))));
  }
}
