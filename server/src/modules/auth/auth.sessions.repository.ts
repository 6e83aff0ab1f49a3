import { and, desc, eq, gt, isNull, lt, ne, or } from 'drizzle-orm';
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

  /**
   * Extends a live session (not revoked, not expired) and returns it; undefined when it has ended.
   * One statement: the refresh path is hot.
   */
  async extendLive(id: string, values: { ip: string | null; lastSeenAt: Date; expiresAt: Date }): Promise<AuthSessionRow | undefined> {
    const [row] = await this.db
      .update(authSessions)
      .set(values)
      .where(and(eq(authSessions.id, id), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, values.lastSeenAt)))
      .returning();
    return row;
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

  /**
   * Spent refresh tokens are kept until they expire (to recognise reuse), then dropped; so are their
   * sessions once ended for longer than `keepEndedSessions` (the session list and audit do not need them).
   */
  async prune(now: Date, keepEndedSessionsMs: number): Promise<{ tokens: number; sessions: number }> {
    const tokens = await this.db.delete(refreshTokens).where(lt(refreshTokens.expiresAt, now)).returning({ id: refreshTokens.id });
    const before = new Date(now.getTime() - keepEndedSessionsMs);
    const sessions = await this.db
      .delete(authSessions)
      .where(or(lt(authSessions.expiresAt, before), lt(authSessions.revokedAt, before)))
      .returning({ id: authSessions.id });
    return { tokens: tokens.length, sessions: sessions.length };
  }

}
