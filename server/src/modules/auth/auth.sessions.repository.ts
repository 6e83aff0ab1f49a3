import { and, desc, eq, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { authSessions, refreshTokens, type AuthSessionRow, type RefreshTokenRow } from './auth.tables.js';

export type NewSession = Pick<AuthSessionRow, 'userId' | 'method' | 'deviceName' | 'userAgent' | 'ip' | 'expiresAt'>;

export interface Revocation {
  at: Date;
  reason: string;
  by: string | null;
}

/** Sessions and their refresh tokens. */
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  with(db: Database): SessionsRepository {
    return new SessionsRepository(db);
  }

  async create(session: NewSession, now: Date): Promise<AuthSessionRow> {
    const [row] = await this.db
      .insert(authSessions)
      .values({ ...session, createdAt: now, lastSeenAt: now })
      .returning();
    return row!;
  }

  async find(id: string): Promise<AuthSessionRow | undefined> {
    const [row] = await this.db.select().from(authSessions).where(eq(authSessions.id, id)).limit(1);
    return row;
  }

  async touch(id: string, values: { ip: string | null; lastSeenAt: Date; expiresAt: Date }): Promise<void> {
    await this.db.update(authSessions).set(values).where(eq(authSessions.id, id));
  }

  /** Sessions that still work: not revoked and not expired; most recently used first. */
  async listActive(userId: string, now: Date): Promise<AuthSessionRow[]> {
    return this.db
      .select()
      .from(authSessions)
      .where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now)))
      .orderBy(desc(authSessions.lastSeenAt));
  }

  /** Revokes one active session of a user; undefined when there is none with that id for that user. */
  async revoke(userId: string, sessionId: string, revocation: Revocation): Promise<AuthSessionRow | undefined> {
    const [row] = await this.db
      .update(authSessions)
      .set({ revokedAt: revocation.at, revokedReason: revocation.reason, revokedBy: revocation.by })
      .where(and(eq(authSessions.id, sessionId), eq(authSessions.userId, userId), isNull(authSessions.revokedAt)))
      .returning();
    return row;
  }

  /** Revokes every live session of a user, optionally but one; returns the ids revoked. */
  async revokeAll(userId: string, revocation: Revocation, exceptSessionId?: string | null): Promise<string[]> {
    const rows = await this.db
      .update(authSessions)
      .set({ revokedAt: revocation.at, revokedReason: revocation.reason, revokedBy: revocation.by })
      .where(
        and(
          eq(authSessions.userId, userId),
          isNull(authSessions.revokedAt),
          gt(authSessions.expiresAt, revocation.at),
          exceptSessionId ? ne(authSessions.id, exceptSessionId) : undefined,
        ),
      )
      .returning({ id: authSessions.id });
    return rows.map((row) => row.id);
  }

  /** Sessions revoked since `since` (to rebuild the denylist after a restart in embedded mode). */
  async revokedSince(since: Date): Promise<string[]> {
    const rows = await this.db
      .select({ id: authSessions.id })
      .from(authSessions)
      .where(gt(authSessions.revokedAt, since));
    return rows.map((row) => row.id);
  }

  async addRefreshToken(sessionId: string, tokenHash: string, now: Date, expiresAt: Date): Promise<void> {
    await this.db.insert(refreshTokens).values({ sessionId, tokenHash, createdAt: now, expiresAt });
  }

  /**
   * Marks a refresh token spent, atomically: of two requests presenting the same token, exactly one
   * gets the row back. Undefined when the token is unknown, spent or expired.
   */
  async spendRefreshToken(tokenHash: string, now: Date): Promise<RefreshTokenRow | undefined> {
    const [row] = await this.db
      .update(refreshTokens)
      .set({ rotatedAt: now })
      .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.rotatedAt), gt(refreshTokens.expiresAt, now)))
      .returning();
    return row;
  }

  async findRefreshToken(tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const [row] = await this.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).limit(1);
    return row;
  }

  /** Spent tokens are kept until they expire (to recognise reuse), then dropped. */
  async pruneRefreshTokens(sessionId: string, now: Date): Promise<void> {
    await this.db
      .delete(refreshTokens)
      .where(and(eq(refreshTokens.sessionId, sessionId), lt(refreshTokens.expiresAt, now)));
  }

  async countActive(userIds: readonly string[], now: Date): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .select({ userId: authSessions.userId, n: sql<number>`count(*)::int` })
      .from(authSessions)
      .where(and(inArray(authSessions.userId, [...userIds]), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now)))
      .groupBy(authSessions.userId);
    return new Map(rows.map((row) => [row.userId, row.n]));
  }
}
