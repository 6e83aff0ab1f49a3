import { createHash, randomBytes } from 'node:crypto';
import type { AuthResult, Session } from '@medianest/contracts';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { toUserDto, type UserRow, type UsersRepository } from '../users/index.js';
import type { CsrfGuard } from './auth.csrf.js';
import type { AccessDenylist } from './auth.denylist.js';
import { deviceName } from './auth.device.js';
import './auth.events.js';
import type { SessionRevokedReason, SignInMethod } from './auth.events.js';
import { SessionsRepository } from './auth.sessions.repository.js';
import type { AuthSessionRow } from './auth.tables.js';
import type { AccessTokens } from './auth.tokens.js';

export const REFRESH_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Where a request came from, for sessions, events and the audit trail. */
export interface RequestContext {
  ip: string | null;
  userAgent: string;
  requestId?: string | undefined;
}

/** A freshly issued pair of tokens for a session. */
export interface IssuedSession {
  user: UserRow;
  sessionId: string;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  csrfToken: string;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

const sessionEnded = () =>
  new AppError('UNAUTHENTICATED', 'This sign-in has ended (signed out, expired or revoked). Sign in again.');

export interface SessionServiceDeps {
  db: Database;
  events: EventBus;
  clock: Clock;
  users: UsersRepository;
  tokens: AccessTokens;
  denylist: AccessDenylist;
  csrf: CsrfGuard;
  refreshTtlMs?: number;
}

/**
 * Sessions (one per signed-in device) and their tokens: a short-lived access JWT and an opaque refresh
 * token, stored hashed, that works once. Rotation issues a new refresh token in the same family (the
 * session); presenting a spent one revokes the family (RFC 9700 §4.14).
 */
export class SessionService {
  private readonly sessions: SessionsRepository;
  private readonly refreshTtlMs: number;

  constructor(private readonly deps: SessionServiceDeps) {
    this.sessions = new SessionsRepository(deps.db);
    this.refreshTtlMs = deps.refreshTtlMs ?? REFRESH_TOKEN_TTL_MS;
  }

  /** Opens a session for a user who has just proven who they are. */
  async open(user: UserRow, method: SignInMethod, ctx: RequestContext): Promise<IssuedSession> {
    const now = this.deps.clock.now();
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshTokenExpiresAt = new Date(now.getTime() + this.refreshTtlMs);
    const { session, signedIn } = await inTransaction(
      this.deps.db,
      this.deps.events,
      async (tx, pending) => {
        const session = await this.sessions.with(tx).create(
          {
            userId: user.id,
            method,
            deviceName: deviceName(ctx.userAgent),
            userAgent: ctx.userAgent.slice(0, 512) || null,
            ip: ctx.ip,
            expiresAt: refreshTokenExpiresAt,
          },
          now,
        );
        await this.sessions.with(tx).addRefreshToken(session.id, hashToken(refreshToken), now, refreshTokenExpiresAt);
        const signedIn = (await this.deps.users.with(tx).update(user.id, { lastLoginAt: now })) ?? user;
        pending.add('user.loggedIn', {
          userId: user.id,
          username: user.username,
          sessionId: session.id,
          method,
          deviceName: session.deviceName,
          ip: ctx.ip,
        });
        return { session, signedIn };
      },
      ctx.requestId,
    );
    return this.issue(signedIn, session.id, refreshToken, refreshTokenExpiresAt);
  }

  /** Rotates a refresh token: the old one is spent, a new one and a new access token come back. */
  async refresh(refreshToken: string, ctx: RequestContext): Promise<IssuedSession> {
    const now = this.deps.clock.now();
    const tokenHash = hashToken(refreshToken);
    const next = randomBytes(32).toString('base64url');
    const nextExpiresAt = new Date(now.getTime() + this.refreshTtlMs);
    const outcome = await inTransaction(
      this.deps.db,
      this.deps.events,
      async (tx, pending) => {
        const sessions = this.sessions.with(tx);
        const spent = await sessions.spendRefreshToken(tokenHash, now);
        if (!spent) {
          const known = await sessions.findRefreshToken(tokenHash);
          if (!known) return { kind: 'unknown' as const };
          if (known.rotatedAt === null) return { kind: 'expired' as const };
          // Reuse of a spent token: someone holds a copy. End the whole family.
          const session = await sessions.find(known.sessionId);
          if (!session) return { kind: 'unknown' as const };
          pending.add('refreshToken.reused', { sessionId: session.id, userId: session.userId, ip: ctx.ip });
          if (session.revokedAt === null) {
            await sessions.revoke(session.userId, session.id, { at: now, reason: 'refresh-token-reuse', by: null });
            pending.add('session.revoked', {
              sessionId: session.id,
              userId: session.userId,
              actorUserId: null,
              reason: 'refresh-token-reuse',
              ip: ctx.ip,
            });
          }
          return { kind: 'reused' as const, sessionId: session.id };
        }
        const session = await sessions.extendLive(spent.sessionId, { ip: ctx.ip, lastSeenAt: now, expiresAt: nextExpiresAt });
        if (!session) return { kind: 'ended' as const };
        const user = await this.deps.users.with(tx).findById(session.userId);
        // Rolling back also un-spends the token: a disabled user's session keeps no trace of this call.
        if (!user || user.disabledAt !== null) throw new AppError('USER_DISABLED', 'Your account is disabled. Ask the administrator of this MediaNest.');
        await sessions.addRefreshToken(session.id, hashToken(next), now, nextExpiresAt);
        return { kind: 'rotated' as const, user, sessionId: session.id };
      },
      ctx.requestId,
    );
    switch (outcome.kind) {
      case 'rotated':
        return this.issue(outcome.user, outcome.sessionId, next, nextExpiresAt);
      case 'reused':
        await this.deps.denylist.revokeSessions([outcome.sessionId]);
        throw new AppError(
          'TOKEN_INVALID',
          'This sign-in was ended for safety: an old copy of its refresh token was used. Sign in again.',
        );
      case 'expired':
        throw new AppError('TOKEN_EXPIRED', 'Your sign-in has expired. Sign in again.');
      case 'ended':
        throw sessionEnded();
      default:
        throw new AppError('TOKEN_INVALID', 'The refresh token is not valid. Sign in again.');
    }
  }

  /** Signs out the session behind a refresh token or an access token; quiet when there is none. */
  async logout(by: { refreshToken?: string | undefined; sessionId?: string | null | undefined }, ctx: RequestContext): Promise<void> {
    let sessionId = by.sessionId ?? undefined;
    if (!sessionId && by.refreshToken) sessionId = (await this.sessions.findRefreshToken(hashToken(by.refreshToken)))?.sessionId;
    if (!sessionId) return;
    const session = await this.sessions.find(sessionId);
    if (!session || session.revokedAt !== null) return;
    await this.revokeOne(session.userId, session.id, { actorUserId: session.userId, reason: 'logout' }, ctx);
  }

  /** Active sessions of a user, marking the one making the request. */
  async list(userId: string, currentSessionId: string | null): Promise<Session[]> {
    const rows = await this.sessions.listActive(userId, this.deps.clock.now());
    return rows.map((row) => toSessionDto(row, currentSessionId));
  }

  /** Revokes one session of `userId`; 404 when that user has no such live session. */
  async revokeOne(
    userId: string,
    sessionId: string,
    by: { actorUserId: string | null; reason: SessionRevokedReason },
    ctx: Pick<RequestContext, 'ip' | 'requestId'>,
  ): Promise<void> {
    const now = this.deps.clock.now();
    const revoked = await inTransaction(
      this.deps.db,
      this.deps.events,
      async (tx, pending) => {
        const row = await this.sessions.with(tx).revoke(userId, sessionId, { at: now, reason: by.reason, by: by.actorUserId });
        if (!row) return undefined;
        if (by.reason === 'logout') pending.add('user.loggedOut', { userId, sessionId, ip: ctx.ip });
        pending.add('session.revoked', { sessionId, userId, actorUserId: by.actorUserId, reason: by.reason, ip: ctx.ip });
        return row;
      },
      ctx.requestId,
    );
    if (!revoked) throw notFound('The session');
    await this.deps.denylist.revokeSessions([sessionId]);
  }

  /** Revokes every live session of a user (but `exceptSessionId`); returns how many. */
  async revokeAll(
    userId: string,
    by: { actorUserId: string | null; reason: SessionRevokedReason; exceptSessionId?: string | null },
    ctx: Pick<RequestContext, 'ip' | 'requestId'>,
  ): Promise<number> {
    const now = this.deps.clock.now();
    const ids = await inTransaction(
      this.deps.db,
      this.deps.events,
      async (tx, pending) => {
        const ids = await this.sessions
          .with(tx)
          .revokeAll(userId, { at: now, reason: by.reason, by: by.actorUserId }, by.exceptSessionId);
        for (const sessionId of ids) {
          pending.add('session.revoked', { sessionId, userId, actorUserId: by.actorUserId, reason: by.reason, ip: ctx.ip });
        }
        return ids;
      },
      ctx.requestId,
    );
    await this.deps.denylist.revokeSessions(ids);
    return ids.length;
  }

  /**
   * Refills the denylist from the database: sessions revoked and users changed within one access-token
   * lifetime. Needed after a restart when the denylist lived in memory.
   */
  async rebuildDenylist(): Promise<void> {
    const since = new Date(this.deps.clock.now().getTime() - this.deps.tokens.ttlSeconds * 1000 - 60_000);
    await this.deps.denylist.revokeSessions(await this.sessions.revokedSince(since));
    for (const user of await this.deps.users.accessChangedSince(since)) {
      await this.deps.denylist.setAuthVersion(user.id, user.authVersion);
    }
  }

  /** Housekeeping, run periodically: drops expired refresh tokens and sessions ended over 30 days ago. */
  async prune(): Promise<{ tokens: number; sessions: number }> {
    return this.sessions.prune(this.deps.clock.now(), 30 * 24 * 60 * 60 * 1000);
  }

  private async issue(user: UserRow, sessionId: string, refreshToken: string, refreshTokenExpiresAt: Date): Promise<IssuedSession> {
    const access = await this.deps.tokens.issue({
      userId: user.id,
      sessionId,
      role: user.role,
      permissions: user.permissions,
      authVersion: user.authVersion,
    });
    return {
      user,
      sessionId,
      accessToken: access.token,
      accessTokenExpiresAt: access.claims.expiresAt,
      refreshToken,
      refreshTokenExpiresAt,
      csrfToken: this.deps.csrf.tokenFor(sessionId),
    };
  }
}

export function toSessionDto(row: AuthSessionRow, currentSessionId: string | null): Session {
  return {
    id: row.id,
    userId: row.userId,
    deviceName: row.deviceName,
    method: row.method,
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    current: row.id === currentSessionId,
  };
}

/** The response body of a sign-in or refresh; the refresh token only when the client asked for it. */
export function toAuthResult(issued: IssuedSession, delivery: 'cookie' | 'body'): AuthResult {
  return {
    user: toUserDto(issued.user),
    sessionId: issued.sessionId,
    accessToken: issued.accessToken,
    accessTokenExpiresAt: issued.accessTokenExpiresAt.toISOString(),
    csrfToken: issued.csrfToken,
    refreshTokenExpiresAt: issued.refreshTokenExpiresAt.toISOString(),
    ...(delivery === 'body' ? { refreshToken: issued.refreshToken } : {}),
  };
}
